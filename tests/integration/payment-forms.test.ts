// Hostile and mistaken input to the join and donate forms: a clear message, the input
// kept, nothing created, never a crash; and forged ids are ignored.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getSql } from '@/db/client';
import { createPersona } from '../support/personas';
import { seedDemoContent } from '../support/seed';
import { startBench, type Bench } from '../support/payments';
import { after, nextHeadersMock, outcomeOf, requestContext } from '../support/request-context';

vi.mock('next/headers', () => nextHeadersMock);
vi.mock('next/server', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/server')>()),
  after,
}));

const { startDonation } = await import('@/app/[locale]/donate/actions');
const { startMembership } = await import('@/app/[locale]/join/actions');

let bench: Bench;
beforeAll(async () => {
  await seedDemoContent();
  bench = await startBench();
});
afterAll(() => bench.stop());

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};
const donationCount = async () => (await getSql()`select count(*)::int as n from donations`)[0]!.n;

describe('donate form', () => {
  for (const amount of ['0', '-5', '1e9', 'abc', '10.005', '0.99', '10000.01']) {
    it(`refuses an amount of ${amount}`, async () => {
      requestContext.reset();
      const before = await donationCount();
      const { result } = await outcomeOf(() =>
        startDonation(
          { values: {} },
          form({ locale: 'en', frequency: 'one_off', amount: 'other', otherAmount: amount, email: 'a@example.org' }),
        ),
      );
      expect(result).toMatchObject({ fieldErrors: { amount: 'amount' }, values: { otherAmount: amount, email: 'a@example.org' } });
      expect(await donationCount()).toBe(before);
    });
  }

  it('refuses a Gift Aid postcode that is not a UK one', async () => {
    const { result } = await outcomeOf(() =>
      startDonation(
        { values: {} },
        form({
          locale: 'en',
          frequency: 'one_off',
          amount: '25',
          email: 'a@example.org',
          giftAid: 'on',
          firstName: 'A',
          lastName: 'B',
          houseNameOrNumber: '1',
          gaPostcode: '75001',
          scope: 'this_gift',
          confirm: 'on',
        }),
      ),
    );
    expect(result).toMatchObject({ fieldErrors: { 'ga.postcode': 'ukPostcode' } });
  });

  it('reports every problem at once: the email, the amount and the Gift Aid fields together', async () => {
    const before = await donationCount();
    const { result } = await outcomeOf(() =>
      startDonation(
        { values: {} },
        form({
          locale: 'en',
          frequency: 'one_off',
          amount: 'other',
          otherAmount: '0',
          email: 'not-an-address',
          giftAid: 'on',
          firstName: '',
          lastName: 'B',
          houseNameOrNumber: '1',
          gaPostcode: 'N1 9GU',
          scope: 'this_gift',
        }),
      ),
    );
    expect(result).toMatchObject({
      fieldErrors: { email: 'invalid', amount: 'amount', 'ga.firstName': 'required', 'ga.confirm': 'confirm' },
      values: { email: 'not-an-address', firstName: '' },
    });
    expect(await donationCount()).toBe(before);
  });

  // The Spanish form asks for "30 o 30,50": that is £30.50, not £3,050.
  for (const [typed, pence] of [
    ['30,50', 3050],
    ['1.000', 100000],
    ['1.000,50', 100050],
    ['30.50', 3050],
  ] as const) {
    it(`a Spanish donor typing ${typed} gives ${pence} pence, and Stripe Checkout asks for that`, async () => {
      requestContext.reset();
      const email = `es-${Math.random().toString(36).slice(2, 8)}@example.org`;
      const { outcome } = await outcomeOf(() =>
        startDonation({ values: {} }, form({ locale: 'es', frequency: 'one_off', amount: 'other', otherAmount: typed, email })),
      );
      expect(outcome).toBe('ok');
      const [gift] = await getSql()`select amount_pence, stripe_checkout_session_id from donations where email = ${email}`;
      expect(gift!.amount_pence).toBe(pence);
      const session = bench.double.state.session(gift!.stripe_checkout_session_id as string);
      expect(session.amount_total).toBe(pence);
    });
  }

  it('ignores a forged userId: a guest gives as a guest, a member as themselves', async () => {
    const victim = await createPersona(getSql(), 'member');
    requestContext.reset();
    const { outcome } = await outcomeOf(() =>
      startDonation(
        { values: {} },
        form({ locale: 'en', frequency: 'one_off', amount: '10', email: 'guest@example.org', userId: victim.userId }),
      ),
    );
    expect(outcome).toBe('ok');
    const [guestGift] = await getSql()`select user_id, email from donations order by created_at desc limit 1`;
    expect(guestGift).toEqual({ user_id: null, email: 'guest@example.org' });

    const member = await createPersona(getSql(), 'member');
    requestContext.cookies.set('authjs.session-token', member.sessionToken);
    await outcomeOf(() =>
      startDonation(
        { values: {} },
        form({ locale: 'en', frequency: 'monthly', amount: '10', email: 'someone-else@example.org', userId: victim.userId }),
      ),
    );
    const [memberGift] = await getSql()`select user_id, email from donations order by created_at desc limit 1`;
    expect(memberGift).toEqual({ user_id: member.userId, email: member.email });
  });
});

describe('join form', () => {
  const details = { locale: 'en', name: 'A Person', addressLine1: '1 Street', city: 'Town', postcode: 'N1 9GU', paymentMethod: 'card' };

  it('a tier that does not exist gets a clear message and creates nothing', async () => {
    const user = await createPersona(getSql(), 'lapsed');
    requestContext.reset();
    requestContext.cookies.set('authjs.session-token', user.sessionToken);
    const { result } = await outcomeOf(() => startMembership({ values: {} }, form({ ...details, tier: 'platinum' })));
    expect(result).toMatchObject({ error: 'unknownTier', values: { tier: 'platinum', name: 'A Person' } });
    expect(await getSql()`select 1 from memberships where user_id = ${user.userId} and status = 'pending'`).toHaveLength(0);
  });

  it('missing details are reported field by field with the input kept', async () => {
    const user = await createPersona(getSql(), 'lapsed');
    requestContext.reset();
    requestContext.cookies.set('authjs.session-token', user.sessionToken);
    const { result } = await outcomeOf(() => startMembership({ values: {} }, form({ ...details, tier: 'individual', name: '', city: '' })));
    expect(result).toMatchObject({ fieldErrors: { name: 'required', city: 'required' }, values: { addressLine1: '1 Street' } });
  });

  it('missing details and a wrong Gift Aid declaration are reported together', async () => {
    const user = await createPersona(getSql(), 'lapsed');
    requestContext.reset();
    requestContext.cookies.set('authjs.session-token', user.sessionToken);
    const { result } = await outcomeOf(() =>
      startMembership(
        { values: {} },
        form({
          ...details,
          tier: 'individual',
          addressLine1: '',
          giftAid: 'on',
          firstName: 'A',
          lastName: 'B',
          houseNameOrNumber: '1',
          gaPostcode: '75001',
          scope: 'this_and_future',
          confirm: 'on',
        }),
      ),
    );
    expect(result).toMatchObject({
      fieldErrors: { addressLine1: 'required', 'ga.postcode': 'ukPostcode' },
      values: { gaPostcode: '75001' },
    });
    expect(await getSql()`select 1 from gift_aid_declarations where user_id = ${user.userId}`).toHaveLength(0);
  });

  it('offers no bank transfer until an admin has saved bank details: refused, input kept, nothing saved', async () => {
    const user = await createPersona(getSql(), 'lapsed');
    requestContext.reset();
    requestContext.cookies.set('authjs.session-token', user.sessionToken);
    const { result } = await outcomeOf(() =>
      startMembership({ values: {} }, form({ ...details, tier: 'individual', name: 'Changed Name', paymentMethod: 'bank_transfer' })),
    );
    expect(result).toMatchObject({ error: 'bankUnavailable', values: { name: 'Changed Name', paymentMethod: 'bank_transfer' } });
    expect(await getSql()`select 1 from memberships where user_id = ${user.userId} and status = 'pending'`).toHaveLength(0);
    expect((await getSql()`select name from users where id = ${user.userId}`)[0]!.name).not.toBe('Changed Name');
  });

  it('a forged userId cannot make someone else a member', async () => {
    await getSql()`insert into settings (key, value) values ('bank_details', ${JSON.stringify({ accountName: 'Peru Support Group', sortCode: '08-92-99', accountNumber: '20123456', bank: 'Unity Trust Bank' })}::jsonb)`;
    const victim = await createPersona(getSql(), 'lapsed');
    const me = await createPersona(getSql(), 'lapsed');
    requestContext.reset();
    requestContext.cookies.set('authjs.session-token', me.sessionToken);
    const { outcome, redirect } = await outcomeOf(() =>
      startMembership({ values: {} }, form({ ...details, tier: 'individual', userId: victim.userId, paymentMethod: 'bank_transfer' })),
    );
    expect(outcome).toBe('ok');
    expect(redirect).toContain('/join/bank-transfer');
    expect(await getSql()`select 1 from memberships where user_id = ${me.userId} and status = 'pending'`).toHaveLength(1);
    expect(await getSql()`select 1 from memberships where user_id = ${victim.userId} and status = 'pending'`).toHaveLength(0);
  });

  it('anonymous visitors are sent to sign in, with the tier kept', async () => {
    requestContext.reset();
    const { outcome, redirect } = await outcomeOf(() => startMembership({ values: {} }, form({ ...details, tier: 'individual' })));
    expect(outcome).toBe('signin');
    expect(decodeURIComponent(redirect ?? '')).toContain('callbackUrl=/join/individual');
  });
});
