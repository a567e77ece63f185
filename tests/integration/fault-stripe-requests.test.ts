// Stripe slow or failing while a member joins, a donor gives, a member opens the billing
// portal or staff refund: through the server actions, against the double's faults (500s
// before and after the change is made, 429s, slow and missing answers). What a person
// would notice: the form's message or where they are sent, what is in our database and
// Stripe's, the mails. Retries happen where Stripe says they are safe and never make a
// second object; otherwise the person is told to try again; no action outlasts the SDK's
// timeout × attempts.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getSql } from '@/db/client';
import { STRIPE_CALL_BOUND_MS, STRIPE_MAX_RETRIES, STRIPE_TIMEOUT_MS } from '@/lib/payments/stripe';
import en from '@/messages/en.json';
import es from '@/messages/es.json';
import adminEn from '@/messages/admin/payments.en.json';
import adminEs from '@/messages/admin/payments.es.json';
import { form } from '../support/forms';
import { startBench, tier, type Bench } from '../support/payments';
import { createPersona, type PersonaUser } from '../support/personas';
import { after, nextHeadersMock, outcomeOf, requestContext } from '../support/request-context';
import { seedDemoContent } from '../support/seed';
import { firstRow } from '../support/rows';

vi.mock('next/headers', () => nextHeadersMock);
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

const { startMembership } = await import('@/app/[locale]/join/actions');
const { startDonation } = await import('@/app/[locale]/donate/actions');
const { openBillingPortal } = await import('@/app/[locale]/account/actions');
const { refundPaymentAction } = await import('@/app/[locale]/admin/payments/actions');
const { ensureCustomer, ensureTierPrice } = await import('@/lib/payments/checkout');
const { resumeStuckRefunds } = await import('@/lib/payments/refunds');

let bench: Bench;
let staff: PersonaUser;

beforeAll(async () => {
  await seedDemoContent();
  bench = await startBench();
  // The tier's Stripe price exists, as it does after the first join: joining is then one
  // customer and one checkout session, so each test knows which request meets the fault.
  await ensureTierPrice(await tier('individual'));
  staff = await createPersona(getSql(), 'staff');
});
afterAll(async () => {
  await bench.stop();
  const { deliverQueuedMails } = await import('@/lib/mail/outbox');
  await deliverQueuedMails();
});
beforeEach(async () => {
  requestContext.reset();
  await bench.control.normalResponses();
  bench.double.webhooks.paused = false;
});

// A hung Stripe keeps the action waiting for every attempt's timeout and the waits between.
const HUNG_TEST_MS = STRIPE_CALL_BOUND_MS + 20_000;
const signIn = (user: PersonaUser) => requestContext.cookies.set('authjs.session-token', user.sessionToken);
const details = {
  locale: 'en',
  tier: 'individual',
  name: 'A Person',
  addressLine1: '1 Street',
  city: 'Town',
  postcode: 'N1 9GU',
  paymentMethod: 'card',
};
const join = () => outcomeOf(() => startMembership({ values: {} }, form(details)));
const timed = async <T>(run: () => Promise<T>) => {
  const started = Date.now();
  const value = await run();
  return { value, ms: Date.now() - started };
};

const customersOf = (userId: string) => [...bench.double.state.customers.values()].filter((c) => c.metadata?.user_id === userId);
const sessionsOf = (customer: string) => [...bench.double.state.sessions.values()].filter((s) => s.customer === customer);
const storedCustomer = async (userId: string) =>
  (await getSql()`select stripe_customer_id from users where id = ${userId}`)[0]!.stripe_customer_id as string | null;
const membershipsOf = async (userId: string) =>
  (await getSql()`select status, source from memberships where user_id = ${userId} order by created_at`) as unknown as {
    status: string;
    source: string;
  }[];
/** The checkout URL the person was sent to, and the one session it belongs to. */
const sessionAt = (url: string | undefined) => [...bench.double.state.sessions.values()].find((s) => s.url === url);

async function lapsedMember() {
  const user = await createPersona(getSql(), 'lapsed');
  signIn(user);
  return user;
}

describe('joining while Stripe fails', () => {
  it('a lost answer (500 after Stripe made the session): the SDK retries with the same key, one session, the member goes to checkout', async () => {
    const user = await lapsedMember();
    const customer = await ensureCustomer({ id: user.userId, email: user.email, name: 'A Person', stripeCustomerId: null });
    await bench.control.failNextResponses(1, 'after');
    const { redirect } = await join();
    expect(sessionsOf(customer)).toHaveLength(1);
    expect(sessionAt(redirect)?.customer).toBe(customer);
  });

  it('500s on every attempt (the customer made, its answers lost): "try again", nothing recorded; the next try finds the same customer', async () => {
    const user = await lapsedMember();
    await bench.control.failNextResponses(STRIPE_MAX_RETRIES + 1, 'after');
    const failed = await join();
    expect(failed.redirect).toBeUndefined();
    expect(failed.result).toMatchObject({ error: 'unavailable', values: { name: 'A Person' } });
    expect(await storedCustomer(user.userId)).toBeNull();
    expect(await membershipsOf(user.userId)).toEqual([{ status: 'lapsed', source: 'offline' }]);

    const again = await join();
    const [customer, ...others] = customersOf(user.userId);
    expect(others).toEqual([]);
    expect(await storedCustomer(user.userId)).toBe(customer!.id);
    expect(sessionAt(again.redirect)?.customer).toBe(customer!.id);
  });

  it('a 500 before anything is done is retried; the member goes to checkout with one customer', async () => {
    const user = await lapsedMember();
    await bench.control.failNextResponses(STRIPE_MAX_RETRIES, 'before');
    const { redirect } = await join();
    expect(customersOf(user.userId)).toHaveLength(1);
    expect(sessionAt(redirect)?.customer).toBe(customersOf(user.userId)[0]!.id);
  });

  it('rate limited (429): not retried, the member is told to try again at once; nothing is created', async () => {
    const user = await lapsedMember();
    await bench.control.rateLimitNext(1, 'rate');
    const requests = bench.double.requestCount();
    const { result } = await join();
    expect(result).toMatchObject({ error: 'unavailable' });
    // One request, not three: retrying into a rate limit only deepens it (Stripe's advice).
    expect(bench.double.requestCount() - requests).toBe(1);
    expect(customersOf(user.userId)).toEqual([]);
    const { redirect } = await join();
    expect(sessionAt(redirect)?.customer).toBe(customersOf(user.userId)[0]!.id);
  });

  it('a lock timeout (429 with Stripe-Should-Retry: true) is retried: the member goes to checkout', async () => {
    const user = await lapsedMember();
    await bench.control.rateLimitNext(1, 'lock');
    const { redirect } = await join();
    expect(customersOf(user.userId)).toHaveLength(1);
    expect(sessionAt(redirect)?.customer).toBe(customersOf(user.userId)[0]!.id);
  });

  it('a slow answer past the timeout: the retry is answered from the idempotency key, one customer', async () => {
    const user = await lapsedMember();
    await bench.control.delayNext(1, STRIPE_TIMEOUT_MS + 1_500);
    const { value, ms } = await timed(join);
    expect(customersOf(user.userId)).toHaveLength(1);
    expect(sessionAt(value.redirect)?.customer).toBe(customersOf(user.userId)[0]!.id);
    expect(ms).toBeGreaterThanOrEqual(STRIPE_TIMEOUT_MS);
  });

  it(
    'Stripe never answers: "try again" within the timeout of every attempt, not an endless spinner; then one customer',
    { timeout: HUNG_TEST_MS },
    async () => {
      const user = await lapsedMember();
      await bench.control.hangNext(STRIPE_MAX_RETRIES + 1, 'after');
      const { value, ms } = await timed(join);
      expect(value.result).toMatchObject({ error: 'unavailable' });
      expect(ms).toBeGreaterThanOrEqual((STRIPE_MAX_RETRIES + 1) * STRIPE_TIMEOUT_MS - 100);
      expect(ms).toBeLessThan(STRIPE_CALL_BOUND_MS + 5_000);
      const { redirect } = await join();
      expect(customersOf(user.userId)).toHaveLength(1);
      expect(sessionAt(redirect)).toBeDefined();
    },
  );
});

describe('Gift Aid declared in a form that Stripe failed', () => {
  const giftAid = {
    giftAid: 'on',
    gaTitle: 'Ms',
    firstName: 'Rosa',
    lastName: 'Quispe',
    houseNameOrNumber: '12',
    gaPostcode: 'N1 9GU',
    confirm: 'on',
  };
  const declarationsOf = async (where: { userId?: string; email?: string }) =>
    where.userId
      ? await getSql()`select id, scope from gift_aid_declarations where user_id = ${where.userId}`
      : await getSql()`select id, scope from gift_aid_declarations where user_id is null and email = ${where.email!}`;

  it('joining: sent again after "try again", the member has one declaration, not two', async () => {
    const user = await lapsedMember();
    await bench.control.failNextResponses(STRIPE_MAX_RETRIES + 1, 'after');
    const withGiftAid = () => outcomeOf(() => startMembership({ values: {} }, form({ ...details, ...giftAid, scope: 'this_and_future' })));
    expect((await withGiftAid()).result).toMatchObject({ error: 'unavailable' });
    expect(await declarationsOf({ userId: user.userId })).toHaveLength(1);
    expect((await withGiftAid()).redirect).toBeDefined();
    expect(await declarationsOf({ userId: user.userId })).toHaveLength(1);
    // Back from a checkout left unpaid, the same form again: still the one declaration.
    await withGiftAid();
    expect(await declarationsOf({ userId: user.userId })).toHaveLength(1);
    // Different words are a new declaration, as the donor made one.
    await outcomeOf(() =>
      startMembership({ values: {} }, form({ ...details, ...giftAid, lastName: 'Quispe Mamani', scope: 'this_and_future' })),
    );
    expect(await declarationsOf({ userId: user.userId })).toHaveLength(2);
  });

  it('giving as a guest: sent again after "try again", one declaration, and the gift points at it', async () => {
    const address = `declarer-${Math.random().toString(36).slice(2, 9)}@example.org`;
    const give = () =>
      outcomeOf(() =>
        startDonation(
          { values: {} },
          form({ locale: 'en', frequency: 'one_off', amount: '25', email: address, ...giftAid, scope: 'this_gift' }),
        ),
      );
    await bench.control.failNextResponses(STRIPE_MAX_RETRIES + 1, 'after');
    expect((await give()).result).toMatchObject({ error: 'unavailable' });
    const { redirect } = await give();
    const [declaration, ...more] = await declarationsOf({ email: address });
    expect(more).toEqual([]);
    bench.double.state.completeCheckout(sessionAt(redirect)!.id);
    await bench.settle();
    expect(
      await getSql()`select gift_aid_declaration_id as d from donations where email = ${address} and status not in ('pending', 'expired')`,
    ).toEqual([{ d: declaration!.id }]);
    // A second gift of "this gift only" needs a declaration of its own: the used one is not taken again.
    await give();
    expect(await declarationsOf({ email: address })).toHaveLength(2);
  });
});

describe('giving while Stripe fails', () => {
  const email = () => `giver-${Math.random().toString(36).slice(2, 9)}@example.org`;
  const give = (address: string) =>
    outcomeOf(() => startDonation({ values: {} }, form({ locale: 'en', frequency: 'one_off', amount: '25', email: address })));

  it('every answer lost: "try again, nothing charged"; the second try is paid once, one payment, one receipt', async () => {
    const address = email();
    await bench.control.failNextResponses(STRIPE_MAX_RETRIES + 1, 'after');
    const failed = await give(address);
    expect(failed.result).toMatchObject({ error: 'unavailable', values: { email: address } });
    expect(en.donate.unavailable).toMatch(/Nothing has been charged/);

    const { redirect } = await give(address);
    const session = sessionAt(redirect);
    expect(session).toBeDefined();
    bench.double.state.completeCheckout(session!.id);
    await bench.settle();
    const payments = await getSql()`select amount_pence, status from payments where email = ${address}`;
    expect(payments).toEqual([{ amount_pence: 2500, status: 'paid' }]);
    const receipts = await getSql()`select 1 from mail_outbox where to_address = ${address} and dedupe_key like 'receipt:%'`;
    expect(receipts).toHaveLength(1);
  });
});

describe('the billing portal while Stripe fails', () => {
  async function customerMember() {
    const user = await lapsedMember();
    await ensureCustomer({ id: user.userId, email: user.email, name: 'A Person', stripeCustomerId: null });
    return user;
  }
  const openPortal = () => outcomeOf(() => openBillingPortal(form({ locale: 'en' })));

  it('Stripe down: back to the account page with a notice (not an error page); once Stripe is back, the portal opens', async () => {
    await customerMember();
    await bench.control.failNextResponses(STRIPE_MAX_RETRIES + 1, 'before');
    expect(await openPortal()).toEqual({ outcome: 'ok', redirect: '/account?billing=unavailable' });
    expect(en.account.billingUnavailable).toMatch(/try again/);
    expect(es.account.billingUnavailable).toMatch(/inténtelo de nuevo/);
    expect((await openPortal()).redirect).toMatch(new RegExp(`^${bench.double.url}/portal/`));
  });

  it('a lock timeout is retried: the portal opens', async () => {
    await customerMember();
    await bench.control.rateLimitNext(1, 'lock');
    const { redirect } = await openPortal();
    expect(redirect).toMatch(new RegExp(`^${bench.double.url}/portal/`));
  });
});

describe('refunds while Stripe fails', () => {
  async function cardGift(amount = '30') {
    const address = `refund-${Math.random().toString(36).slice(2, 9)}@example.org`;
    const { redirect } = await outcomeOf(() =>
      startDonation({ values: {} }, form({ locale: 'en', frequency: 'one_off', amount, email: address })),
    );
    bench.double.state.completeCheckout(sessionAt(redirect)!.id);
    await bench.settle();
    const payment = firstRow(
      await getSql()<
        { id: string; stripe_payment_intent_id: string }[]
      >`select id, stripe_payment_intent_id from payments where email = ${address}`,
    );
    return { ...payment, email: address };
  }
  const refund = (paymentId: string, amount: string) => {
    requestContext.reset();
    signIn(staff);
    return outcomeOf(() =>
      refundPaymentAction({ values: {} }, form({ locale: 'en', paymentId, amount, reason: 'Donor asked', confirm: 'on' })),
    );
  };
  const stripeRefundsOf = (intent: string) => [...bench.double.state.refunds.values()].filter((r) => r.payment_intent === intent);
  const rowsOf = (paymentId: string) =>
    getSql()`select amount_pence, status from refunds where payment_id = ${paymentId} order by created_at`;
  const paymentOf = async (id: string) => (await getSql()`select status, refunded_pence from payments where id = ${id}`)[0];
  const refundMails = (address: string) => getSql()`select 1 from mail_outbox where to_address = ${address} and dedupe_key like 'refund:%'`;

  it('a lost answer: retried with our key, refunded once, one mail', async () => {
    const gift = await cardGift('20');
    await bench.control.failNextResponses(1, 'after');
    expect((await refund(gift.id, '20')).redirect).toBe(`/admin/payments/${gift.id}?done=refunded`);
    await bench.settle();
    expect(stripeRefundsOf(gift.stripe_payment_intent_id)).toHaveLength(1);
    expect(await paymentOf(gift.id)).toEqual({ status: 'refunded', refunded_pence: 2000 });
    expect(await refundMails(gift.email)).toHaveLength(1);
  });

  it(
    'Stripe never answers: staff are told it is unconfirmed (not refused), the amount is held, and the scheduled task settles it once',
    { timeout: HUNG_TEST_MS },
    async () => {
      const gift = await cardGift('30');
      bench.double.webhooks.paused = true; // Stripe's webhooks are held up too: only our own retry can find out
      await bench.control.hangNext(STRIPE_MAX_RETRIES + 1, 'after');
      const { value, ms } = await timed(() => refund(gift.id, '30'));
      expect(ms).toBeLessThan(STRIPE_CALL_BOUND_MS + 5_000);
      expect(value.result).toMatchObject({ error: 'stripeUnconfirmed', values: { amount: '30' } });
      expect(adminEn.adminPayments.errors.stripeUnconfirmed).toMatch(/Do not refund it again/);
      expect(adminEs.adminPayments.errors.stripeUnconfirmed).toMatch(/No lo reembolse otra vez/);
      // Stripe did make it (the first attempt was applied); we hold it as pending, not failed.
      expect(stripeRefundsOf(gift.stripe_payment_intent_id)).toHaveLength(1);
      expect(await rowsOf(gift.id)).toEqual([{ amount_pence: 3000, status: 'pending' }]);

      // Staff try again at once: the pending amount is held, so no second refund can be asked for.
      expect((await refund(gift.id, '30')).result).toMatchObject({ error: 'tooMuch', vars: { left: '£0' } });
      expect(stripeRefundsOf(gift.stripe_payment_intent_id)).toHaveLength(1);

      await getSql()`update refunds set created_at = now() - interval '15 minutes' where payment_id = ${gift.id}`;
      expect(await resumeStuckRefunds(10)).toBe(1);
      bench.double.webhooks.paused = false;
      await bench.double.webhooks.flush();
      await bench.settle();
      expect(stripeRefundsOf(gift.stripe_payment_intent_id)).toHaveLength(1);
      expect(await rowsOf(gift.id)).toEqual([{ amount_pence: 3000, status: 'succeeded' }]);
      expect(await paymentOf(gift.id)).toEqual({ status: 'refunded', refunded_pence: 3000 });
      expect(await refundMails(gift.email)).toHaveLength(1);
    },
  );

  it('rate limited: unconfirmed, not refused (an earlier attempt may have gone through); the scheduled task makes it once', async () => {
    const gift = await cardGift('15');
    await bench.control.rateLimitNext(1, 'rate');
    expect((await refund(gift.id, '15')).result).toMatchObject({ error: 'stripeUnconfirmed' });
    expect(await rowsOf(gift.id)).toEqual([{ amount_pence: 1500, status: 'pending' }]);
    expect(stripeRefundsOf(gift.stripe_payment_intent_id)).toEqual([]);
    await getSql()`update refunds set created_at = now() - interval '15 minutes' where payment_id = ${gift.id}`;
    expect(await resumeStuckRefunds(10)).toBe(1);
    await bench.settle();
    expect(stripeRefundsOf(gift.stripe_payment_intent_id)).toHaveLength(1);
    expect(await paymentOf(gift.id)).toEqual({ status: 'refunded', refunded_pence: 1500 });
    expect(await refundMails(gift.email)).toHaveLength(1);
  });
});
