import { getTranslations } from 'next-intl/server';
import type { ClaimedDisputeRow } from '@/db/queries/disputes';
import { giftAidDue } from '@/lib/gift-aid/eligibility';
import { Link } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { money, shortDate, shortDay } from './format';

/** Payments on a claim whose dispute was lost since: what to take off the next claim. Nothing when there are none. */
export async function DisputedClaimedPayments({ locale, rows }: { locale: AppLocale; rows: ClaimedDisputeRow[] }) {
  if (!rows.length) return null;
  const t = await getTranslations({ locale, namespace: 'adminGiftAid' });
  const dueOf = (row: ClaimedDisputeRow) => giftAidDue(Math.min(row.disputeAmountPence, row.amountPence));
  const total = rows.reduce((sum, row) => sum + dueOf(row), 0);
  return (
    <section aria-labelledby="ga-disputed-heading" className="mt-8 rounded-lg border border-brand/40 bg-white p-4">
      <h2 id="ga-disputed-heading" className="font-serif text-2xl font-semibold">
        {t('disputedClaimed.heading')}
      </h2>
      <p className="mt-2 max-w-3xl">{t('disputedClaimed.intro')}</p>
      <p className="mt-2 font-medium">{t('disputedClaimed.total', { amount: money(total, locale) })}</p>
      <ul aria-label={t('disputedClaimed.heading')} className="mt-3 divide-y divide-line">
        {rows.map((row) => (
          <li key={row.paymentId} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
            <span>
              <Link href={`/admin/payments/${row.paymentId}`} className="font-medium text-brand underline underline-offset-2">
                {row.payer ?? t('unknownDonor')}
              </Link>
              {' · '}
              {money(row.amountPence, locale)}
              {row.paidAt ? ` · ${shortDate(row.paidAt, locale)}` : ''}
            </span>
            <span className="text-sm text-muted">
              {t('disputedClaimed.claim')}: {shortDay(row.claimPeriodFrom, locale)} – {shortDay(row.claimPeriodTo, locale)}
              {row.closedAt ? ` · ${t('disputedClaimed.lostOn')}: ${shortDate(row.closedAt, locale)}` : ''}
              {' · '}
              {t('columns.due')}: {money(dueOf(row), locale)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
