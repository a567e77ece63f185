// PAYMENTS.md rows 15 and 16, and the guest-donor rules, against the Stripe double.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { after } from '../support/request-context';
import { getSql } from '@/db/client';
import { seedDemoContent } from '../support/seed';
import { startBench, type Bench } from '../support/payments';
import { firstRow } from '../support/rows';

vi.mock('next/server', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/server')>()),
  after,
}));

const { createDonationCheckout } = await import('@/lib/payments/donations');
const { listGuestGiftsFor } = await import('@/db/queries/donations');
const { confirmGuestGift } = await import('@/lib/gift-aid/confirm-guest-gift');
const { createDeclaration } = await import('@/db/queries/gift-aid');
const { getDb } = await import('@/db/client');

let bench: Bench;
beforeAll(async () => {
  await seedDemoContent();
  bench = await startBench();
});
afterAll(() => bench.stop());

const guest = () => `donor-${Math.random().toString(36).slice(2, 9)}@example.org`;

async function give(opts: {
  email: string;
  amountPence: number;
  frequency: 'one_off' | 'monthly';
  giftAid?: boolean | 'this_and_future';
  method?: 'card' | 'bacs_debit';
}) {
  const declaration = opts.giftAid
    ? await createDeclaration(getDb(), {
        email: opts.email,
        firstName: 'Ana',
        lastName: 'Flores',
        houseNameOrNumber: '3',
        postcode: 'E1 6AN',
        scope: opts.giftAid === true ? 'this_gift' : opts.giftAid,
      })
    : null;
  const { donation } = await createDonationCheckout({
    amountPence: opts.amountPence,
    frequency: opts.frequency,
    email: opts.email,
    userId: null,
    stripeCustomerId: null,
    giftAidDeclarationId: declaration?.id ?? null,
    locale: 'en',
  });
  const row = firstRow(await getSql()`select stripe_checkout_session_id from donations where id = ${donation.id}`);
  const session = bench.double.state.session(row.stripe_checkout_session_id);
  bench.double.state.completeCheckout(session.id, { payment_method: opts.method ?? 'card' });
  await bench.settle();
  return { donationId: donation.id, sessionId: session.id };
}

const paymentsOf = (donationId: string) =>
  getSql()`select amount_pence, status, gift_aid_eligible, kind from payments where donation_id = ${donationId} order by created_at`;
const donationStatus = async (id: string) => (await getSql()`select status from donations where id = ${id}`)[0]!.status;

describe('donations', () => {
  it('15a: a one-off card gift: one paid payment, a receipt, Gift Aid when declared', async () => {
    const email = guest();
    const { donationId } = await give({ email, amountPence: 2500, frequency: 'one_off', giftAid: true });
    expect(await paymentsOf(donationId)).toEqual([{ amount_pence: 2500, status: 'paid', gift_aid_eligible: true, kind: 'donation' }]);
    expect(await donationStatus(donationId)).toBe('completed');
    const receipts = await getSql()`select subject, text_body from mail_outbox where to_address = ${email}`;
    expect(receipts).toHaveLength(1);
    expect(receipts[0]!.subject).toBe('Receipt for your payment of £25');
    expect(receipts[0]!.text_body).toContain('25p from HMRC');
  });

  it('15b: a one-off gift by a delayed method: pending, then paid (or failed)', async () => {
    const paid = await give({ email: guest(), amountPence: 1000, frequency: 'one_off', method: 'bacs_debit' });
    expect(await paymentsOf(paid.donationId)).toMatchObject([{ status: 'pending' }]);
    expect(await donationStatus(paid.donationId)).toBe('pending');
    bench.double.state.settleDelayedPayment(paid.sessionId, 'succeeded');
    await bench.settle();
    expect(await paymentsOf(paid.donationId)).toMatchObject([{ status: 'paid', amount_pence: 1000 }]);
    expect(await donationStatus(paid.donationId)).toBe('completed');

    const failed = await give({ email: guest(), amountPence: 1000, frequency: 'one_off', method: 'bacs_debit' });
    bench.double.state.settleDelayedPayment(failed.sessionId, 'failed');
    await bench.settle();
    expect(await paymentsOf(failed.donationId)).toMatchObject([{ status: 'failed' }]);
    expect(await donationStatus(failed.donationId)).toBe('failed');
  });

  it('16: a monthly gift over three cycles: three payments, one per invoice', async () => {
    const email = guest();
    const { donationId } = await give({ email, amountPence: 500, frequency: 'monthly' });
    // Two calendar months, and the hour each renewal invoice stays a draft before it is charged.
    bench.double.state.advanceClock(32 * 24 * 3600);
    bench.double.state.advanceClock(32 * 24 * 3600);
    await bench.settle();
    const rows = await paymentsOf(donationId);
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.status === 'paid' && r.amount_pence === 500)).toBe(true);
    expect(await donationStatus(donationId)).toBe('active');
    // Redelivering every event changes nothing.
    for (const event of bench.double.state.events.slice(-20)) await bench.double.webhooks.deliver(event);
    expect(await paymentsOf(donationId)).toHaveLength(3);
    expect(await getSql()`select 1 from mail_outbox where to_address = ${email}`).toHaveLength(3);
  });

  it('a monthly gift with Gift Aid: "this payment only" covers the first month; "this and future" every month', async () => {
    const once = await give({ email: guest(), amountPence: 700, frequency: 'monthly', giftAid: true });
    const always = await give({ email: guest(), amountPence: 700, frequency: 'monthly', giftAid: 'this_and_future' });
    bench.double.state.advanceClock(31 * 24 * 3600);
    await bench.settle();
    expect((await paymentsOf(once.donationId)).map((p) => p.gift_aid_eligible)).toEqual([true, false]);
    expect((await paymentsOf(always.donationId)).map((p) => p.gift_aid_eligible)).toEqual([true, true]);
  });

  it('a guest who later signs in with the same email is offered their gifts, and they join the account once confirmed', async () => {
    const email = guest();
    const { donationId } = await give({ email, amountPence: 5000, frequency: 'one_off', giftAid: true });
    const user = firstRow(await getSql()`insert into users (email) values (${email}) returning id`);
    // Offered, not attached: the address alone ties nothing to the account.
    expect((await listGuestGiftsFor(email.toUpperCase())).map((g) => [g.donationId, g.amountPence, g.declaration?.lastName])).toEqual([
      [donationId, 5000, 'Flores'],
    ]);
    expect(await getSql()`select 1 from payments where user_id = ${user.id}`).toHaveLength(0);
    // Someone signed in under another address cannot take it.
    const other = firstRow(await getSql()`insert into users (email) values (${guest()}) returning id, email`);
    expect(await confirmGuestGift({ userId: other.id, email: other.email, donationId })).toBe(false);

    expect(await confirmGuestGift({ userId: user.id, email, donationId })).toBe(true);
    const row = firstRow(await getSql()`select user_id from donations where id = ${donationId}`);
    expect(row.user_id).toBe(user.id);
    expect(await getSql()`select 1 from payments where user_id = ${user.id}`).toHaveLength(1);
    expect(await getSql()`select 1 from gift_aid_declarations where user_id = ${user.id}`).toHaveLength(1);
    expect(await listGuestGiftsFor(email)).toEqual([]);
    // Confirming twice changes nothing more.
    expect(await confirmGuestGift({ userId: user.id, email, donationId })).toBe(false);
  });
});
