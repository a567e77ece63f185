// PAYMENTS.md rows 21-29: what real Stripe does that the old double never did, and what a
// member or staff member then sees. The double is driven only through its public surface:
// the control API over HTTP (stripe-double/control.ts) and the Stripe SDK.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { after } from '../support/request-context';
import { getSql } from '@/db/client';
import { seedDemoContent } from '../support/seed';
import { newUser, startBench, tier, type Bench } from '../support/payments';
import { firstRow } from '../support/rows';

vi.mock('next/server', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/server')>()),
  after,
}));

const { createMembershipCheckout, ensureCustomer, ensureTierPrice } = await import('@/lib/payments/checkout');
const { createDonationCheckout } = await import('@/lib/payments/donations');
const { getStripe } = await import('@/lib/payments/stripe');
const { refundPayment } = await import('@/lib/payments/refunds');
const { paymentNotices } = await import('@/lib/payments/notices');
const { memberAccess } = await import('@/lib/membership/lifecycle');
const { listPaymentsForUser } = await import('@/db/queries/payments');
const { findLatestMembership } = await import('@/db/queries/memberships');
const { listPaymentsForStaff } = await import('@/db/queries/admin-payments');
const { listClaimedPaymentsWithLostDisputes } = await import('@/db/queries/disputes');
const { previewClaim } = await import('@/lib/gift-aid/claims/preview-claim');
const { createClaim } = await import('@/lib/gift-aid/claims/create-claim');
const { createDeclaration } = await import('@/db/queries/gift-aid');
const { ukToday } = await import('@/lib/gift-aid/claim-range');
const { getDb } = await import('@/db/client');
const { formatPence } = await import('@/lib/format');

let bench: Bench;
beforeAll(async () => {
  await seedDemoContent();
  bench = await startBench();
});
afterAll(() => bench.stop());

const DAY = 24 * 3600;
// A year (a leap year has 366 days), and the hour a renewal invoice stays a draft.
const RENEWAL_DAYS = 367;
const CARD = {
  ok: '4242424242424242',
  threeDS: '4000002760003184',
  declined: '4000000000000002',
  insufficient: '4000000000009995',
  failsLater: '4000000000000341',
  disputed: '4000000000000259',
  refundFails: '4000000000005126',
};

const idle = () => bench.control.webhooksIdle();
const stripe = () => getStripe();
const doubleNow = async () => new Date((await bench.control.advanceClock({ seconds: 0 })).now * 1000);
/** Sends an event the double already sent once more (the control API's events/:id/deliver). */
async function deliverEvent(id: string, opts: { times?: number } = {}): Promise<number[]> {
  const response = await fetch(`${bench.double.url}/_control/events/${id}/deliver`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(opts),
  });
  return ((await response.json()) as { statuses: number[] }).statuses;
}
const advance = async (days: number) => {
  await bench.control.advanceClock({ days });
  await idle();
};

type CheckoutOpts = Parameters<Bench['control']['completeCheckout']>[1];

/** A member-to-be who reaches Stripe Checkout and submits it as given. */
async function join(opts: CheckoutOpts & { locale?: 'en' | 'es' } = {}) {
  const { locale = 'en', ...complete } = opts;
  const user = await newUser('member');
  await getSql()`update users set preferred_locale = ${locale} where id = ${user.id}`;
  const session = await createMembershipCheckout({ user, tier: await tier('individual'), locale });
  const result = await bench.control.completeCheckout(session.id, complete);
  await idle();
  const completed = await stripe().checkout.sessions.retrieve(session.id);
  return {
    user,
    sessionId: session.id,
    error: result.error,
    subscriptionId: completed.subscription as string | null,
    customerId: completed.customer as string,
  };
}

const membership = async (userId: string) =>
  (
    await getSql()<{ id: string; status: string; stripe_status: string | null; current_period_end: Date | null }[]>`
    select id, status, stripe_status, current_period_end from memberships where user_id = ${userId} order by created_at desc`
  )[0];
const paymentsOf = (userId: string) =>
  getSql()<
    {
      id: string;
      status: string;
      method: string;
      amount_pence: number;
      stripe_invoice_id: string | null;
      stripe_payment_intent_id: string | null;
      paid_at: Date | null;
      failure_code: string | null;
      next_attempt_at: Date | null;
      confirm_url: string | null;
      refunded_pence: number;
    }[]
  >`
    select id, status, method, amount_pence, stripe_invoice_id, stripe_payment_intent_id, paid_at, failure_code, next_attempt_at, confirm_url, refunded_pence
    from payments where user_id = ${userId} order by created_at`;
const mailsTo = (email: string, keyPrefix: string) =>
  getSql()<
    { dedupe_key: string; subject: string; text_body: string }[]
  >`select dedupe_key, subject, text_body from mail_outbox where to_address = ${email} and dedupe_key like ${keyPrefix + '%'} order by created_at`;
const auditOf = (paymentId: string) =>
  getSql()<
    { action: string; data: Record<string, unknown> }[]
  >`select action, data from audit_log where entity_type = 'payment' and entity_id = ${paymentId} order by id`;
const latestInvoice = async (subscriptionId: string) => {
  const sub = await stripe().subscriptions.retrieve(subscriptionId);
  return stripe().invoices.retrieve(sub.latest_invoice as string, { expand: ['payments'] });
};

const guest = () => `donor-${Math.random().toString(36).slice(2, 9)}@example.org`;

/** A one-off gift, optionally Gift-Aided ("this gift"), paid as given at checkout. */
async function give(opts: CheckoutOpts & { giftAid?: boolean; amountPence?: number } = {}) {
  const { giftAid, amountPence = 4000, ...complete } = opts;
  const email = guest();
  const declaration = giftAid
    ? await createDeclaration(getDb(), {
        email,
        firstName: 'Rosa',
        lastName: 'Huamán',
        houseNameOrNumber: '7',
        postcode: 'E1 6AN',
        scope: 'this_gift',
      })
    : null;
  const { donation } = await createDonationCheckout({
    amountPence,
    frequency: 'one_off',
    email,
    userId: null,
    stripeCustomerId: null,
    giftAidDeclarationId: declaration?.id ?? null,
    locale: 'en',
  });
  const { stripe_checkout_session_id: sessionId } = firstRow(
    await getSql()`select stripe_checkout_session_id from donations where id = ${donation.id}`,
  );
  const result = await bench.control.completeCheckout(sessionId, complete);
  await idle();
  const [payment] = await getSql()<
    { id: string; status: string; method: string; stripe_payment_intent_id: string; gift_aid_eligible: boolean }[]
  >`
    select id, status, method, stripe_payment_intent_id, gift_aid_eligible from payments where donation_id = ${donation.id}`;
  return { email, donationId: donation.id, sessionId, error: result.error, payment };
}

const donation = async (id: string) => (await getSql()`select status from donations where id = ${id}`)[0]!.status as string;
const chargeOf = async (paymentIntentId: string) => (await stripe().paymentIntents.retrieve(paymentIntentId)).latest_charge as string;
const today = () => ({ from: ukToday(), to: ukToday() });
const claimRow = async (paymentId: string) => {
  const preview = await previewClaim(today());
  return {
    eligible: preview.eligible.some((r) => r.id === paymentId),
    excluded: preview.excluded.find((r) => r.id === paymentId)?.reason ?? null,
  };
};

describe('invoices as Stripe sends them (rows 21, 22)', () => {
  it('a renewal is recorded with its payment intent and the moment it was paid, an hour after its invoice was created; staff can refund it', async () => {
    const { user, subscriptionId } = await join();
    await advance(RENEWAL_DAYS);
    const rows = await paymentsOf(user.id);
    expect(rows).toHaveLength(2);
    const renewal = rows[1]!;
    const invoice = await stripe().invoices.retrieve(renewal.stripe_invoice_id!, { expand: ['payments'] });
    // Without expand[] Stripe leaves the payments out; the app asks for them.
    expect((await stripe().invoices.retrieve(renewal.stripe_invoice_id!)).payments).toBeUndefined();
    expect(renewal.stripe_payment_intent_id).toBe(invoice.payments!.data[0]!.payment.payment_intent);
    expect(new Date(renewal.paid_at!).getTime()).toBe(invoice.status_transitions.paid_at! * 1000);
    expect(invoice.status_transitions.paid_at! - invoice.created).toBeGreaterThanOrEqual(3600);
    expect(subscriptionId).toBeTruthy();

    const staff = await newUser('staff');
    const refunded = await refundPayment({
      paymentId: renewal.id,
      amountPence: 1000,
      reason: 'goodwill',
      endMembership: false,
      staffUserId: staff.id,
    });
    expect(refunded.ok).toBe(true);
    await idle();
    expect((await paymentsOf(user.id))[1]).toMatchObject({ status: 'partially_refunded', refunded_pence: 1000 });
  });
});

describe('3-D Secure (row 23)', () => {
  it('at checkout: failed authentication creates nothing; passed, the member is active and the gift paid', async () => {
    const failed = await join({ card: CARD.threeDS, authentication: 'fail' });
    expect(failed.error?.code).toBe('payment_intent_authentication_failure');
    expect(failed.subscriptionId).toBeNull();
    expect(await membership(failed.user.id)).toBeUndefined();
    expect(await paymentsOf(failed.user.id)).toHaveLength(0);

    const member = await join({ card: CARD.threeDS, authentication: 'pass' });
    expect(member.error).toBeNull();
    expect(await membership(member.user.id)).toMatchObject({ status: 'active' });
    expect(await paymentsOf(member.user.id)).toMatchObject([{ status: 'paid' }]);

    const refused = await give({ card: CARD.threeDS, authentication: 'fail' });
    expect(refused.error?.code).toBe('payment_intent_authentication_failure');
    expect(refused.payment).toBeUndefined();
    const passed = await give({ card: CARD.threeDS, authentication: 'pass' });
    expect(passed.error).toBeNull();
    expect(passed.payment).toMatchObject({ status: 'paid' });
    expect(await donation(passed.donationId)).toBe('completed');
  });

  it('on renewal: the member is mailed, once and in their language, a link to confirm; /account says so; confirming pays it', async () => {
    const { user, customerId, subscriptionId } = await join({ locale: 'es' });
    // From now on the member's bank asks for 3-D Secure on every payment, renewals included.
    await bench.control.setCard(customerId, CARD.threeDS);
    await advance(RENEWAL_DAYS);
    const invoice = await latestInvoice(subscriptionId!);
    expect(invoice.status).toBe('open');
    const [, renewal] = await paymentsOf(user.id);
    expect(renewal).toMatchObject({ status: 'pending', stripe_invoice_id: invoice.id, confirm_url: invoice.hosted_invoice_url });
    const mails = await mailsTo(user.email, 'payment-action:');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Confirme el pago de su cuota de socio');
    expect(mails[0]!.text_body).toContain(invoice.hosted_invoice_url!);
    expect(mails[0]!.text_body).toContain(formatPence(3000, 'es'));
    // No "your payment failed" mail for a payment that only needs confirming.
    expect(await mailsTo(user.email, 'payment-failed:')).toHaveLength(0);
    expect(paymentNotices(await listPaymentsForUser(user.id))).toEqual([
      { kind: 'confirm', paymentId: renewal!.id, amountPence: 3000, url: invoice.hosted_invoice_url },
    ]);
    expect((await membership(user.id))!.status).toBe('past_due');

    // Stripe sends the event again (and invoice.payment_failed beside it): still one mail.
    const events = (await bench.control.events()).filter(
      (e) => e.type === 'invoice.payment_action_required' && (e.data.object as { id: string }).id === invoice.id,
    );
    expect(events).toHaveLength(1);
    expect(await deliverEvent(events[0]!.id, { times: 2 })).toEqual([200, 200]);
    expect(await mailsTo(user.email, 'payment-action:')).toHaveLength(1);

    await bench.control.authenticateInvoice(invoice.id, 'pass');
    await idle();
    expect((await paymentsOf(user.id))[1]).toMatchObject({ status: 'paid', confirm_url: null });
    expect((await membership(user.id))!.status).toBe('active');
    expect(paymentNotices(await listPaymentsForUser(user.id))).toEqual([]);
    expect(await mailsTo(user.email, 'receipt:')).toHaveLength(2);
  });
});

describe('declined cards at checkout (row 24)', () => {
  it('a declined card or insufficient funds: the payer sees why, and nothing is created', async () => {
    const declined = await join({ card: CARD.declined });
    expect(declined.error).toMatchObject({ code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' });
    expect(await membership(declined.user.id)).toBeUndefined();

    const gift = await give({ card: CARD.insufficient });
    expect(gift.error).toMatchObject({ code: 'card_declined', decline_code: 'insufficient_funds' });
    expect(gift.payment).toBeUndefined();
    expect(await donation(gift.donationId)).toBe('pending');
    // Stripe did tell us: a failed payment intent, which the app leaves alone.
    const failedIntent = (await bench.control.events()).filter((e) => e.type === 'payment_intent.payment_failed');
    expect(failedIntent.length).toBeGreaterThan(0);
  });
});

describe('renewal failures (rows 11-12 as Stripe does them, and 25)', () => {
  it('a renewal that fails: the member is told why, when Stripe tries again and to update the card; unpaid after the last try', async () => {
    await bench.control.afterRetries('unpaid');
    try {
      const { user, customerId, subscriptionId } = await join();
      await bench.control.setCard(customerId, CARD.failsLater);
      await advance(RENEWAL_DAYS);
      const invoice = await latestInvoice(subscriptionId!);
      expect(invoice.next_payment_attempt).not.toBeNull();
      const [, renewal] = await paymentsOf(user.id);
      expect(renewal).toMatchObject({ status: 'failed', failure_code: 'generic_decline' });
      expect(new Date(renewal!.next_attempt_at!).getTime()).toBe(invoice.next_payment_attempt! * 1000);
      expect(await membership(user.id)).toMatchObject({ status: 'past_due', stripe_status: 'past_due' });
      const mail = firstRow(await mailsTo(user.email, 'payment-failed:'));
      expect(mail.subject).toBe('We could not take your membership payment');
      expect(mail.text_body).toContain('the bank declined it');
      const next = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/London' }).format(
        new Date(invoice.next_payment_attempt! * 1000),
      );
      expect(mail.text_body).toContain(`We will try again on ${next}.`);
      expect(mail.text_body).toContain('Manage payment');
      const [notice] = paymentNotices(await listPaymentsForUser(user.id), new Date(invoice.created * 1000));
      expect(notice).toMatchObject({ kind: 'failed', failureCode: 'generic_decline' });

      // Stripe's retries, 3, 5 and 7 days apart, all refused: each one told; then unpaid.
      await advance(3);
      await advance(5);
      expect(await mailsTo(user.email, 'payment-failed:')).toHaveLength(3);
      await advance(7);
      const ended = await membership(user.id);
      expect(ended).toMatchObject({ status: 'lapsed', stripe_status: 'unpaid' });
      expect(await mailsTo(user.email, 'payment-failed:')).toHaveLength(3);
      expect(await mailsTo(user.email, 'lapsed:')).toHaveLength(1);
      const graceDays = 30;
      const latest = await findLatestMembership(user.id);
      // Lapsed: paid up to the start of the unpaid year, then the grace period, then nothing.
      const paidUpTo = new Date(invoice.period_end * 1000);
      expect(latest?.currentPeriodEnd?.getTime()).toBe(paidUpTo.getTime());
      expect(memberAccess(latest, new Date(paidUpTo.getTime() + (graceDays + 1) * DAY * 1000), graceDays).kind).toBe('ended');
    } finally {
      await bench.control.afterRetries('cancel');
    }
  });

  it('a subscription made in the Dashboard whose first payment is not done: no access, then incomplete_expired; staff see why', async () => {
    const user = await newUser('dashboard');
    const customer = await ensureCustomer(user);
    const price = await ensureTierPrice(await tier('individual'));
    await bench.control.dashboardSubscription({
      customer,
      price,
      metadata: { kind: 'membership', user_id: user.id },
      first_payment: 'requires_action',
    });
    await idle();
    const pending = await membership(user.id);
    expect(pending).toMatchObject({ status: 'pending', stripe_status: 'incomplete' });
    expect(memberAccess(await findLatestMembership(user.id), await doubleNow(), 30).kind).toBe('pending');

    await advance(1);
    const expired = await membership(user.id);
    expect(expired).toMatchObject({ status: 'cancelled', stripe_status: 'incomplete_expired' });
    expect(memberAccess(await findLatestMembership(user.id), await doubleNow(), 30).kind).toBe('ended');
    // It never started: no welcome, no "membership ended".
    expect(await mailsTo(user.email, 'welcome:')).toHaveLength(0);
    expect(await mailsTo(user.email, 'lapsed:')).toHaveLength(0);
  });
});

describe('checkout expiry (row 26)', () => {
  it('an unpaid checkout that expires closes its pending donation; nothing is active', async () => {
    const email = guest();
    const { donation: created } = await createDonationCheckout({
      amountPence: 2000,
      frequency: 'one_off',
      email,
      userId: null,
      stripeCustomerId: null,
      giftAidDeclarationId: null,
      locale: 'en',
    });
    const { stripe_checkout_session_id: sessionId } = firstRow(
      await getSql()`select stripe_checkout_session_id from donations where id = ${created.id}`,
    );
    await bench.control.completeCheckout(sessionId, { card: CARD.declined });
    await bench.control.expireCheckout(sessionId);
    await idle();
    expect(await donation(created.id)).toBe('expired');
    expect(await getSql()`select 1 from payments where donation_id = ${created.id}`).toHaveLength(0);

    // And by the clock: 24 hours after it was opened.
    const { donation: later } = await createDonationCheckout({
      amountPence: 2000,
      frequency: 'monthly',
      email,
      userId: null,
      stripeCustomerId: null,
      giftAidDeclarationId: null,
      locale: 'en',
    });
    await advance(1.1);
    expect(await donation(later.id)).toBe('expired');
  });

  it('a membership checkout that expires leaves no membership', async () => {
    const user = await newUser('expiry');
    const session = await createMembershipCheckout({ user, tier: await tier('individual'), locale: 'en' });
    await bench.control.expireCheckout(session.id);
    await idle();
    expect(await membership(user.id)).toBeUndefined();
    expect(await paymentsOf(user.id)).toHaveLength(0);
  });
});

describe('disputes (row 27)', () => {
  it('a disputed card payment: staff see it on the payment and the list, with each step in the audit trail; won, the money is back', async () => {
    const { payment } = await give({ card: CARD.disputed });
    expect(payment!.status).toBe('paid');
    const row = firstRow(
      await getSql()`select status, reason, amount_pence, evidence_due_by from disputes where payment_id = ${payment!.id}`,
    );
    expect(row).toMatchObject({ status: 'needs_response', reason: 'fraudulent', amount_pence: 4000 });
    expect(row.evidence_due_by).not.toBeNull();
    // Disputed at once: Stripe's dispute events may beat the payment's; it is recorded with the payment.
    expect((await auditOf(payment!.id)).map((a) => a.action)).toContain('payment.dispute_opened');
    const page = await listPaymentsForStaff({}, null);
    expect(page.rows.find((r) => r.id === payment!.id)?.disputeStatuses).toEqual(['needs_response']);

    const { stripe_dispute_id: disputeId } = firstRow(
      await getSql()`select stripe_dispute_id from disputes where payment_id = ${payment!.id}`,
    );
    await bench.control.closeDispute(disputeId, 'won');
    await idle();
    expect((await getSql()`select status, closed_at from disputes where payment_id = ${payment!.id}`)[0]).toMatchObject({ status: 'won' });
    const actions = (await auditOf(payment!.id)).map((a) => a.action);
    expect(actions.filter((a) => a === 'payment.dispute_opened')).toHaveLength(1);
    expect(actions).toEqual(expect.arrayContaining(['payment.dispute_won', 'payment.dispute_funds_reinstated']));

    // A membership fee paid with the same card: disputed at once, the dispute is on its payment.
    const member = await join({ card: CARD.disputed });
    const fee = firstRow(await paymentsOf(member.user.id));
    expect(fee.status).toBe('paid');
    expect(await getSql()`select status from disputes where payment_id = ${fee.id}`).toEqual([{ status: 'needs_response' }]);
  });

  it('a Gift-Aided gift disputed then lost leaves the next claim; one already claimed is flagged for HMRC', async () => {
    const open = await give({ giftAid: true });
    expect(open.payment!.gift_aid_eligible).toBe(true);
    expect(await claimRow(open.payment!.id)).toEqual({ eligible: true, excluded: null });
    const dispute = await bench.control.dispute(await chargeOf(open.payment!.stripe_payment_intent_id), 'product_not_received');
    await idle();
    expect((await auditOf(open.payment!.id)).map((a) => a.action)).toEqual(['payment.dispute_opened', 'payment.dispute_funds_withdrawn']);
    expect(await claimRow(open.payment!.id)).toEqual({ eligible: false, excluded: 'disputeOpen' });
    await bench.control.closeDispute(dispute.id, 'lost');
    await idle();
    expect(await claimRow(open.payment!.id)).toEqual({ eligible: false, excluded: 'disputeLost' });

    // Another gift is claimed first, then its dispute is lost.
    const claimed = await give({ giftAid: true, amountPence: 8000 });
    const preview = await previewClaim(today());
    const staff = await newUser('staff');
    const claim = await createClaim({ range: today(), fingerprint: preview.fingerprint, staffUserId: staff.id });
    expect(claim.ok).toBe(true);
    const late = await bench.control.dispute(await chargeOf(claimed.payment!.stripe_payment_intent_id));
    await bench.control.closeDispute(late.id, 'lost');
    await idle();
    const flagged = (await listClaimedPaymentsWithLostDisputes()).find((r) => r.paymentId === claimed.payment!.id);
    expect(flagged).toMatchObject({ amountPence: 8000, disputeAmountPence: 8000 });
    const flag = (await auditOf(claimed.payment!.id)).find((a) => a.action === 'payment.dispute_lost_after_gift_aid_claim');
    expect(flag?.data).toMatchObject({ giftAidPence: 2000 });
    expect((await listClaimedPaymentsWithLostDisputes()).some((r) => r.paymentId === open.payment!.id)).toBe(false);
  });
});

describe('refunds that fail (row 28)', () => {
  it('a card refund that Stripe later reports failed: shown failed, the payment paid again in full, in the audit trail', async () => {
    const { payment } = await give({ card: CARD.refundFails, amountPence: 5000 });
    expect(payment!.method).toBe('card');
    const staff = await newUser('staff');
    const result = await refundPayment({
      paymentId: payment!.id,
      amountPence: 5000,
      reason: 'asked by donor',
      endMembership: false,
      staffUserId: staff.id,
    });
    expect(result.ok).toBe(true);
    await idle();
    expect((await getSql()`select status, refunded_pence from payments where id = ${payment!.id}`)[0]).toEqual({
      status: 'refunded',
      refunded_pence: 5000,
    });
    const { stripe_refund_id: refundId } = firstRow(await getSql()`select stripe_refund_id from refunds where payment_id = ${payment!.id}`);
    await bench.control.settleRefund(refundId, 'failed');
    await idle();
    expect((await getSql()`select status from refunds where payment_id = ${payment!.id}`)[0]!.status).toBe('failed');
    expect((await getSql()`select status, refunded_pence from payments where id = ${payment!.id}`)[0]).toEqual({
      status: 'paid',
      refunded_pence: 0,
    });
    expect((await auditOf(payment!.id)).map((a) => a.action)).toContain('payment.refund_failed');
  });

  it('a Bacs refund is pending until the bank settles it, and a failed one gives the amount back to the payment', async () => {
    const {
      email,
      sessionId,
      payment: processing,
    } = await give({ payment_method: 'bacs_debit', account_number: '00012345', amountPence: 3000 });
    expect(processing).toMatchObject({ status: 'pending', method: 'bacs_debit' });
    await bench.control.settleCheckout(sessionId, 'succeeded');
    await idle();
    const staff = await newUser('staff');
    // Paid through Stripe, so refunded through Stripe: no offline refund method is asked for.
    expect(
      (await refundPayment({ paymentId: processing!.id, amountPence: 1000, reason: null, endMembership: false, staffUserId: staff.id })).ok,
    ).toBe(true);
    await idle();
    expect((await getSql()`select status from refunds where payment_id = ${processing!.id}`)[0]!.status).toBe('pending');
    const { stripe_refund_id: refundId } = firstRow(
      await getSql()`select stripe_refund_id from refunds where payment_id = ${processing!.id}`,
    );
    await bench.control.settleRefund(refundId, 'failed');
    await idle();
    expect((await getSql()`select status from refunds where payment_id = ${processing!.id}`)[0]!.status).toBe('failed');
    expect((await getSql()`select status, refunded_pence from payments where id = ${processing!.id}`)[0]).toEqual({
      status: 'paid',
      refunded_pence: 0,
    });
    expect(await mailsTo(email, 'refund:'), 'no refund mail for a refund that failed').toHaveLength(0);

    // Tried again, and this time the bank pays it back: the mail speaks of the bank account.
    expect(
      (await refundPayment({ paymentId: processing!.id, amountPence: 1000, reason: null, endMembership: false, staffUserId: staff.id })).ok,
    ).toBe(true);
    await idle();
    const { stripe_refund_id: again } = firstRow(
      await getSql()`select stripe_refund_id from refunds where payment_id = ${processing!.id} and status = 'pending'`,
    );
    await bench.control.settleRefund(again, 'succeeded');
    await idle();
    const [refundMail, ...more] = await mailsTo(email, 'refund:');
    expect(more).toHaveLength(0);
    expect(refundMail!.text_body).toContain('goes back to the bank account the Direct Debit was taken from');
    expect(refundMail!.text_body).not.toContain('card');
  });
});

describe('Bacs Direct Debit (row 29)', () => {
  it('a membership paid by Direct Debit: processing (no receipt) until Stripe says paid; the renewal too', async () => {
    const { user, sessionId, subscriptionId } = await join({ payment_method: 'bacs_debit', account_number: '00012345' });
    expect(await paymentsOf(user.id)).toMatchObject([{ status: 'pending', method: 'bacs_debit', paid_at: null }]);
    expect(paymentNotices(await listPaymentsForUser(user.id))).toMatchObject([{ kind: 'processing', amountPence: 3000 }]);
    expect(await mailsTo(user.email, 'receipt:')).toHaveLength(0);
    await bench.control.settleCheckout(sessionId, 'succeeded');
    await idle();
    expect(await paymentsOf(user.id)).toMatchObject([{ status: 'paid' }]);
    expect(await mailsTo(user.email, 'receipt:')).toHaveLength(1);

    await advance(RENEWAL_DAYS);
    const renewal = await latestInvoice(subscriptionId!);
    expect(renewal.status).toBe('open');
    expect((await paymentsOf(user.id))[1]).toMatchObject({ status: 'pending', stripe_invoice_id: renewal.id });
    await advance(6);
    expect((await paymentsOf(user.id))[1]).toMatchObject({ status: 'paid', method: 'bacs_debit' });
    expect(await mailsTo(user.email, 'receipt:')).toHaveLength(2);
    // Staff looking for what they recorded themselves ("offline") do not see Stripe's Direct Debits.
    const offline = await listPaymentsForStaff({ method: 'offline', q: user.email }, null);
    expect(offline.rows).toHaveLength(0);
    const debits = await listPaymentsForStaff({ method: 'bacs_debit', q: user.email }, null);
    expect(debits.rows.map((r) => r.method)).toEqual(['bacs_debit', 'bacs_debit']);
  });

  it('a Direct Debit that fails: the payment failed, the member told', async () => {
    const { user, sessionId } = await join({ payment_method: 'bacs_debit', account_number: '90012345' });
    expect(await paymentsOf(user.id)).toMatchObject([{ status: 'pending' }]);
    await bench.control.settleCheckout(sessionId, 'failed');
    await idle();
    expect(await paymentsOf(user.id)).toMatchObject([{ status: 'failed', failure_code: 'debit_not_authorized' }]);
    const mail = firstRow(await mailsTo(user.email, 'payment-failed:'));
    expect(mail.text_body).toContain('the bank says the Direct Debit was not authorised');
    expect(await mailsTo(user.email, 'receipt:')).toHaveLength(0);
  });
});

describe('renewal reminders (invoice.upcoming)', () => {
  it("a week before an annual membership renews: one reminder with the amount, the date and how to cancel, in the member's language", async () => {
    const { user, subscriptionId } = await join({ locale: 'es' });
    await advance(360);
    const [mail, ...more] = await mailsTo(user.email, 'renewal-reminder:');
    expect(more).toHaveLength(0);
    const sub = await stripe().subscriptions.retrieve(subscriptionId!);
    const date = new Intl.DateTimeFormat('es-ES', { dateStyle: 'long', timeZone: 'Europe/London' }).format(
      new Date(sub.items.data[0]!.current_period_end * 1000),
    );
    expect(mail!.subject).toBe(`Su membresía se renueva el ${date}`);
    expect(mail!.text_body).toContain(formatPence(3000, 'es'));
    expect(mail!.text_body).toContain('Cancelar plan');
    const upcoming = (await bench.control.events()).filter(
      (e) =>
        e.type === 'invoice.upcoming' &&
        (e.data.object as { parent?: { subscription_details?: { subscription?: string } } }).parent?.subscription_details?.subscription ===
          subscriptionId,
    );
    expect(upcoming).toHaveLength(1);
    expect(await deliverEvent(upcoming[0]!.id, { times: 2 })).toEqual([200, 200]);
    // Even a second event about the same renewal (another id) is not a second reminder.
    await fetch(`${bench.double.url}/_control/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'invoice.upcoming', object: upcoming[0]!.data.object }),
    });
    await idle();
    expect(await mailsTo(user.email, 'renewal-reminder:')).toHaveLength(1);
  });

  it('no reminder for a membership cancelled before the reminder arrives, nor for a monthly gift', async () => {
    const { user, subscriptionId } = await join();
    const email = guest();
    const { donation: gift } = await createDonationCheckout({
      amountPence: 500,
      frequency: 'monthly',
      email,
      userId: null,
      stripeCustomerId: null,
      giftAidDeclarationId: null,
      locale: 'en',
    });
    const { stripe_checkout_session_id: giftSession } = firstRow(
      await getSql()`select stripe_checkout_session_id from donations where id = ${gift.id}`,
    );
    await bench.control.completeCheckout(giftSession, {});
    await idle();
    // Stripe made the reminder event, then the member cancelled before it was delivered.
    await bench.control.pauseWebhooks();
    await bench.control.advanceClock({ days: 360 });
    await stripe().subscriptions.update(subscriptionId!, { cancel_at_period_end: true });
    await bench.control.resumeWebhooks();
    await idle();
    expect(
      (await bench.control.events()).some(
        (e) =>
          e.type === 'invoice.upcoming' &&
          (e.data.object as { parent?: { subscription_details?: { subscription?: string } } }).parent?.subscription_details
            ?.subscription === subscriptionId,
      ),
    ).toBe(true);
    expect(await mailsTo(user.email, 'renewal-reminder:')).toHaveLength(0);
    expect(await mailsTo(email, 'renewal-reminder:')).toHaveLength(0);
  });
});
