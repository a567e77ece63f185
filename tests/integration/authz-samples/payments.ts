// A valid submission for each /admin (payments) action in the matrix, so "ok" means it really ran.
// Imported by ../authorization-actions.test.ts after next/headers and next/cache are mocked.
import { getSql } from '@/db/client';
import { form } from '../../support/forms';
import type { PersonaUser } from '../../support/personas';
import { firstRow } from '../../support/rows';

const actions = await import('@/app/[locale]/admin/payments/actions');

/** A £30 donation paid by cheque, recorded by hand. */
async function offlinePayment(): Promise<string> {
  const row = firstRow(
    await getSql()<{ id: string }[]>`
    insert into payments (kind, email, amount_pence, status, method, paid_at)
    values ('donation', ${`authz-${Math.random().toString(36).slice(2, 10)}@example.org`}, 3000, 'paid', 'cheque', now() - interval '1 day')
    returning id`,
  );
  return row.id;
}

export const samples: Record<string, (user: PersonaUser | null) => () => Promise<unknown>> = {
  '[locale]/admin/payments/actions.ts#refundPaymentAction': () => async () =>
    actions.refundPaymentAction(
      { values: {} },
      form({
        locale: 'en',
        paymentId: await offlinePayment(),
        amount: '10.00',
        reason: 'Paid twice',
        offlineMethod: 'cheque',
        offlineReference: 'CHQ 1',
        confirm: 'on',
      }),
    ),
  '[locale]/admin/payments/actions.ts#correctOfflinePaymentAction': () => async () =>
    actions.correctOfflinePaymentAction(
      { values: {} },
      form({
        locale: 'en',
        paymentId: await offlinePayment(),
        amount: '25.00',
        paidOn: '2026-01-15',
        method: 'bank_transfer',
        reference: 'TR-1',
        confirm: 'on',
      }),
    ),
};
