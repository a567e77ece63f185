// Attack: attaching a Gift Aid declaration to someone else's account. The attacker gives
// £1 as a guest on /donate with the victim's email address and a declaration in another
// name. The declaration used to be attached to the victim's account at their next
// sign-in, by the email alone, and became their current declaration: their later
// membership fees were claimed from HMRC in a stranger's name. Email matching in the claim
// screen did the same to any other gift made under that address.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getSql } from '@/db/client';
import { hashVerificationToken } from '@/lib/auth/magic-link';
import { ukToday } from '@/lib/gift-aid/claim-range';
import { form } from '../support/forms';
import { createPersona, type PersonaUser } from '../support/personas';
import { startBench, type Bench } from '../support/payments';
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

const { startDonation } = await import('@/app/[locale]/donate/actions');
const { confirmGuestGiftAction } = await import('@/app/[locale]/account/actions');
const { POST: confirmSignIn } = await import('@/app/api/auth/confirm/route');
const { listDeclarations } = await import('@/db/queries/gift-aid');
const { listGuestGiftsFor } = await import('@/db/queries/donations');
const { previewClaim } = await import('@/lib/gift-aid/claims/preview-claim');
const { recordOfflineMembershipPayment } = await import('@/lib/payments/offline');

let bench: Bench;
let staff: PersonaUser;
beforeAll(async () => {
  await seedDemoContent();
  bench = await startBench();
  staff = await createPersona(getSql(), 'staff');
});
afterAll(() => bench.stop());
beforeEach(() => requestContext.reset());

const today = () => ({ from: ukToday(), to: ukToday() });

/** A gift through the real donate form, as whoever the request context says, paid in the Stripe double. */
async function giveThroughTheForm(fields: {
  email: string;
  pounds: string;
  declaration?: { firstName: string; lastName: string; scope: string };
}): Promise<string> {
  const giftAid = fields.declaration
    ? { giftAid: 'on', ...fields.declaration, houseNameOrNumber: '1', gaPostcode: 'SW1A 1AA', confirm: 'on' }
    : {};
  const { redirect } = await outcomeOf(() =>
    startDonation({ values: {} }, form({ locale: 'en', frequency: 'one_off', amount: fields.pounds, email: fields.email, ...giftAid })),
  );
  expect(redirect, 'the form sends the donor to Stripe Checkout').toBeTruthy();
  const donation = firstRow(await getSql()`select id, stripe_checkout_session_id from donations order by created_at desc limit 1`);
  bench.double.state.completeCheckout(donation.stripe_checkout_session_id);
  await bench.settle();
  return donation.id as string;
}

/** Signs in through the real magic-link confirmation, as the owner of the mailbox would. */
async function signInByMail(email: string): Promise<void> {
  const token = randomBytes(32).toString('hex');
  await getSql()`insert into verification_tokens (identifier, token, expires) values (${email}, ${hashVerificationToken(token, process.env.AUTH_SECRET!)}, now() + interval '1 hour')`;
  const response = await confirmSignIn(
    new Request('http://localhost:3000/api/auth/confirm', {
      method: 'POST',
      headers: { origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token, email, callbackUrl: '/account', locale: 'en' }),
    }),
  );
  expect(response.status).toBe(303);
  const cookie = /authjs\.session-token=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
  expect(cookie).toBeTruthy();
  requestContext.reset();
  requestContext.cookies.set('authjs.session-token', cookie!);
}

const offlineFee = async (email: string) => {
  const result = await recordOfflineMembershipPayment({
    email,
    tierSlug: null,
    amountPence: 3000,
    paidOn: new Date(),
    method: 'cheque',
    reference: null,
    recordedByUserId: staff.userId,
  });
  if (!result.ok) throw new Error(result.error);
  return result.payment;
};

const paymentsOf = (donationId: string) => getSql()`select id, user_id, gift_aid_eligible from payments where donation_id = ${donationId}`;

describe("a stranger's Gift Aid declaration made under the victim's address", () => {
  it('is not attached at sign-in, never covers their membership fees or other gifts, and covers only its own gift', async () => {
    const victim = await createPersona(getSql(), 'member');
    // The victim once gave as a guest too, without Gift Aid.
    requestContext.reset();
    const victimsOwnGift = await giveThroughTheForm({ email: victim.email, pounds: '20' });

    // The attack: a guest gift with the victim's address and a declaration in another name.
    requestContext.reset();
    const attackersGift = await giveThroughTheForm({
      email: victim.email,
      pounds: '1',
      declaration: { firstName: 'Mallory', lastName: 'Stranger', scope: 'past_four_years_and_future' },
    });

    await signInByMail(victim.email);

    // Nothing was attached: not the declaration, not the gift.
    expect(await listDeclarations(victim.userId)).toEqual([]);
    expect((await paymentsOf(attackersGift)).map((p) => p.user_id)).toEqual([null]);

    // The victim's next membership fee is not Gift Aided in the stranger's name.
    const fee = await offlineFee(victim.email);
    expect(fee.giftAidEligible).toBe(false);
    expect(fee.giftAidDeclarationId).toBeNull();

    // Staff's claim screen: the stranger's declaration covers the gift it came with, and nothing else.
    const preview = await previewClaim(today());
    const attackPayment = firstRow(await paymentsOf(attackersGift));
    const ownPayment = firstRow(await paymentsOf(victimsOwnGift));
    const eligible = preview.eligible.map((row) => row.id);
    expect(eligible).toContain(attackPayment.id);
    expect(eligible).not.toContain(fee.id);
    expect(eligible).not.toContain(ownPayment.id);
    expect(preview.eligible.find((row) => row.id === attackPayment.id)?.declaration.lastName).toBe('Stranger');

    // The victim is shown the gifts made under their address, to confirm or to leave.
    const offered = await listGuestGiftsFor(victim.email);
    expect(offered.map((g) => g.donationId).sort()).toEqual([attackersGift, victimsOwnGift].sort());
    expect(offered.find((g) => g.donationId === attackersGift)?.declaration?.lastName).toBe('Stranger');
  });

  it('someone signed in under another address cannot confirm the gift as theirs', async () => {
    const owner = await createPersona(getSql(), 'member');
    requestContext.reset();
    const gift = await giveThroughTheForm({
      email: owner.email,
      pounds: '5',
      declaration: { firstName: 'Ana', lastName: 'Owner', scope: 'this_and_future' },
    });
    const intruder = await createPersona(getSql(), 'member');
    requestContext.cookies.set('authjs.session-token', intruder.sessionToken);
    await outcomeOf(() => confirmGuestGiftAction(form({ locale: 'en', donationId: gift })));
    expect(await listDeclarations(intruder.userId)).toEqual([]);
    expect((await paymentsOf(gift)).map((p) => p.user_id)).toEqual([null]);
  });
});

describe('the real donor confirms their guest gift on /account', () => {
  it('then the declaration is theirs and covers what its scope says', async () => {
    const donor = await createPersona(getSql(), 'member');
    requestContext.reset();
    const gift = await giveThroughTheForm({
      email: donor.email,
      pounds: '10',
      declaration: { firstName: 'Rosa', lastName: 'Huamán', scope: 'this_and_future' },
    });
    await signInByMail(donor.email);
    expect(await listDeclarations(donor.userId)).toEqual([]);

    const { outcome } = await outcomeOf(() => confirmGuestGiftAction(form({ locale: 'en', donationId: gift })));
    expect(outcome).toBe('ok');
    const declarations = await listDeclarations(donor.userId);
    expect(declarations.map((d) => d.lastName)).toEqual(['Huamán']);
    expect((await paymentsOf(gift)).map((p) => p.user_id)).toEqual([donor.userId]);
    expect(await listGuestGiftsFor(donor.email)).toEqual([]);

    const fee = await offlineFee(donor.email);
    expect(fee.giftAidEligible).toBe(true);
    expect(fee.giftAidDeclarationId).toBe(declarations[0]!.id);
    const audit =
      await getSql()`select action from audit_log where actor_user_id = ${donor.userId} and action in ('donation.confirmed_by_donor', 'gift_aid.declaration_confirmed')`;
    expect(audit.map((a) => a.action).sort()).toEqual(['donation.confirmed_by_donor', 'gift_aid.declaration_confirmed']);
  });
});
