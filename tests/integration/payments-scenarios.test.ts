// The scenarios of shared/design/PAYMENTS.md, one test per row, against the project's
// Stripe double and a real database. Donation rows (15, 16) live in donations.test.ts.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { after } from '../support/request-context';
import { getSql } from '@/db/client';
import { seedDemoContent } from '../support/seed';
import { counts, membershipOf, newUser, startBench, tier, type Bench } from '../support/payments';
import { firstRow } from '../support/rows';

vi.mock('next/server', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/server')>()),
  after,
}));

const { createMembershipCheckout, confirmMembershipCheckout } = await import('@/lib/payments/checkout');
const { memberAccess } = await import('@/lib/membership/lifecycle');

let bench: Bench;
beforeAll(async () => {
  await seedDemoContent();
  bench = await startBench();
});
afterAll(() => bench.stop());

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/** A visitor who chose a tier and reached Stripe Checkout. */
async function checkout(tierSlug = 'individual') {
  const user = await newUser();
  const t = await tier(tierSlug);
  const session = await createMembershipCheckout({ user, tier: t, locale: 'en' });
  return { user, session, tier: t };
}

async function joined(tierSlug = 'individual') {
  const c = await checkout(tierSlug);
  bench.double.state.completeCheckout(c.session.id);
  await bench.settle();
  const sub = [...bench.double.state.subscriptions.values()].find((s) => s.metadata.user_id === c.user.id)!;
  return { ...c, sub };
}

const eventsOf = (type: string, objectId?: string) =>
  bench.double.state.events.filter((e) => e.type === type && (!objectId || (e.data.object as { id: string }).id === objectId));

describe('PAYMENTS.md scenarios', () => {
  it('1: join, checkout completed, webhooks arrive: one active membership, right tier, a year, one welcome mail', async () => {
    const before = Date.now();
    const { user } = await joined('concession');
    const [membership, ...others] = await membershipOf(user.id);
    expect(others).toHaveLength(0);
    expect(membership).toMatchObject({ status: 'active', tier_slug: 'concession', cancel_at_period_end: false });
    expect(membership!.current_period_end.getTime()).toBeGreaterThanOrEqual(before + YEAR_MS - 5_000);
    expect(membership!.current_period_end.getTime()).toBeLessThanOrEqual(Date.now() + YEAR_MS + 5_000);
    expect(await counts(user.id)).toEqual({ memberships: 1, payments: 1, welcome: 1, receipts: 1 });
    const [payment] = await getSql()`select amount_pence, status from payments where user_id = ${user.id}`;
    expect(payment).toEqual({ amount_pence: 1500, status: 'paid' });
  });

  it('2: the success redirect comes before the webhook: active at once; the webhooks change nothing', async () => {
    const { user, session } = await checkout();
    bench.double.webhooks.paused = true;
    bench.double.state.completeCheckout(session.id);
    const result = await confirmMembershipCheckout(session.id, user.id);
    expect(result).toMatchObject({ belongsToUser: true, complete: true });
    const active = firstRow(await membershipOf(user.id));
    expect(active.status).toBe('active');
    const snapshot = await counts(user.id);
    bench.double.webhooks.paused = false;
    await bench.double.webhooks.flush();
    expect(await membershipOf(user.id)).toEqual([active]);
    expect(await counts(user.id)).toEqual(snapshot);
    expect(snapshot).toEqual({ memberships: 1, payments: 1, welcome: 1, receipts: 1 });
  });

  it('3: the webhook comes first and the redirect never does: active anyway', async () => {
    const { user } = await joined();
    expect((await membershipOf(user.id))[0]!.status).toBe('active');
  });

  it('4: the same event twice: effects once', async () => {
    const { user, session } = await joined();
    const snapshot = await counts(user.id);
    const completed = firstRow(eventsOf('checkout.session.completed', session.id));
    const paid = firstRow(eventsOf('invoice.paid'));
    expect(await bench.double.webhooks.deliver(completed)).toBe(200);
    expect(await bench.double.webhooks.deliver(completed)).toBe(200);
    expect(await bench.double.webhooks.deliver(paid)).toBe(200);
    expect(await counts(user.id)).toEqual(snapshot);
  });

  it('5: the same event to two app instances at once: effects once', async () => {
    const { user, session } = await checkout();
    bench.double.webhooks.paused = true;
    bench.double.state.completeCheckout(session.id);
    const events = bench.double.webhooks.queued.splice(0);
    bench.double.webhooks.paused = false;
    // A second instance: its own module graph and database pool.
    vi.resetModules();
    const { POST: secondInstance } = await import('@/app/api/stripe/webhook/route');
    const { WebhookSender } = await import('../../stripe-double/webhooks');
    const second = new WebhookSender(
      async (payload, headers) =>
        (await secondInstance(new Request('http://localhost/api/stripe/webhook', { method: 'POST', body: payload, headers }))).status,
      'whsec_test_bench_secret',
      [],
    );
    for (const event of events) {
      const statuses = await Promise.all([bench.double.webhooks.deliver(event), second.deliver(event)]);
      expect(statuses.every((s) => s === 200 || s === 500)).toBe(true);
      // A 500 (a lost race on a brand-new row) is retried by Stripe: do what Stripe does.
      if (statuses.includes(500)) expect(await bench.double.webhooks.deliver(event)).toBe(200);
    }
    expect(await counts(user.id)).toEqual({ memberships: 1, payments: 1, welcome: 1, receipts: 1 });
    const { n } = firstRow(
      await getSql()`select count(*)::int as n from stripe_events where id = ${events.find((e) => e.type === 'invoice.paid')!.id}`,
    );
    expect(n).toBe(1);
  });

  it('6: updated after deleted ends cancelled; invoice.paid before checkout.session.completed ends active', async () => {
    const { user, session } = await checkout();
    bench.double.webhooks.paused = true;
    bench.double.state.completeCheckout(session.id);
    await bench.double.webhooks.flush('reversed');
    bench.double.webhooks.paused = false;
    expect((await membershipOf(user.id))[0]!.status).toBe('active');

    const { user: other, sub } = await joined();
    bench.double.webhooks.paused = true;
    bench.double.state.updateSubscription(sub.id, { metadata: { note: 'x' } });
    bench.double.state.cancelSubscription(sub.id);
    await bench.double.webhooks.flush('reversed');
    bench.double.webhooks.paused = false;
    expect((await membershipOf(other.id))[0]!.status).toBe('cancelled');
  });

  it('7: the payload says past_due but the API says active: active', async () => {
    const { user, sub } = await joined();
    const stale = bench.double.state.emitCustom('customer.subscription.updated', { ...structuredClone(sub), status: 'past_due' });
    await bench.settle();
    expect(await bench.double.webhooks.deliver(stale)).toBe(200);
    expect((await membershipOf(user.id))[0]!.status).toBe('active');
  });

  it('8: bad signature, wrong secret, re-serialised body, missing header: 400 and nothing written', async () => {
    const { user, session } = await checkout();
    bench.double.webhooks.paused = true;
    bench.double.state.completeCheckout(session.id);
    const events = bench.double.webhooks.queued.splice(0);
    bench.double.webhooks.paused = false;
    for (const signature of ['bad', 'wrong-secret', 'reserialised', 'missing'] as const) {
      for (const event of events) expect(await bench.double.webhooks.deliver(event, { signature }), `${signature} ${event.type}`).toBe(400);
    }
    expect(await counts(user.id)).toEqual({ memberships: 0, payments: 0, welcome: 0, receipts: 0 });
    const ids = events.map((e) => e.id);
    const { n } = firstRow(await getSql()`select count(*)::int as n from stripe_events where id in ${getSql()(ids)}`);
    expect(n).toBe(0);
  });

  it('9: a timestamp 301 s old is refused, 299 s old is accepted', async () => {
    const { user, session } = await checkout();
    bench.double.webhooks.paused = true;
    bench.double.state.completeCheckout(session.id);
    const completed = firstRow(bench.double.webhooks.queued.splice(0).filter((e) => e.type === 'checkout.session.completed'));
    bench.double.webhooks.paused = false;
    expect(await bench.double.webhooks.deliver(completed, { staleSeconds: 301 })).toBe(400);
    expect((await membershipOf(user.id)).length).toBe(0);
    expect(await bench.double.webhooks.deliver(completed, { staleSeconds: 299 })).toBe(200);
    expect((await membershipOf(user.id))[0]!.status).toBe('active');
  });

  it('10: a database error mid-handler answers non-2xx, rolls back, and the redelivery applies once', async () => {
    const { user, session } = await checkout();
    bench.double.webhooks.paused = true;
    bench.double.state.completeCheckout(session.id);
    const events = bench.double.webhooks.queued.splice(0);
    bench.double.webhooks.paused = false;
    const sql = getSql();
    await sql`create or replace function fail_payments() returns trigger language plpgsql as $$ begin raise exception 'disk full (injected)'; end $$`;
    await sql`create trigger fail_payments before insert on payments for each row execute function fail_payments()`;
    const paid = events.find((e) => e.type === 'invoice.paid')!;
    try {
      expect(await bench.double.webhooks.deliver(paid)).toBe(500);
      // Rolled back: not even the membership the handler had written before the failure.
      expect(await counts(user.id)).toMatchObject({ memberships: 0, payments: 0 });
      const { n } = firstRow(await sql`select count(*)::int as n from stripe_events where id = ${paid.id}`);
      expect(n).toBe(0);
    } finally {
      await sql`drop trigger fail_payments on payments`;
    }
    expect(await bench.double.webhooks.deliver(paid)).toBe(200);
    expect(await bench.double.webhooks.deliver(paid)).toBe(200);
    expect(await counts(user.id)).toEqual({ memberships: 1, payments: 1, welcome: 1, receipts: 1 });
  });

  it('11: a renewal card fails, then is fixed: past_due, then active with the new period', async () => {
    const { user, sub } = await joined();
    const first = firstRow(await membershipOf(user.id));
    bench.double.state.failingPayments.set(sub.customer as string, 1);
    bench.double.state.advanceClock(366 * 24 * 60 * 60);
    await bench.settle();
    const pastDue = firstRow(await membershipOf(user.id));
    expect(pastDue.status).toBe('past_due');
    // Paid up to the end of the first year, not through the unpaid one.
    expect(pastDue.current_period_end.getTime()).toBe(first.current_period_end.getTime());
    const failedMail = await getSql()`select 1 from mail_outbox where to_address = ${user.email} and dedupe_key like 'payment-failed:%'`;
    expect(failedMail).toHaveLength(1);
    bench.double.state.fixPaymentMethod(sub.customer as string);
    await bench.settle();
    const renewed = firstRow(await membershipOf(user.id));
    expect(renewed.status).toBe('active');
    expect(renewed.current_period_end.getTime()).toBeGreaterThan(first.current_period_end.getTime() + 360 * 24 * 3600 * 1000);
    expect((await counts(user.id))!.payments).toBe(2);
  });

  it('12: retries exhausted, the subscription is deleted: the membership lapses after the grace period', async () => {
    const { user, sub } = await joined();
    const first = firstRow(await membershipOf(user.id));
    bench.double.state.failingPayments.set(sub.customer as string, 10);
    // The renewal, then Stripe's retries 3, 5 and 7 days apart, then the subscription is cancelled.
    bench.double.state.advanceClock(366 * 24 * 3600);
    bench.double.state.advanceClock(16 * 24 * 3600);
    await bench.settle();
    const lapsed = firstRow(await membershipOf(user.id));
    expect(lapsed.status).toBe('lapsed');
    const day = 24 * 3600 * 1000;
    const end = first.current_period_end;
    expect(
      memberAccess({ status: 'lapsed', currentPeriodEnd: lapsed.current_period_end }, new Date(end.getTime() + 29 * day), 30).kind,
    ).toBe('active');
    expect(
      memberAccess({ status: 'lapsed', currentPeriodEnd: lapsed.current_period_end }, new Date(end.getTime() + 31 * day), 30).kind,
    ).toBe('ended');
    const lapsedMail = await getSql()`select 1 from mail_outbox where to_address = ${user.email} and dedupe_key like 'lapsed:%'`;
    expect(lapsedMail).toHaveLength(1);
  });

  it('13: cancel at period end in the portal, then the clock passes it: active with the flag, then ended; un-cancel clears it', async () => {
    const { user, sub } = await joined();
    bench.double.state.updateSubscription(sub.id, { cancel_at_period_end: true });
    await bench.settle();
    expect((await membershipOf(user.id))[0]).toMatchObject({ status: 'active', cancel_at_period_end: true });
    bench.double.state.updateSubscription(sub.id, { cancel_at_period_end: false });
    await bench.settle();
    expect((await membershipOf(user.id))[0]).toMatchObject({ status: 'active', cancel_at_period_end: false });
    bench.double.state.updateSubscription(sub.id, { cancel_at_period_end: true });
    bench.double.state.advanceClock(366 * 24 * 3600);
    await bench.settle();
    const ended = firstRow(await membershipOf(user.id));
    expect(ended.status).toBe('cancelled');
    expect(memberAccess({ status: 'cancelled', currentPeriodEnd: ended.current_period_end }, new Date(Date.now() + 1000), 30).kind).toBe(
      'ended',
    );
  });

  it('14: a tier change in the portal: tier updated, still one membership', async () => {
    const { user, sub } = await joined('individual');
    const organisation = await tier('organisation');
    const { ensureTierPrice } = await import('@/lib/payments/checkout');
    bench.double.state.updateSubscription(sub.id, { price: await ensureTierPrice(organisation) });
    await bench.settle();
    const rows = await membershipOf(user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'active', tier_slug: 'organisation' });
  });

  it('17: full and partial refunds, and the refund event twice: the right amount, counted once', async () => {
    const { user } = await joined('organisation');
    const payment = firstRow(
      await getSql()<{ stripe_payment_intent_id: string }[]>`select stripe_payment_intent_id from payments where user_id = ${user.id}`,
    );
    bench.double.state.refund({ payment_intent: payment.stripe_payment_intent_id, amount: 2500 });
    await bench.settle();
    const refundEvent = firstRow(eventsOf('charge.refunded').slice(-1));
    expect(await bench.double.webhooks.deliver(refundEvent)).toBe(200);
    let [row] = await getSql()`select status, refunded_pence from payments where user_id = ${user.id}`;
    expect(row).toEqual({ status: 'partially_refunded', refunded_pence: 2500 });
    bench.double.state.refund({ payment_intent: payment.stripe_payment_intent_id });
    await bench.settle();
    [row] = await getSql()`select status, refunded_pence from payments where user_id = ${user.id}`;
    expect(row).toEqual({ status: 'refunded', refunded_pence: 7500 });
    expect(() => bench.double.state.refund({ payment_intent: payment.stripe_payment_intent_id, amount: 1 })).toThrow(
      /greater than unrefunded/,
    );
  });

  it('18: the double answers 500 then 200 to a create: one object (idempotent retry)', async () => {
    const user = await newUser('retry');
    const { ensureCustomer } = await import('@/lib/payments/checkout');
    const before = bench.double.state.customers.size;
    bench.double.failNextResponses(1);
    const id = await ensureCustomer(user);
    expect(bench.double.state.customers.size).toBe(before + 1);
    const stored = firstRow(await getSql()`select stripe_customer_id from users where id = ${user.id}`);
    expect(stored.stripe_customer_id).toBe(id);
  });

  it('20: an unknown event type, or an unknown customer: 200, and nothing written', async () => {
    const { before } = firstRow(await getSql()`select count(*)::int as before from stripe_events`);
    const memberships = await getSql()`select count(*)::int as n from memberships`;
    const unknownType = bench.double.state.emitCustom('radar.early_fraud_warning.created', { id: 'issfr_1' });
    await bench.settle();
    expect(await bench.double.webhooks.deliver(unknownType)).toBe(200);
    // Someone paid through Stripe directly: a customer and subscription we know nothing of.
    const stranger = bench.double.state.createCustomer({ email: 'stranger@example.org' });
    const price = (await tier('individual')).stripePriceId!;
    const session = bench.double.state.createCheckoutSession({
      mode: 'subscription',
      customer: stranger.id,
      success_url: 'http://x',
      line_items: [{ price }],
    });
    const firstEvent = bench.double.state.events.length;
    bench.double.state.completeCheckout(session.id);
    await bench.settle();
    const theirs = new Set(bench.double.state.events.slice(firstEvent).map((e) => e.id));
    const deliveries = bench.double.webhooks.deliveries.filter((d) => theirs.has(d.eventId));
    expect(deliveries.length).toBeGreaterThan(3);
    expect(deliveries.every((d) => d.status === 200)).toBe(true);
    const { after } = firstRow(await getSql()`select count(*)::int as after from stripe_events`);
    expect(after).toBe(before);
    expect(await getSql()`select count(*)::int as n from memberships`).toEqual(memberships);
  });
});

describe('PAYMENTS.md scenario 19', () => {
  it('19: the app is down past the retries, then reconciliation repairs the database', async () => {
    const { startStripeDouble } = await import('../../stripe-double/server');
    const down = await startStripeDouble({ webhookSecret: 'whsec_test_bench_secret', webhook: async () => 503, retryDelaysMs: [] });
    const saved = process.env.STRIPE_API_BASE;
    process.env.STRIPE_API_BASE = down.url;
    // Another Stripe account, in effect: the tiers' prices are created there afresh.
    const prices = await getSql()`select id, stripe_price_id from membership_tiers`;
    await getSql()`update membership_tiers set stripe_price_id = null`;
    vi.resetModules();
    try {
      const { createMembershipCheckout: create } = await import('@/lib/payments/checkout');
      const user = await newUser('outage');
      const session = await create({ user, tier: await tier('individual'), locale: 'en' });
      down.state.completeCheckout(session.id);
      await down.webhooks.idle();
      expect(down.webhooks.deliveries.every((d) => d.status === 503)).toBe(true);
      expect(await membershipOf(user.id)).toHaveLength(0);
      const { reconcileFromStripe } = await import('@/lib/payments/reconcile');
      const report = await reconcileFromStripe();
      expect(report.applied).toBeGreaterThan(0);
      expect((await membershipOf(user.id))[0]!.status).toBe('active');
      expect(await counts(user.id)).toEqual({ memberships: 1, payments: 1, welcome: 1, receipts: 1 });
      // Running it again changes nothing.
      const again = await reconcileFromStripe();
      expect(again.applied).toBe(0);
      expect(await counts(user.id)).toEqual({ memberships: 1, payments: 1, welcome: 1, receipts: 1 });
    } finally {
      for (const p of prices) await getSql()`update membership_tiers set stripe_price_id = ${p.stripe_price_id} where id = ${p.id}`;
      process.env.STRIPE_API_BASE = saved;
      vi.resetModules();
      await down.stop();
    }
  });
});
