import { getTranslations } from 'next-intl/server';
import type { PaymentListRow } from '@/db/queries/admin-payments';
import { formatLongDate, formatPence } from '@/lib/format';
import { Link } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { worstDisputeOutcome } from '@/lib/payments/dispute-status';
import { PaymentStatus } from './payment-status';

const DISPUTE_LABEL = { open: 'table.disputed', lost: 'table.disputeLost', won: 'table.disputeWon' } as const;

/** The list: cards on a phone, a table from 640 px (scrolling sideways if it must, focusable). */
export async function PaymentTable({ locale, rows }: { locale: AppLocale; rows: PaymentListRow[] }) {
  const t = await getTranslations({ locale, namespace: 'adminPayments' });
  const cell = 'px-3 py-2 align-top';
  const dispute = (row: PaymentListRow) => {
    const outcome = worstDisputeOutcome(row.disputeStatuses ?? []);
    return outcome ? (
      <span className={`block text-sm font-medium ${outcome === 'won' ? 'text-muted' : 'text-brand-dark'}`}>
        {t(DISPUTE_LABEL[outcome])}
      </span>
    ) : null;
  };
  return (
    <>
      <ul className="mt-4 divide-y divide-line rounded-lg border border-line bg-white sm:hidden">
        {rows.map((row) => (
          <li key={row.id} className="p-3">
            <div className="flex items-baseline justify-between gap-3">
              <Link href={`/admin/payments/${row.id}`} className="min-w-0 break-all font-medium text-brand underline underline-offset-2">
                {row.name ?? row.email ?? t('table.deleted')}
              </Link>
              <span className="whitespace-nowrap font-medium tabular-nums">{formatPence(row.amountPence, locale)}</span>
            </div>
            <div className="mt-1 flex flex-wrap items-center justify-between gap-2 text-sm text-muted">
              <span>
                {formatLongDate(row.paidAt ?? row.createdAt, locale)} · {t(`kinds.${row.kind}`)} · {t(`methods.${row.method}`)}
              </span>
              <span className="text-right">
                <PaymentStatus status={row.status} label={t(`statuses.${row.status}`)} />
                {dispute(row)}
              </span>
            </div>
            {row.refundedPence > 0 && (
              <p className="mt-1 text-sm">
                {t('table.refunded')}: {formatPence(row.refundedPence, locale)}
              </p>
            )}
          </li>
        ))}
      </ul>
      <div
        role="region"
        aria-labelledby="payments-caption"
        tabIndex={0}
        className="mt-4 hidden overflow-x-auto rounded-lg border border-line bg-white sm:block"
      >
        <table className="w-full min-w-[44rem] text-left text-sm">
          <caption id="payments-caption" className="sr-only">
            {t('table.caption')}
          </caption>
          <thead className="border-b border-line bg-paper">
            <tr>
              <th scope="col" className={cell}>
                {t('table.date')}
              </th>
              <th scope="col" className={cell}>
                {t('table.payer')}
              </th>
              <th scope="col" className={cell}>
                {t('table.kind')}
              </th>
              <th scope="col" className={cell}>
                {t('table.method')}
              </th>
              <th scope="col" className={`${cell} text-right`}>
                {t('table.amount')}
              </th>
              <th scope="col" className={`${cell} text-right`}>
                {t('table.refunded')}
              </th>
              <th scope="col" className={cell}>
                {t('table.status')}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {rows.map((row) => {
              const amount = formatPence(row.amountPence, locale);
              return (
                <tr key={row.id}>
                  <td className={`${cell} whitespace-nowrap`}>{formatLongDate(row.paidAt ?? row.createdAt, locale)}</td>
                  <td className={cell}>
                    <Link href={`/admin/payments/${row.id}`} className="font-medium text-brand underline underline-offset-2">
                      {row.name ?? row.email ?? t('table.deleted')}
                    </Link>
                    {row.name && row.email && <span className="block break-all text-muted">{row.email}</span>}
                  </td>
                  <td className={cell}>{t(`kinds.${row.kind}`)}</td>
                  <td className={cell}>{t(`methods.${row.method}`)}</td>
                  <td className={`${cell} text-right tabular-nums`}>{amount}</td>
                  <td className={`${cell} text-right tabular-nums`}>
                    {row.refundedPence > 0 ? formatPence(row.refundedPence, locale) : ''}
                  </td>
                  <td className={cell}>
                    <PaymentStatus status={row.status} label={t(`statuses.${row.status}`)} />
                    {dispute(row)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
