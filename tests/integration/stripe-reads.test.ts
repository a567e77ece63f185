// No transaction waits on Stripe (lib/payments/stripe-reads.ts), and a read that Stripe
// answers late never overwrites what a later event wrote. The double makes Stripe slow
// through its control API (delayNext: the answer is computed when the request arrives and
// sent later, as a slow network does).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { after } from '../support/request-context';
import { getSql } from '@/db/client';
import { seedDemoContent } from '../support/seed';
import { membershipOf, newUser, startBench, tier, type Bench } from '../support/payments';
import { firstRow } from '../support/rows';

vi.mock('next/server', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/server')>()),
  after,
}));

const { createMembershipCheckout } = await import('@/lib/payments/checkout');
const { refundPayment } = await import('@/lib/payments/refunds');

let bench: Bench;
beforeAll(async () => {
  await seedDemoContent();
  bench = await startBench();
});
afterAll(() => bench.stop());

const SLOW_MS = 1500;

async function joined() {
  const user = await newUser('slow');
  const session = await createMembershipCheckout({ user, tier: await tier('individual'), locale: 'en' });
  bench.double.state.completeCheckout(session.id);
  await bench.settle();
  const sub = [...bench.double.state.subscriptions.values()].find((s) => s.metadata.user_id === user.id)!;
  return { user, sub };
}

/** Events the double sends for what `change` does, held back for the test to deliver. */
function held(change: () => void) {
  bench.double.webhooks.paused = true;
  change();
  const events = bench.double.webhooks.queued.splice(0);
  bench.double.webhooks.paused = false;
  return events;
}

/** Resolves once the double has received another API request (the one it answers late). */
async function nextRequestArrived(before: number) {
  for (let i = 0; i < 200 && bench.double.requestCount() === before; i++) await new Promise((r) => setTimeout(r, 10));
  expect(bench.double.requestCount()).toBeGreaterThan(before);
}

/**
 * Whether the database is free while Stripe is slow: no session of this database sits in
 * an open transaction. On the embedded database another connection's open transaction
 * holds the database, so the probe is not answered before Stripe's late answer arrives.
 */
async function databaseFreeDuring(work: Promise<unknown>) {
  const probe = getSql()<{ open: number }[]>`
    select count(*)::int as open from pg_stat_activity
    where datname = current_database() and state in ('idle in transaction', 'idle in transaction (aborted)')`.then(
    (rows) => rows[0]!.open === 0,
  );
  return Promise.race([probe, work.then(() => 'stripe answered first' as const)]);
}

describe('Stripe reads outside transactions', () => {
  it('holds no transaction or lock open while Stripe is slow to answer an event’s read', async () => {
    const { user, sub } = await joined();
    const event = firstRow(held(() => bench.double.state.updateSubscription(sub.id, { cancel_at_period_end: true })));
    await bench.control.delayNext(1, SLOW_MS);
    const before = bench.double.requestCount();
    const delivery = bench.double.webhooks.deliver(event);
    await nextRequestArrived(before);
    expect(await databaseFreeDuring(delivery)).toBe(true);
    expect(await delivery).toBe(200);
    expect((await membershipOf(user.id))[0]).toMatchObject({ status: 'active', cancel_at_period_end: true });
  });

  it('a read Stripe answers late does not overwrite what a later event wrote', async () => {
    const { user, sub } = await joined();
    // The member chooses to stop renewing, and Stripe is slow to answer that event's read:
    // the answer it computes says "renews".
    const first = firstRow(held(() => bench.double.state.updateSubscription(sub.id, { metadata: { note: 'first' } })));
    await bench.control.delayNext(1, SLOW_MS);
    const before = bench.double.requestCount();
    const slow = bench.double.webhooks.deliver(first);
    await nextRequestArrived(before);
    // Meanwhile the member cancels renewal, and that event is applied at once.
    const second = firstRow(held(() => bench.double.state.updateSubscription(sub.id, { cancel_at_period_end: true })));
    expect(await bench.double.webhooks.deliver(second)).toBe(200);
    expect((await membershipOf(user.id))[0]!.cancel_at_period_end).toBe(true);
    // Then the late answer (cancel_at_period_end: false) arrives: it must not win.
    expect(await slow).toBe(200);
    expect((await membershipOf(user.id))[0]).toMatchObject({ status: 'active', cancel_at_period_end: true });
    // Both events are recorded once each.
    const { n } = firstRow(
      await getSql()<{ n: number }[]>`select count(*)::int as n from stripe_events where id in (${first.id}, ${second.id})`,
    );
    expect(n).toBe(2);
  });

  it('a refund whose charge Stripe is slow to return is settled without holding the payment', async () => {
    const { user } = await joined();
    const payment = firstRow(
      await getSql()<
        { id: string; stripe_payment_intent_id: string }[]
      >`select id, stripe_payment_intent_id from payments where user_id = ${user.id}`,
    );
    const staff = firstRow(
      await getSql()<{ id: string }[]>`insert into users (email, role) values (${`staff-${payment.id}@example.org`}, 'staff') returning id`,
    );
    // Stripe is slow to answer both the refund and the read of its charge that follows.
    bench.double.webhooks.paused = true;
    await bench.control.delayNext(2, SLOW_MS);
    const before = bench.double.requestCount();
    const refunding = refundPayment({ paymentId: payment.id, amountPence: 500, reason: null, endMembership: false, staffUserId: staff.id });
    await nextRequestArrived(before);
    expect(await databaseFreeDuring(refunding)).toBe(true);
    await nextRequestArrived(before + 1);
    expect(await databaseFreeDuring(refunding)).toBe(true);
    expect(await refunding).toMatchObject({ ok: true });
    bench.double.webhooks.queued.splice(0);
    bench.double.webhooks.paused = false;
    const [after] = await getSql()<
      { refunded_pence: number; status: string }[]
    >`select refunded_pence, status from payments where id = ${payment.id}`;
    expect(after).toEqual({ refunded_pence: 500, status: 'partially_refunded' });
  });
});
