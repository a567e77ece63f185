import { getTranslations } from 'next-intl/server';
import type { MemberDetail } from '@/db/queries/admin-members';
import { lifecycleStatus } from '@/lib/membership/lifecycle';
import { formatLongDate, formatPence } from '@/lib/format';
import { knownText } from '@/lib/i18n/known-text';
import { giftAidStatus, type GiftAidStatus } from '@/lib/gift-aid/status';
import { Link } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { worstDisputeOutcome } from '@/lib/payments/dispute-status';
import { failureReasonKey } from '@/lib/payments/failure-reasons';
import { MemberStatusBadge } from './member-status-badge';
import { isStripeMethod } from '@/lib/payments/methods';

const section = 'rounded-lg border border-line bg-white p-4';
// A refunded payment loses its Gift Aid note at once (lib/gift-aid/status.ts).
const giftAidNote = {
  covered: 'giftAidEligible',
  onClaim: 'giftAidOnClaim',
  claimed: 'giftAidOnClaim',
  refundedAfterClaim: 'giftAidRefundedAfterClaim',
  disputeLostAfterClaim: 'giftAidDisputeLostAfterClaim',
} as const satisfies Partial<Record<GiftAidStatus, string>>;
const giftAidNoteOf = (status: GiftAidStatus) => (status in giftAidNote ? giftAidNote[status as keyof typeof giftAidNote] : null);
const h2 = 'font-serif text-xl font-semibold';

/** What we hold about the member: profile, memberships, payments, Gift Aid, notes and audit trail. */
export async function MemberRecord({
  locale,
  detail,
  graceDays,
}: {
  locale: AppLocale;
  detail: NonNullable<MemberDetail>;
  graceDays: number;
}) {
  const t = await getTranslations({ locale, namespace: 'adminMembers' });
  const failures = await getTranslations({ locale, namespace: 'paymentFailures' });
  const { user } = detail;
  const now = new Date();
  const date = (d: Date | null | undefined) => (d ? formatLongDate(d, locale) : '—');
  // Known actions in words; anything newer shows its code.
  const auditLabel = (action: string) => knownText(t, `auditActions.${action.replace(/\./g, '_')}`, action);
  const payments = await getTranslations({ locale, namespace: 'adminPayments' });
  // The latest dispute's status, in the words of the payment page.
  const disputeStatusLabel = (statuses: string[]) => knownText(payments, `disputes.statuses.${statuses.at(-1)}`, statuses.at(-1) ?? '');
  const giftAidOf = (p: (typeof detail.payments)[number]) => giftAidStatus({ ...p, dispute: worstDisputeOutcome(p.disputeStatuses ?? []) });
  const address = [user.addressLine1, user.addressLine2, user.city, user.postcode, user.country].filter(Boolean).join(', ');
  const profile: [string, string][] = [
    [t('detail.email'), user.email ?? '—'],
    [t('detail.address'), address || '—'],
    [t('detail.postcode'), user.postcode ?? '—'],
    [t('detail.locale'), user.preferredLocale === 'es' ? 'Español' : 'English'],
    [t('detail.optIn'), user.newsletterOptIn ? t('detail.yes') : t('detail.no')],
    [t('detail.role'), t(`roles.${user.role}`)],
    [t('detail.joined'), date(user.createdAt)],
  ];
  return (
    <div className="grid min-w-0 content-start gap-6">
      <section aria-labelledby="member-profile" className={section}>
        <h2 id="member-profile" className={h2}>
          {t('detail.profile')}
        </h2>
        <dl className="mt-3 grid gap-x-4 gap-y-2 sm:grid-cols-[max-content_minmax(0,1fr)]">
          {profile.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-sm font-medium text-muted">{k}</dt>
              <dd className="break-words">{v}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="member-history" className={section}>
        <h2 id="member-history" className={h2}>
          {t('detail.history')}
        </h2>
        {detail.memberships.length === 0 ? (
          <p className="mt-2 text-muted">{t('detail.none')}</p>
        ) : (
          <ul className="mt-3 divide-y divide-line">
            {detail.memberships.map((m) => (
              <li key={m.id} className="py-2">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{locale === 'es' ? m.tierNameEs : m.tierNameEn}</span>
                  <MemberStatusBadge status={lifecycleStatus(m, now, graceDays)} locale={locale} />
                  <span className="text-sm text-muted">{t(`sources.${m.source}`)}</span>
                </div>
                <p className="text-sm text-muted">
                  {t('detail.period', { start: date(m.currentPeriodStart), end: date(m.currentPeriodEnd) })}
                  {m.cancelAtPeriodEnd ? ` · ${t('detail.cancelAtPeriodEnd')}` : ''}
                  {m.cancelledAt ? ` · ${t('detail.cancelledOn', { date: date(m.cancelledAt) })}` : ''}
                </p>
                {m.stripeStatus && knownText(t, `stripeStatuses.${m.stripeStatus}`, '') && (
                  <p className="text-sm">{knownText(t, `stripeStatuses.${m.stripeStatus}`)}</p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="member-payments" className={section}>
        <h2 id="member-payments" className={h2}>
          {t('detail.payments')}
        </h2>
        {detail.payments.length === 0 ? (
          <p className="mt-2 text-muted">{t('detail.none')}</p>
        ) : (
          <ul className="mt-3 divide-y divide-line">
            {detail.payments.map((p) => (
              <li key={p.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
                <span>
                  <span className="font-medium">{formatPence(p.amountPence, locale)}</span> · {t(`kinds.${p.kind}`)} ·{' '}
                  {t(`methods.${p.method}`)}
                  {p.offlineReference ? ` · ${p.offlineReference}` : ''}
                  {p.refundedPence > 0 ? ` · ${t('detail.refunded', { amount: formatPence(p.refundedPence, locale) })}` : ''}
                  {giftAidNoteOf(giftAidOf(p)) ? ` · ${t(`detail.${giftAidNoteOf(giftAidOf(p))!}`)}` : ''}
                  {p.disputeStatuses?.length ? ` · ${t('detail.disputed', { status: disputeStatusLabel(p.disputeStatuses) })}` : ''}
                </span>
                <span className="text-sm text-muted">
                  {t(`paymentStatuses.${p.status}`)} · {date(p.paidAt ?? p.createdAt)}
                  {p.status === 'failed' && (p.stripeInvoiceId || p.stripePaymentIntentId)
                    ? ` · ${t('detail.paymentFailed', { reason: failures(failureReasonKey(p.failureCode)) })}`
                    : ''}
                  {p.status === 'failed' && p.nextAttemptAt ? ` · ${t('detail.paymentNextAttempt', { date: date(p.nextAttemptAt) })}` : ''}
                  {p.status === 'pending' && p.confirmUrl ? ` · ${t('detail.paymentAwaitingConfirmation')}` : ''}
                  {p.status === 'pending' && !p.confirmUrl && isStripeMethod(p.method) && (p.stripeInvoiceId || p.stripePaymentIntentId)
                    ? ` · ${t('detail.paymentProcessing')}`
                    : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="member-gift-aid" className={section}>
        <h2 id="member-gift-aid" className={h2}>
          {t('detail.declarations')}
        </h2>
        {detail.declarations.length === 0 ? (
          <p className="mt-2 text-muted">{t('detail.none')}</p>
        ) : (
          <ul className="mt-3 divide-y divide-line">
            {detail.declarations.map((d) => (
              <li key={d.id} className="py-2">
                <p>
                  {[d.title, d.firstName, d.lastName].filter(Boolean).join(' ')} · {d.houseNameOrNumber}, {d.postcode}
                </p>
                <p className="text-sm text-muted">
                  {t(`scopes.${d.scope}`)} · {t('detail.declaredOn', { date: date(d.declaredAt) })}
                  {d.cancelledAt ? ` · ${t('detail.cancelledOn', { date: date(d.cancelledAt) })}` : ''}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="member-notes" className={section}>
        <h2 id="member-notes" className={h2}>
          {t('detail.notes')}
        </h2>
        {detail.notes.length === 0 ? (
          <p className="mt-2 text-muted">{t('detail.none')}</p>
        ) : (
          <ul className="mt-3 divide-y divide-line">
            {detail.notes.map((n) => (
              <li key={n.id} className="py-2">
                <p className="whitespace-pre-wrap break-words">{n.body}</p>
                <p className="text-sm text-muted">
                  {n.authorName || n.authorEmail || '—'} · {date(n.createdAt)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="member-audit" className={section}>
        <h2 id="member-audit" className={h2}>
          {t('detail.audit')}
        </h2>
        {detail.audit.length === 0 ? (
          <p className="mt-2 text-muted">{t('detail.none')}</p>
        ) : (
          <ul className="mt-3 divide-y divide-line text-sm">
            {detail.audit.map((a) => (
              <li key={a.id} className="flex flex-wrap justify-between gap-2 py-2">
                <span className="break-words">{auditLabel(a.action)}</span>
                <span className="text-muted">
                  {a.actorName || a.actorEmail || t('detail.system')} ·{' '}
                  {new Intl.DateTimeFormat(locale === 'es' ? 'es-ES' : 'en-GB', {
                    dateStyle: 'medium',
                    timeStyle: 'short',
                    timeZone: 'Europe/London',
                  }).format(a.createdAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
        <p className="mt-3 text-sm">
          <Link href="/admin/audit" className="text-brand underline underline-offset-2">
            {t('detail.fullAudit')}
          </Link>
        </p>
      </section>
    </div>
  );
}
