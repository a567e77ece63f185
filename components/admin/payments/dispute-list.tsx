import { getTranslations } from 'next-intl/server';
import type { Dispute, Payment } from '@/db/schema';
import { giftAidDue } from '@/lib/gift-aid/eligibility';
import { giftAidStatus } from '@/lib/gift-aid/status';
import { formatLongDate, formatPence } from '@/lib/format';
import { knownText } from '@/lib/i18n/known-text';
import type { AppLocale } from '@/lib/i18n/routing';
import { disputeOutcome, worstDisputeOutcome } from '@/lib/payments/dispute-status';

type ClaimOf = { id: string; periodFrom: string; periodTo: string } | null;

const day = (isoDay: string, locale: AppLocale) =>
  new Intl.DateTimeFormat(locale === 'es' ? 'es-ES' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${isoDay}T12:00:00Z`),
  );

/** The payment's chargebacks: status in words, reason, deadline, and what a lost one means for Gift Aid. */
export async function DisputeList({
  locale,
  disputes,
  payment,
  claim,
}: {
  locale: AppLocale;
  disputes: Dispute[];
  payment: Payment;
  claim: ClaimOf;
}) {
  const t = await getTranslations({ locale, namespace: 'adminPayments' });
  if (disputes.length === 0) return <p className="mt-2 text-muted">{t('disputes.none')}</p>;
  const worst = worstDisputeOutcome(disputes.map((d) => d.status));
  const lost = disputes.filter((d) => disputeOutcome(d.status) === 'lost');
  const label = (group: 'reasons' | 'statuses', key: string) => knownText(t, `disputes.${group}.${key}`, key);
  return (
    <>
      <p className="mt-2 text-muted">{t('disputes.intro')}</p>
      {claim && giftAidStatus({ ...payment, dispute: worst }) === 'disputeLostAfterClaim' ? (
        <p role="note" className="mt-3 rounded-md border border-brand/50 bg-white px-3 py-2 font-medium text-brand-dark">
          {t('disputes.lostClaimed', {
            from: day(claim.periodFrom, locale),
            to: day(claim.periodTo, locale),
            giftAid: formatPence(
              giftAidDue(
                Math.min(
                  payment.amountPence,
                  lost.reduce((sum, d) => sum + d.amountPence, 0),
                ),
              ),
              locale,
            ),
          })}
        </p>
      ) : worst === 'lost' ? (
        <p className="mt-3">{t('disputes.lostUnclaimed')}</p>
      ) : worst === 'open' && !claim ? (
        <p className="mt-3">{t('disputes.openUnclaimed')}</p>
      ) : null}
      <ul className="mt-3 divide-y divide-line rounded-lg border border-line bg-white">
        {disputes.map((d) => {
          const outcome = disputeOutcome(d.status);
          return (
            <li key={d.id} className="grid gap-1 p-3 sm:grid-cols-[10rem_8rem_1fr]">
              <span className="text-sm text-muted">{t('disputes.opened', { date: formatLongDate(d.openedAt, locale) })}</span>
              <span className="font-medium tabular-nums">{formatPence(d.amountPence, locale)}</span>
              <span>
                <strong className={outcome === 'won' ? 'text-accent' : 'text-brand-dark'}>{label('statuses', d.status)}</strong>
                <span className="block">
                  {t('disputes.reason')}: {label('reasons', d.reason)}
                </span>
                {d.evidenceDueBy && outcome === 'open' && (
                  <span className="block text-sm">{t('disputes.evidenceDue', { date: formatLongDate(d.evidenceDueBy, locale) })}</span>
                )}
                {d.closedAt && (
                  <span className="block text-sm text-muted">{t('disputes.closed', { date: formatLongDate(d.closedAt, locale) })}</span>
                )}
                <span className="block break-all font-mono text-sm text-muted">
                  {t('disputes.stripeId')}: {d.stripeDisputeId}
                </span>
              </span>
            </li>
          );
        })}
      </ul>
    </>
  );
}
