// A card refund left pending by a crash (row written, Stripe's answer never stored) is
// asked of Stripe again by the scheduled task, with the same idempotency key: one refund.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { after } from '../support/request-context';
import { getSql } from '@/db/client';
import { startBench, type Bench } from '../support/payments';
import { seedDemoContent } from '../support/seed';
import { firstRow } from '../support/rows';

vi.mock('next/cache', () => ({
  revalidatePath: () => {},
  revalidateTag: () => {},
  updateTag: () => {},
  unstable_cache: (fn: unknown) => fn,
}));
vi.mock('next/server', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/server')>()),
  after,
}));
const { createDonationCheckout } = await import('@/lib/payments/donations');
const { resumeStuckRefunds } = await import('@/lib/payments/refunds');
const { getStripe } = await import('@/lib/payments/stripe');

let bench: Bench;
beforeAll(async () => {
  await seedDemoContent();
  bench = await startBench();
});
afterAll(async () => {
  await bench.stop();
  // Let the receipt and refund mails started in the background finish with the database.
  const { deliverQueuedMails } = await import('@/lib/mail/outbox');
  await deliverQueuedMails();
});

async function cardDonation(amountPence: number) {
  const email = `stuck-${Math.random().toString(36).slice(2, 9)}@example.org`;
  const { donation } = await createDonationCheckout({
    amountPence,
    frequency: 'one_off',
    email,
    userId: null,
    stripeCustomerId: null,
    giftAidDeclarationId: null,
    locale: 'en',
  });
  const row = firstRow(await getSql()`select stripe_checkout_session_id from donations where id = ${donation.id}`);
  bench.double.state.completeCheckout(row.stripe_checkout_session_id);
  await bench.settle();
  const payment = firstRow(
    await getSql()<
      { id: string; stripe_payment_intent_id: string }[]
    >`select id, stripe_payment_intent_id from payments where donation_id = ${donation.id}`,
  );
  return payment;
}

/** What refundPayment writes before it calls Stripe, as if the process then died. */
async function pendingRow(paymentId: string, amountPence: number, minutesAgo = 15) {
  const row = firstRow(
    await getSql()<{ id: string }[]>`insert into refunds (payment_id, amount_pence, status, created_at)
    values (${paymentId}, ${amountPence}, 'pending', now() - make_interval(mins => ${minutesAgo})) returning id`,
  );
  return row.id;
}

const stripeRefundsOf = (intent: string) => [...bench.double.state.refunds.values()].filter((r) => r.payment_intent === intent);
const refundRow = async (id: string) => firstRow(await getSql()`select status, stripe_refund_id from refunds where id = ${id}`);
const paymentRow = async (id: string) => (await getSql()`select status, refunded_pence from payments where id = ${id}`)[0];

describe('refunds stuck after a crash', () => {
  it('asks Stripe again and settles the refund once; recent rows are left to their request', async () => {
    const payment = await cardDonation(3000);
    const stuck = await pendingRow(payment.id, 1000);
    const recent = await pendingRow((await cardDonation(2000)).id, 500, 1);
    expect(await resumeStuckRefunds(10)).toBe(1);
    await bench.settle();
    expect(await refundRow(stuck)).toMatchObject({ status: 'succeeded', stripe_refund_id: expect.stringMatching(/^re_/) });
    expect(await paymentRow(payment.id)).toEqual({ status: 'partially_refunded', refunded_pence: 1000 });
    expect(stripeRefundsOf(payment.stripe_payment_intent_id)).toHaveLength(1);
    expect((await refundRow(recent)).status).toBe('pending');
    expect(await resumeStuckRefunds(10)).toBe(0);
    expect(stripeRefundsOf(payment.stripe_payment_intent_id)).toHaveLength(1);
  });

  it('does not refund twice when Stripe had already made the refund before the crash', async () => {
    const payment = await cardDonation(4000);
    const stuck = await pendingRow(payment.id, 4000);
    bench.double.webhooks.paused = true; // the crash also lost the webhooks' effect for now
    await getStripe().refunds.create(
      {
        payment_intent: payment.stripe_payment_intent_id,
        amount: 4000,
        reason: 'requested_by_customer',
        metadata: { refund_id: stuck, payment_id: payment.id },
      },
      { idempotencyKey: `refund-${stuck}` },
    );
    expect(await resumeStuckRefunds(10)).toBe(1);
    expect(stripeRefundsOf(payment.stripe_payment_intent_id)).toHaveLength(1);
    expect(await refundRow(stuck)).toMatchObject({ status: 'succeeded' });
    expect(await paymentRow(payment.id)).toEqual({ status: 'refunded', refunded_pence: 4000 });
    bench.double.webhooks.paused = false;
    await bench.settle();
    expect(await paymentRow(payment.id)).toEqual({ status: 'refunded', refunded_pence: 4000 });
  });

  it('marks the row failed, with an audit entry, when Stripe refuses', async () => {
    const payment = await cardDonation(1500);
    const stuck = await pendingRow(payment.id, 9000); // more than the charge: Stripe says no
    expect(await resumeStuckRefunds(10)).toBe(1);
    expect((await refundRow(stuck)).status).toBe('failed');
    expect(await paymentRow(payment.id)).toEqual({ status: 'paid', refunded_pence: 0 });
    const audits = await getSql()`select data->>'refundId' as id from audit_log where action = 'payment.refund_failed'`;
    expect(audits.map((a) => a.id)).toContain(stuck);
  });
});
