// Staff refunds and corrections (/admin/payments) against the project's Stripe double and a
// real database: through the server actions, as a signed-in staff member.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getSql } from '@/db/client';
import { form } from '../support/forms';
import { newUser, startBench, tier, type Bench } from '../support/payments';
import { createPersona } from '../support/personas';
import { after, nextHeadersMock, outcomeOf, requestContext } from '../support/request-context';
import { seedDemoContent } from '../support/seed';
import { firstRow } from '../support/rows';

vi.mock('next/headers', () => nextHeadersMock);
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {}, unstable_cache: (fn: unknown) => fn }));
vi.mock('next/server', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/server')>()),
  after,
}));

const { refundPaymentAction, correctOfflinePaymentAction } = await import('@/app/[locale]/admin/payments/actions');
const { createDonationCheckout } = await import('@/lib/payments/donations');
const { createMembershipCheckout } = await import('@/lib/payments/checkout');

let bench: Bench;
let proxy: http.Server;
/** When set, our POST /v1/refunds is answered only after every webhook it caused was handled. */
let holdRefundResponses = false;
let staff: { userId: string; sessionToken: string };

beforeAll(async () => {
  await seedDemoContent();
  bench = await startBench();
  // The app talks to the double through this proxy, so a test can make Stripe's webhook
  // reach us before the answer to our own API call does.
  const upstream = bench.double.url;
  proxy = http.createServer(
    (req, res) =>
      void (async () => {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const headers = Object.fromEntries(
          Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k)) as [string, string][],
        );
        const response = await fetch(`${upstream}${req.url}`, {
          method: req.method,
          headers,
          body: chunks.length ? Buffer.concat(chunks) : undefined,
        });
        const body = await response.text();
        if (holdRefundResponses && req.method === 'POST' && req.url?.startsWith('/v1/refunds')) await bench.settle();
        res.writeHead(response.status, {
          'content-type': response.headers.get('content-type') ?? 'application/json',
          'request-id': response.headers.get('request-id') ?? 'req',
        });
        res.end(body);
      })().catch((error: unknown) => {
        console.error(error);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      }),
  );
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  process.env.STRIPE_API_BASE = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  staff = await createPersona(getSql(), 'staff');
});
afterAll(async () => {
  proxy.close();
  await bench.stop();
});
beforeEach(() => {
  requestContext.reset();
  requestContext.cookies.set('authjs.session-token', staff.sessionToken);
  holdRefundResponses = false;
  bench.double.webhooks.paused = false;
});

const guest = () => `donor-${Math.random().toString(36).slice(2, 9)}@example.org`;

/** A one-off card gift, paid through checkout, with its webhooks handled. */
async function cardDonation(amountPence = 2500) {
  const email = guest();
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
  return { ...payment, email };
}

async function offlinePayment(
  opts: { amountPence?: number; kind?: 'donation' | 'membership'; status?: string; membershipId?: string; userId?: string } = {},
) {
  const email = guest();
  const row = firstRow(
    await getSql()<{ id: string }[]>`
    insert into payments (kind, email, user_id, membership_id, amount_pence, status, method, offline_reference, paid_at, recorded_by_user_id)
    values (${opts.kind ?? 'donation'}, ${email}, ${opts.userId ?? null}, ${opts.membershipId ?? null}, ${opts.amountPence ?? 3000}, ${opts.status ?? 'paid'}, 'cheque', 'CHQ 100', '2026-03-01', ${staff.userId})
    returning id`,
  );
  return { id: row.id, email };
}

const paymentOf = async (id: string) =>
  (await getSql()`select status, refunded_pence, amount_pence, method, offline_reference, paid_at from payments where id = ${id}`)[0];
const refundsOf = (id: string) =>
  getSql()`select amount_pence, status, stripe_refund_id, reason, requested_by_user_id from refunds where payment_id = ${id} order by created_at`;
const refundMails = (email: string) =>
  getSql()`select subject, text_body from mail_outbox where to_address = ${email} and dedupe_key like 'refund:%' order by created_at`;
const auditOf = async (id: string) =>
  (await getSql()`select action, actor_user_id, data from audit_log where entity_type = 'payment' and entity_id = ${id} order by id`) as unknown as {
    action: string;
    actor_user_id: string | null;
    data: Record<string, unknown>;
  }[];
const stripeRefundsFor = (intent: string) => [...bench.double.state.refunds.values()].filter((r) => r.payment_intent === intent);

const refund = (paymentId: string, fields: Record<string, string> = {}) =>
  outcomeOf(() =>
    refundPaymentAction({ values: {} }, form({ locale: 'en', paymentId, amount: '', reason: 'Donor asked', confirm: 'on', ...fields })),
  );

describe('refunds of card payments through Stripe', () => {
  it('a full refund: refunded in Stripe once, the payment and the refund row settled, one mail to the payer', async () => {
    const payment = await cardDonation(2500);
    const { outcome, redirect } = await refund(payment.id, { amount: '25.00' });
    expect(outcome).toBe('ok');
    expect(redirect).toBe(`/admin/payments/${payment.id}?done=refunded`);
    await bench.settle();
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'refunded', refunded_pence: 2500 });
    const [row, ...others] = await refundsOf(payment.id);
    expect(others).toHaveLength(0);
    expect(row).toMatchObject({ amount_pence: 2500, status: 'succeeded', reason: 'Donor asked', requested_by_user_id: staff.userId });
    expect(stripeRefundsFor(payment.stripe_payment_intent_id).map((r) => [r.id, r.amount, r.metadata])).toEqual([
      [row!.stripe_refund_id, 2500, { refund_id: expect.any(String), payment_id: payment.id }],
    ]);
    const mails = await refundMails(payment.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Your refund of £25');
    expect(mails[0]!.text_body).toContain('We have refunded £25 of your payment of £25');
    expect((await auditOf(payment.id)).map((a) => a.action)).toEqual([
      'payment.refund_requested',
      'payment.refund_succeeded',
      'payment.refund_accepted',
    ]);
  });

  it('two partial refunds: partly refunded, then refunded; each counted once, even when events are delivered again', async () => {
    const payment = await cardDonation(2500);
    expect((await refund(payment.id, { amount: '10' })).outcome).toBe('ok');
    await bench.settle();
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'partially_refunded', refunded_pence: 1000 });
    expect((await refund(payment.id, { amount: '15.00' })).outcome).toBe('ok');
    await bench.settle();
    for (const event of bench.double.state.events.filter((e) => e.type.startsWith('refund.') || e.type === 'charge.refunded')) {
      expect(await bench.double.webhooks.deliver(event)).toBe(200);
    }
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'refunded', refunded_pence: 2500 });
    expect((await refundsOf(payment.id)).map((r) => [r.amount_pence, r.status])).toEqual([
      [1000, 'succeeded'],
      [1500, 'succeeded'],
    ]);
    expect(await refundMails(payment.email)).toHaveLength(2);
    // Nothing is left: the form would refuse, and so does the action.
    const { result } = await refund(payment.id, { amount: '0.01' });
    expect(result).toMatchObject({ error: 'notPaid' });
  });

  it('more than was paid, zero, negative or over-precise amounts are refused and nothing is written', async () => {
    const payment = await cardDonation(2500);
    const before = bench.double.state.refunds.size;
    const tooMuch = await refund(payment.id, { amount: '25.01' });
    expect(tooMuch.result).toMatchObject({ error: 'tooMuch', vars: { left: '£25' }, values: { amount: '25.01', reason: 'Donor asked' } });
    for (const amount of ['0', '-5', '10.005', 'ten']) {
      expect((await refund(payment.id, { amount })).result).toMatchObject({ fieldErrors: { amount: 'amount' } });
    }
    expect((await refund(payment.id, { amount: '5', confirm: '' })).result).toMatchObject({ fieldErrors: { confirm: 'confirm' } });
    expect((await refund(payment.id, { amount: '5', reason: ' ' })).result).toMatchObject({ fieldErrors: { reason: 'required' } });
    expect(bench.double.state.refunds.size).toBe(before);
    expect(await refundsOf(payment.id)).toEqual([]);
    expect(await auditOf(payment.id)).toEqual([]);
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'paid', refunded_pence: 0 });
  });

  it('two staff refunding the whole gift at the same moment: Stripe is asked once, the other is refused', async () => {
    const payment = await cardDonation(3000);
    const results = await Promise.all([refund(payment.id, { amount: '30' }), refund(payment.id, { amount: '30' })]);
    const refused = results.filter((r) => r.result && typeof r.result === 'object' && 'error' in r.result);
    expect(refused).toHaveLength(1);
    expect(['tooMuch', 'notPaid']).toContain((refused[0]!.result as { error: string }).error);
    await bench.settle();
    expect(stripeRefundsFor(payment.stripe_payment_intent_id)).toHaveLength(1);
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'refunded', refunded_pence: 3000 });
  });

  it('a refund still waiting for Stripe counts against what is left', async () => {
    const payment = await cardDonation(3000);
    await getSql()`insert into refunds (payment_id, amount_pence, status, requested_by_user_id) values (${payment.id}, 2000, 'pending', ${staff.userId})`;
    expect((await refund(payment.id, { amount: '10.01' })).result).toMatchObject({ error: 'tooMuch', vars: { left: '£10' } });
    expect((await refund(payment.id, { amount: '10' })).outcome).toBe('ok');
    await bench.settle();
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'partially_refunded', refunded_pence: 1000 });
  });

  it('a payment that was never paid cannot be refunded', async () => {
    const pending = await offlinePayment({ status: 'pending' });
    expect((await refund(pending.id, { amount: '5', offlineMethod: 'cheque' })).result).toMatchObject({ error: 'notPaid' });
    const failed = await offlinePayment({ status: 'failed' });
    expect((await refund(failed.id, { amount: '5', offlineMethod: 'cheque' })).result).toMatchObject({ error: 'notPaid' });
    expect(await refundsOf(pending.id)).toEqual([]);
  });

  it('our API call comes back first: settled at once, and the late webhooks change nothing', async () => {
    const payment = await cardDonation(4000);
    bench.double.webhooks.paused = true;
    expect((await refund(payment.id, { amount: '40' })).outcome).toBe('ok');
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'refunded', refunded_pence: 4000 });
    const row = firstRow(await refundsOf(payment.id));
    expect(row.status).toBe('succeeded');
    bench.double.webhooks.paused = false;
    await bench.double.webhooks.flush();
    await bench.settle();
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'refunded', refunded_pence: 4000 });
    expect(await refundsOf(payment.id)).toEqual([row]);
    expect(await refundMails(payment.email)).toHaveLength(1);
  });

  it("Stripe's webhook comes before the answer to our API call: matched by our row id, settled once", async () => {
    const payment = await cardDonation(3000);
    holdRefundResponses = true;
    expect((await refund(payment.id, { amount: '12.50' })).outcome).toBe('ok');
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'partially_refunded', refunded_pence: 1250 });
    const rows = await refundsOf(payment.id);
    expect(rows).toMatchObject([{ amount_pence: 1250, status: 'succeeded', requested_by_user_id: staff.userId }]);
    expect(await refundMails(payment.email)).toHaveLength(1);
    // The webhook settled it (no one signed in), before our own call recorded that Stripe accepted it.
    const audit = await auditOf(payment.id);
    expect(audit.map((a) => [a.action, a.actor_user_id])).toEqual([
      ['payment.refund_requested', staff.userId],
      ['payment.refund_succeeded', null],
      ['payment.refund_accepted', staff.userId],
    ]);
  });

  it('Stripe refuses (400): the refund row is failed, the payment unchanged, and Stripe’s message is shown', async () => {
    const payment = await cardDonation(2000);
    // Refunded in Stripe's dashboard while our webhooks were down: we still think it is paid.
    bench.double.webhooks.paused = true;
    bench.double.state.refund({ payment_intent: payment.stripe_payment_intent_id });
    const { result } = await refund(payment.id, { amount: '20' });
    expect(result).toMatchObject({
      error: 'stripe',
      vars: { message: expect.stringMatching(/greater than unrefunded amount/) },
      values: { amount: '20' },
    });
    expect(await refundsOf(payment.id)).toMatchObject([{ amount_pence: 2000, status: 'failed', stripe_refund_id: null }]);
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'paid', refunded_pence: 0 });
    expect((await auditOf(payment.id)).map((a) => a.action)).toEqual(['payment.refund_requested', 'payment.refund_failed']);
    expect(await refundMails(payment.email)).toEqual([]);
    // When the dashboard refund's webhooks arrive, it is recorded as a refund of its own.
    bench.double.webhooks.paused = false;
    await bench.double.webhooks.flush();
    await bench.settle();
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'refunded', refunded_pence: 2000 });
    expect((await refundsOf(payment.id)).map((r) => [r.status, r.requested_by_user_id])).toEqual([
      ['failed', staff.userId],
      ['succeeded', null],
    ]);
  });

  it('a 500 from Stripe is retried with the same idempotency key: refunded once', async () => {
    const payment = await cardDonation(1500);
    bench.double.failNextResponses(1);
    expect((await refund(payment.id, { amount: '15' })).outcome).toBe('ok');
    await bench.settle();
    expect(stripeRefundsFor(payment.stripe_payment_intent_id)).toHaveLength(1);
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'refunded', refunded_pence: 1500 });
  });

  it('a membership fee refunded with "also end the membership": the subscription is cancelled and the membership ends', async () => {
    const user = await newUser('refunded-member');
    const session = await createMembershipCheckout({ user, tier: await tier('individual'), locale: 'en' });
    bench.double.state.completeCheckout(session.id);
    await bench.settle();
    const payment = firstRow(await getSql()`select id, amount_pence from payments where user_id = ${user.id}`);
    expect((await refund(payment.id, { amount: (payment.amount_pence / 100).toFixed(2), endMembership: 'on' })).outcome).toBe('ok');
    await bench.settle();
    const membership = firstRow(
      await getSql()`select status, current_period_end, stripe_subscription_id from memberships where user_id = ${user.id}`,
    );
    expect(membership.status).toBe('cancelled');
    expect(new Date(membership.current_period_end).getTime()).toBeLessThanOrEqual(Date.now());
    expect(bench.double.state.subscriptions.get(membership.stripe_subscription_id)?.status).toBe('canceled');
  });
});

describe('refunds of offline payments', () => {
  it('recorded directly with how the money went back, audited, and the payer told', async () => {
    const payment = await offlinePayment({ amountPence: 3000 });
    const missing = await refund(payment.id, { amount: '10' });
    expect(missing.result).toMatchObject({ fieldErrors: { offlineMethod: 'required' } });
    const { outcome } = await refund(payment.id, { amount: '10', offlineMethod: 'bank_transfer', offlineReference: 'REFUND-7' });
    expect(outcome).toBe('ok');
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'partially_refunded', refunded_pence: 1000 });
    expect(await refundsOf(payment.id)).toMatchObject([{ amount_pence: 1000, status: 'succeeded', stripe_refund_id: null }]);
    const [entry] = await auditOf(payment.id);
    expect(entry).toMatchObject({
      action: 'payment.refund_recorded',
      actor_user_id: staff.userId,
      data: { method: 'bank_transfer', reference: 'REFUND-7', amountPence: 1000 },
    });
    expect((await refundMails(payment.email))[0]!.text_body).toContain('returned it by the same means you paid');
    expect((await refund(payment.id, { amount: '20.01', offlineMethod: 'cash' })).result).toMatchObject({
      error: 'tooMuch',
      vars: { left: '£20' },
    });
    expect((await refund(payment.id, { amount: '20', offlineMethod: 'cash' })).outcome).toBe('ok');
    expect(await paymentOf(payment.id)).toMatchObject({ status: 'refunded', refunded_pence: 3000 });
  });

  it('a refunded offline membership fee can end the membership', async () => {
    const user = await newUser('offline-member');
    const membership = firstRow(
      await getSql()`
      insert into memberships (user_id, tier_id, status, source, current_period_start, current_period_end)
      values (${user.id}, (select id from membership_tiers where slug = 'individual'), 'active', 'offline', now() - interval '1 month', now() + interval '11 months') returning id`,
    );
    const payment = await offlinePayment({ kind: 'membership', membershipId: membership.id, userId: user.id });
    expect((await refund(payment.id, { amount: '30', offlineMethod: 'cheque', endMembership: 'on' })).outcome).toBe('ok');
    const after = firstRow(await getSql()`select status from memberships where id = ${membership.id}`);
    expect(after.status).toBe('cancelled');
  });
});

describe('correcting an offline payment', () => {
  const correct = (paymentId: string, fields: Record<string, string> = {}) =>
    outcomeOf(() =>
      correctOfflinePaymentAction(
        { values: {} },
        form({
          locale: 'en',
          paymentId,
          amount: '30.00',
          paidOn: '2026-03-01',
          method: 'cheque',
          reference: 'CHQ 100',
          confirm: 'on',
          ...fields,
        }),
      ),
    );

  it('saves amount, date, method and reference, audited with before and after', async () => {
    const payment = await offlinePayment({ amountPence: 3000 });
    const { outcome, redirect } = await correct(payment.id, {
      amount: '35',
      paidOn: '2026-02-27',
      method: 'bank_transfer',
      reference: 'TR 55',
    });
    expect(outcome).toBe('ok');
    expect(redirect).toBe(`/admin/payments/${payment.id}?done=corrected`);
    const corrected = await paymentOf(payment.id);
    expect(corrected).toMatchObject({ amount_pence: 3500, method: 'bank_transfer', offline_reference: 'TR 55' });
    expect(new Date(corrected!.paid_at).toISOString()).toBe('2026-02-27T00:00:00.000Z');
    const [entry] = await auditOf(payment.id);
    expect(entry).toMatchObject({
      action: 'payment.offline_corrected',
      actor_user_id: staff.userId,
      data: {
        before: { amountPence: 3000, method: 'cheque', reference: 'CHQ 100' },
        after: { amountPence: 3500, method: 'bank_transfer', reference: 'TR 55' },
      },
    });
  });

  it('refuses future dates, negative or zero amounts, less than already refunded, card payments, and no change', async () => {
    const payment = await offlinePayment({ amountPence: 3000 });
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect((await correct(payment.id, { paidOn: tomorrow })).result).toMatchObject({
      fieldErrors: { paidOn: 'future' },
      values: { paidOn: tomorrow },
    });
    expect((await correct(payment.id, { paidOn: '2026-02-30' })).result).toMatchObject({ fieldErrors: { paidOn: 'date' } });
    expect((await correct(payment.id, { amount: '-5' })).result).toMatchObject({ fieldErrors: { amount: 'amount' } });
    expect((await correct(payment.id, { amount: '0' })).result).toMatchObject({ fieldErrors: { amount: 'amount' } });
    expect((await correct(payment.id, { method: 'card' })).result).toMatchObject({ fieldErrors: { method: 'invalid' } });
    expect((await correct(payment.id, { confirm: '' })).result).toMatchObject({ fieldErrors: { confirm: 'confirm' } });
    expect((await correct(payment.id)).result).toMatchObject({ error: 'unchanged' });
    await refund(payment.id, { amount: '20', offlineMethod: 'cheque' });
    expect((await correct(payment.id, { amount: '19.99' })).result).toMatchObject({ error: 'belowRefunded' });
    expect((await correct(payment.id, { amount: '20' })).outcome).toBe('ok');
    expect(await paymentOf(payment.id)).toMatchObject({ amount_pence: 2000, refunded_pence: 2000, status: 'refunded' });
    const card = await cardDonation(1000);
    expect((await correct(card.id)).result).toMatchObject({ error: 'notOffline' });
    expect((await auditOf(card.id)).length).toBe(0);
  });

  it('a new date re-checks Gift Aid against the payer’s declaration; a claimed payment keeps its amount and date', async () => {
    const user = await newUser('gift-aider');
    await getSql()`
      insert into gift_aid_declarations (user_id, email, first_name, last_name, house_name_or_number, postcode, declared_at, scope)
      values (${user.id}, ${user.email}, 'Ana', 'Flores', '3', 'E1 6AN', '2026-06-01', 'this_and_future')`;
    const payment = await offlinePayment({ userId: user.id });
    expect((await correct(payment.id, { paidOn: '2026-07-01' })).outcome).toBe('ok');
    expect((await getSql()`select gift_aid_eligible from payments where id = ${payment.id}`)[0]!.gift_aid_eligible).toBe(true);
    expect((await correct(payment.id, { paidOn: '2026-01-10' })).outcome).toBe('ok');
    expect((await getSql()`select gift_aid_eligible, gift_aid_declaration_id from payments where id = ${payment.id}`)[0]).toEqual({
      gift_aid_eligible: false,
      gift_aid_declaration_id: null,
    });
    const claim = firstRow(
      await getSql()`insert into gift_aid_claims (period_from, period_to) values ('2026-01-01', '2026-03-31') returning id`,
    );
    await getSql()`update payments set gift_aid_claim_id = ${claim.id} where id = ${payment.id}`;
    expect((await correct(payment.id, { paidOn: '2026-01-11' })).result).toMatchObject({ error: 'claimed' });
    expect((await correct(payment.id, { paidOn: '2026-01-10', reference: 'New ref' })).outcome).toBe('ok');
  });

  it('refuses a member without the staff role', async () => {
    const member = await createPersona(getSql(), 'member');
    requestContext.reset();
    requestContext.cookies.set('authjs.session-token', member.sessionToken);
    const payment = await offlinePayment();
    expect((await correct(payment.id, { amount: '1' })).outcome).toBe('forbidden');
    expect(await paymentOf(payment.id)).toMatchObject({ amount_pence: 3000 });
  });
});

describe('the staff list', () => {
  it('filters by kind, status, method and search, newest first, 50 a page by keyset, with totals', async () => {
    const { listPaymentsForStaff, totalsForStaff } = await import('@/db/queries/admin-payments');
    const tag = `list${Math.random().toString(36).slice(2, 8)}`;
    await getSql()`
      insert into payments (kind, email, amount_pence, status, method, paid_at, created_at)
      select case when n % 3 = 0 then 'membership'::payment_kind else 'donation'::payment_kind end,
             ${tag} || '-' || n || '@example.org', 1000 + n, 'paid', case when n % 2 = 0 then 'card'::payment_method else 'cash'::payment_method end,
             now() - make_interval(hours => n), now() - make_interval(hours => n)
      from generate_series(1, 120) n`;
    const seen: string[] = [];
    let after = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof listPaymentsForStaff>> = await listPaymentsForStaff({ q: tag }, after);
      seen.push(...page.rows.map((r) => r.email!));
      after = page.next;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => `${tag}-${i + 1}@example.org`));
    const donationsByCash = await listPaymentsForStaff({ q: tag, kind: 'donation', method: 'offline' }, null);
    expect(donationsByCash.rows.every((r) => r.kind === 'donation' && r.method === 'cash')).toBe(true);
    expect(donationsByCash.rows).toHaveLength(40);
    expect(await totalsForStaff({ q: tag, kind: 'membership' })).toEqual({
      count: 40,
      amountPence: 40 * 1000 + (3 * (40 * 41)) / 2,
      refundedPence: 0,
    });
    expect((await listPaymentsForStaff({ q: tag, status: 'refunded' }, null)).rows).toEqual([]);
    expect((await listPaymentsForStaff({ q: `${tag}-7@` }, null)).rows.map((r) => r.email)).toEqual([`${tag}-7@example.org`]);
    // Members are found by their account's name or address, whatever the case.
    const member = await newUser('searchable');
    await getSql()`update users set name = ${`Rosa Quispe ${tag}`} where id = ${member.id}`;
    await getSql()`insert into payments (kind, user_id, amount_pence, status, method, paid_at) values ('donation', ${member.id}, 500, 'paid', 'cash', now())`;
    expect((await listPaymentsForStaff({ q: `quispe ${tag.toUpperCase()}` }, null)).rows.map((r) => [r.name, r.email])).toEqual([
      [`Rosa Quispe ${tag}`, member.email],
    ]);
    expect((await listPaymentsForStaff({ q: member.email.toUpperCase() }, null)).rows).toHaveLength(1);
    // Hostile search text is only text.
    expect((await listPaymentsForStaff({ q: "%' or 1=1 --" }, null)).rows).toEqual([]);
  });
});
