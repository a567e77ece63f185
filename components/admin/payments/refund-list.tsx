import { getTranslations } from 'next-intl/server';
import type { PaymentAuditEntry } from '@/db/queries/admin-payments';
import type { Refund } from '@/db/schema';
import { formatLongDate, formatPence } from '@/lib/format';
import type { AppLocale } from '@/lib/i18n/routing';

/** The payment's refunds so far; an offline one shows how the money went back (from its audit entry). */
export async function RefundList({ locale, refunds, audit }: { locale: AppLocale; refunds: Refund[]; audit: PaymentAuditEntry[] }) {
  const t = await getTranslations({ locale, namespace: 'adminPayments' });
  if (refunds.length === 0) return <p className="mt-2 text-muted">{t('refunds.none')}</p>;
  const byRefund = new Map(
    audit
      .filter((a) => a.data && typeof a.data === 'object' && 'refundId' in a.data)
      .map((a) => [(a.data as { refundId: string }).refundId, a]),
  );
  return (
    <ul className="mt-3 divide-y divide-line rounded-lg border border-line bg-white">
      {refunds.map((refund) => {
        const requested = audit.find(
          (a) =>
            (a.action === 'payment.refund_requested' || a.action === 'payment.refund_recorded') &&
            (a.data as { refundId?: string }).refundId === refund.id,
        );
        const offline = byRefund.get(refund.id)?.data as { method?: string; reference?: string | null } | undefined;
        return (
          <li key={refund.id} className="grid gap-1 p-3 sm:grid-cols-[10rem_8rem_1fr]">
            <span className="text-sm text-muted">{formatLongDate(refund.createdAt, locale)}</span>
            <span className="font-medium tabular-nums">{formatPence(refund.amountPence, locale)}</span>
            <span>
              <strong
                className={refund.status === 'failed' ? 'text-brand-dark' : refund.status === 'succeeded' ? 'text-accent' : 'text-muted'}
              >
                {t(`refunds.statuses.${refund.status}`)}
              </strong>
              {refund.reason && (
                <span className="block">
                  {t('refunds.reason')}: {refund.reason}
                </span>
              )}
              {refund.stripeRefundId ? (
                <span className="block break-all font-mono text-sm text-muted">
                  {t('refunds.stripeId')}: {refund.stripeRefundId}
                </span>
              ) : offline?.method ? (
                <span className="block text-sm text-muted">
                  {t(`methods.${offline.method as 'cheque'}`)}
                  {offline.reference ? ` · ${offline.reference}` : ''}
                </span>
              ) : null}
              <span className="block text-sm text-muted">
                {t('refunds.by')}: {requested?.actorEmail ?? t('refunds.stripe')}
              </span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
