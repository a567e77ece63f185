// Deleting an account while Stripe still has subscriptions for the person: a membership
// that renews every year and a monthly gift. Erasing the account ends its memberships
// here; if Stripe were not told, it would go on charging their card with no receipt and
// no account to stop it from. Through the server action, against the Stripe double.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getSql } from '@/db/client';
import { STRIPE_MAX_RETRIES } from '@/lib/payments/stripe';
import { form } from '../support/forms';
import { startBench, tier, type Bench } from '../support/payments';
import { createPersona, type PersonaUser } from '../support/personas';
import { after, nextHeadersMock, outcomeOf, requestContext } from '../support/request-context';
import { firstRow } from '../support/rows';
import { seedDemoContent } from '../support/seed';

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

const { deleteAccount } = await import('@/app/[locale]/account/actions');
const { createMembershipCheckout, ensureTierPrice } = await import('@/lib/payments/checkout');
const { createDonationCheckout } = await import('@/lib/payments/donations');

let bench: Bench;
beforeAll(async () => {
  await seedDemoContent();
  bench = await startBench();
  await ensureTierPrice(await tier('individual'));
});
afterAll(() => bench.stop());
beforeEach(async () => {
  requestContext.reset();
  await bench.control.normalResponses();
});

/** A member paying by card every year who also gives £5 a month, both through Stripe Checkout. */
async function cardMemberWithMonthlyGift(): Promise<PersonaUser & { subscriptions: string[] }> {
  const person = await createPersona(getSql(), 'lapsed');
  const user = { id: person.userId, email: person.email, name: 'Rosa Paz', stripeCustomerId: null };
  const membership = await createMembershipCheckout({ user, tier: await tier('individual'), locale: 'en' });
  bench.double.state.completeCheckout(membership.id);
  await bench.settle();
  const customer = firstRow(
    await getSql()<{ stripe_customer_id: string }[]>`select stripe_customer_id from users where id = ${person.userId}`,
  ).stripe_customer_id;
  const { donation } = await createDonationCheckout({
    amountPence: 500,
    frequency: 'monthly',
    email: person.email,
    userId: person.userId,
    stripeCustomerId: customer,
    giftAidDeclarationId: null,
    locale: 'en',
  });
  const giftSession = firstRow(
    await getSql()<{ stripe_checkout_session_id: string }[]>`select stripe_checkout_session_id from donations where id = ${donation.id}`,
  ).stripe_checkout_session_id;
  bench.double.state.completeCheckout(giftSession);
  await bench.settle();
  const subscriptions = await getSql()<{ id: string }[]>`
    select stripe_subscription_id as id from memberships where user_id = ${person.userId} and status = 'active'
    union all select stripe_subscription_id from donations where id = ${donation.id} and status = 'active'`;
  expect(subscriptions).toHaveLength(2);
  return { ...person, subscriptions: subscriptions.map((row) => row.id) };
}

const statusAtStripe = (id: string) => bench.double.state.subscriptions.get(id)?.status;
const remove = (person: PersonaUser, confirmation = person.email) => {
  requestContext.cookies.set('authjs.session-token', person.sessionToken);
  return outcomeOf(() => deleteAccount({ values: {} }, form({ confirmation, locale: 'en' })));
};
const paymentsOf = async (userId: string) =>
  (await getSql()<{ n: number }[]>`select count(*)::int as n from payments where user_id = ${userId}`)[0]!.n;

describe('deleting an account that Stripe still charges', () => {
  it('cancels the membership and the monthly gift at Stripe, then erases the account; no later renewal charges the card', async () => {
    const person = await cardMemberWithMonthlyGift();
    const { redirect } = await remove(person);
    expect(redirect).toBe('/goodbye');
    for (const id of person.subscriptions) expect(statusAtStripe(id), id).toBe('canceled');
    const [user] = await getSql()`select email, deleted_at is not null as deleted from users where id = ${person.userId}`;
    expect(user).toEqual({ email: null, deleted: true });
    const [audit] = await getSql()`select data from audit_log where action = 'user.deleted' and entity_id = ${person.userId}`;
    expect(audit!.data).toEqual({ stripeSubscriptionsCancelled: person.subscriptions });

    // A year and more on: Stripe renews neither, so nothing more is paid.
    const paid = await paymentsOf(person.userId);
    for (let month = 0; month < 13; month++) bench.double.state.advanceClock(31 * 24 * 3600);
    await bench.settle();
    expect(await paymentsOf(person.userId)).toBe(paid);
  });

  it('Stripe failing: nothing is erased and the person is told to try again, their address kept; the next try deletes', async () => {
    const person = await cardMemberWithMonthlyGift();
    // Every attempt at the first cancellation fails before Stripe does anything.
    await bench.control.failNextResponses(STRIPE_MAX_RETRIES + 1, 'before');
    const refused = await remove(person);
    expect(refused.redirect).toBeUndefined();
    expect(refused.result).toMatchObject({ values: { confirmation: person.email }, error: 'stripe' });
    const [kept] = await getSql()`select email, deleted_at from users where id = ${person.userId}`;
    expect(kept).toEqual({ email: person.email, deleted_at: null });
    expect(await getSql()`select 1 from sessions where user_id = ${person.userId}`).toHaveLength(1);
    for (const id of person.subscriptions) expect(statusAtStripe(id), id).toBe('active');

    const { redirect } = await remove(person);
    expect(redirect).toBe('/goodbye');
    for (const id of person.subscriptions) expect(statusAtStripe(id), id).toBe('canceled');
    expect((await getSql()`select email from users where id = ${person.userId}`)[0]!.email).toBeNull();
  });

  it('a lost answer: Stripe cancelled but the answer never came; the retry finds it cancelled ("No such subscription") and the account is deleted', async () => {
    const person = await cardMemberWithMonthlyGift();
    await bench.control.failNextResponses(1, 'after');
    const { redirect } = await remove(person);
    expect(redirect).toBe('/goodbye');
    for (const id of person.subscriptions) expect(statusAtStripe(id), id).toBe('canceled');
    expect((await getSql()`select email from users where id = ${person.userId}`)[0]!.email).toBeNull();
  });
});
