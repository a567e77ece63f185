// The Stripe double held to Stripe's own contract: every response the SDK receives from it
// and every webhook it sends is checked against the JSON Schema of the pinned SDK's
// TypeScript types (tests/support/stripe-schema.ts), while the test drives every call the
// app makes (lib/payments/, app/) and every behaviour DOUBLE-CONTRACT.md promises, through
// the SDK and the double's control API. A recording proxy between the SDK and the double
// keeps the exact bytes. Behaviours a double lacks fail their test by name; violations are
// collected and listed in one assertion (and in test-results/stripe-conformance.txt).
import fs from 'node:fs';
import path from 'node:path';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STRIPE_API_VERSION } from '@/lib/payments/api-version';
import { startBench, type Bench } from '../support/payments';
import { ControlApi, endpointOf, startRecordingProxy, type RecordingProxy } from '../support/stripe-recorder';
import {
  SDK_TYPES,
  stripeSchema,
  stripeSchemaTimings,
  validateStripeObject,
  type StripeObjectType,
  type Violation,
} from '../support/stripe-schema';

type Json = Record<string, unknown>;
type EventJson = {
  id: string;
  type: string;
  created: number;
  api_version: string | null;
  data: { object: Json; previous_attributes?: Json };
};

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const idOf = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : isObject(value) && typeof value.id === 'string' ? value.id : undefined;

// Where Stripe's types cannot say it: these fields are "includable", returned only when the
// request expands them, though the SDK types them as merely optional.
//   https://docs.stripe.com/api/invoices/object#invoice_object-payments ("includable")
//   https://docs.stripe.com/api/checkout/sessions/object#checkout_session_object-line_items
//   https://docs.stripe.com/api/expanding_objects (expandable fields are ids unless expanded;
//   webhook objects are never expanded)
const INCLUDABLE: Partial<Record<StripeObjectType, string[]>> = { invoice: ['payments'], 'checkout.session': ['line_items'] };

// What each endpoint the app or the contract uses answers (https://docs.stripe.com/api): a
// double that answers one endpoint with another's object (listLineItems with the session)
// would pass the schema check alone.
const ENDPOINTS: Record<string, string> = {
  'POST /v1/customers': 'customer',
  'GET /v1/customers/:id': 'customer',
  'POST /v1/prices': 'price',
  'GET /v1/prices': 'list of price',
  'GET /v1/prices/:id': 'price',
  'POST /v1/checkout/sessions': 'checkout.session',
  'GET /v1/checkout/sessions/:id': 'checkout.session',
  'POST /v1/checkout/sessions/:id/expire': 'checkout.session',
  'GET /v1/checkout/sessions/:id/line_items': 'list of item',
  'POST /v1/billing_portal/sessions': 'billing_portal.session',
  'GET /v1/subscriptions': 'list of subscription',
  'GET /v1/subscriptions/:id': 'subscription',
  'POST /v1/subscriptions/:id': 'subscription',
  'DELETE /v1/subscriptions/:id': 'subscription',
  'GET /v1/invoices': 'list of invoice',
  'GET /v1/invoices/:id': 'invoice',
  'GET /v1/invoice_payments': 'list of invoice_payment',
  'GET /v1/payment_intents/:id': 'payment_intent',
  'GET /v1/charges/:id': 'charge',
  'POST /v1/refunds': 'refund',
  'GET /v1/refunds': 'list of refund',
  'GET /v1/refunds/:id': 'refund',
  'GET /v1/disputes': 'list of dispute',
  'GET /v1/disputes/:id': 'dispute',
  'GET /v1/mandates/:id': 'mandate',
  'GET /v1/events': 'list of event',
  'GET /v1/events/:id': 'event',
};

const CARD = {
  ok: '4242424242424242',
  threeDSecure: '4000002760003184',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
  attachesThenFails: '4000000000000341',
  refundFailsLater: '4000000000005126',
  disputed: '4000000000000259',
};
const BACS = { succeeds: '00012345', fails: '90012345' };
const DAY = 86_400;
const HOUR = 3_600;
const run = Math.random().toString(36).slice(2, 8);

let bench: Bench;
let proxy: RecordingProxy;
let stripe: Stripe;
let control: ControlApi;
const webhooks: EventJson[] = [];

beforeAll(async () => {
  stripeSchema();
  const t = stripeSchemaTimings();
  console.info(
    `[stripe-conformance] schema for stripe ${t.stripeVersion}: ${t.cached ? `cached, loaded in ${t.loadMs} ms` : `generated in ${t.generateMs} ms, compiled in ${t.compileMs} ms`}`,
  );
  bench = await startBench({
    target: async (payload) => {
      webhooks.push(JSON.parse(payload) as EventJson);
      return 200;
    },
  });
  proxy = await startRecordingProxy(bench.double.url);
  stripe = new Stripe('sk_test_conformance', {
    host: '127.0.0.1',
    port: proxy.port,
    protocol: 'http',
    apiVersion: STRIPE_API_VERSION,
    maxNetworkRetries: 0,
  });
  control = new ControlApi(bench.double.url);
}, 240_000);

afterAll(async () => {
  await proxy?.stop();
  await bench?.stop();
});

function describeError(error: unknown): string {
  if (error instanceof Stripe.errors.StripeError)
    return `Stripe ${error.statusCode ?? '?'} ${error.type}${error.code ? ` ${error.code}` : ''}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/** Ids an object points at, to follow one customer's story through the events. */
function relatedIds(object: Json): string[] {
  const ids = ['id', 'customer', 'subscription', 'payment_intent', 'charge', 'latest_charge', 'invoice'].map((field) =>
    idOf(object[field]),
  );
  const parent =
    isObject(object.parent) && isObject(object.parent.subscription_details)
      ? idOf(object.parent.subscription_details.subscription)
      : undefined;
  const payment = isObject(object.payment) ? idOf(object.payment.payment_intent) : undefined;
  return [...ids, parent, payment].filter((id): id is string => Boolean(id));
}

/** The webhooks about these ids (and, transitively, about what they led to), from `since` on. */
function eventsAbout(seeds: string[], since = 0): EventJson[] {
  const known = new Set(seeds);
  const found: EventJson[] = [];
  webhooks.forEach((event, index) => {
    const ids = relatedIds(event.data.object);
    if (!ids.some((id) => known.has(id))) return;
    ids.forEach((id) => known.add(id));
    if (index >= since) found.push(event);
  });
  return found;
}

/**
 * One behaviour's steps, in order. A failed step is written down and the scenario goes on
 * where it can, so one run lists everything a double lacks; the test then fails with the list.
 */
class Scenario {
  readonly failures: string[] = [];

  async step<T>(name: string, run: () => Promise<T>): Promise<T | undefined> {
    try {
      return await run();
    } catch (error) {
      this.failures.push(`${name}: ${describeError(error)}`);
      return undefined;
    }
  }

  /** A value an earlier step should have produced; without it the steps that need it cannot run. */
  has<T>(value: T | undefined | null, what: string): value is T {
    if (value === undefined || value === null)
      this.failures.push(`${what}: the double did not produce it, so the steps that need it did not run`);
    return value !== undefined && value !== null;
  }

  check(name: string, ok: boolean, detail: string): void {
    if (!ok) this.failures.push(`${name}: ${detail}`);
  }

  /**
   * The events the contract names for a behaviour, all of them (others may come too). Their
   * order within one moment is not checked: Stripe does not guarantee it
   * (https://docs.stripe.com/webhooks#event-ordering). Order across time is, by `since`.
   */
  events(name: string, seeds: (string | undefined)[], expected: string[], since: number): EventJson[] {
    const seen = eventsAbout(
      seeds.filter((s): s is string => Boolean(s)),
      since,
    );
    const absent = expected.filter((type) => !seen.some((e) => e.type === type));
    this.check(
      name,
      absent.length === 0,
      `expected ${expected.join(', ')}; missing ${absent.join(', ')}; the double sent ${seen.map((e) => e.type).join(', ') || 'none'}`,
    );
    return seen;
  }

  done(): void {
    if (this.failures.length) throw new Error(`${this.failures.length} problem(s):\n- ${this.failures.join('\n- ')}`);
  }
}

// ---------------------------------------------------------------- the app's calls and the control API

const settle = () => bench.settle();
const mark = () => webhooks.length;

/** Moves the double's clock; `clock` keeps the total, so the test knows the double's now. */
let clock = 0;
async function advance(seconds: number) {
  await control.post('clock/advance', { seconds });
  clock += seconds;
  await settle();
}

async function newCustomer(label: string) {
  // As lib/payments/checkout.ts ensureCustomer.
  return stripe.customers.create(
    { email: `${label}-${run}@example.org`, name: `Test ${label}`, metadata: { user_id: `user-${label}-${run}` } },
    { idempotencyKey: `customer-${label}-${run}` },
  );
}

let membershipPriceId: string | undefined;
async function membershipPrice(): Promise<string> {
  if (membershipPriceId) return membershipPriceId;
  // As lib/payments/checkout.ts ensureTierPrice.
  const lookupKey = `psg-conformance-${run}-3000-yearly`;
  const existing = await stripe.prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 });
  const price =
    existing.data[0] ??
    (await stripe.prices.create(
      {
        currency: 'gbp',
        unit_amount: 3000,
        recurring: { interval: 'year' },
        lookup_key: lookupKey,
        product_data: { name: 'Membership: Conformance' },
      },
      { idempotencyKey: `price-${lookupKey}` },
    ));
  membershipPriceId = price.id;
  return price.id;
}

async function membershipCheckout(customer: string) {
  // As lib/payments/checkout.ts createMembershipCheckout.
  const metadata = { kind: 'membership', user_id: `user-${customer}`, tier_id: 'tier-conformance' };
  return stripe.checkout.sessions.create({
    mode: 'subscription',
    customer,
    client_reference_id: `user-${customer}`,
    line_items: [{ price: await membershipPrice(), quantity: 1 }],
    metadata,
    subscription_data: { metadata },
    success_url: 'http://localhost:3000/join/success?session_id={CHECKOUT_SESSION_ID}',
    cancel_url: 'http://localhost:3000/join/standard?checkout=cancelled',
  });
}

async function giftCheckout(customer: string, amount: number, monthly = false) {
  // As lib/payments/donations.ts createDonationCheckout.
  const metadata = { kind: 'donation', donation_id: `donation-${customer}-${amount}`, locale: 'en' };
  return stripe.checkout.sessions.create({
    mode: monthly ? 'subscription' : 'payment',
    customer,
    client_reference_id: `user-${customer}`,
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: 'gbp',
          unit_amount: amount,
          product_data: { name: monthly ? 'Monthly donation to the Peru Support Group' : 'Donation to the Peru Support Group' },
          ...(monthly ? { recurring: { interval: 'month' as const } } : {}),
        },
      },
    ],
    metadata,
    ...(monthly ? { subscription_data: { metadata } } : { payment_intent_data: { metadata } }),
    success_url: 'http://localhost:3000/donate/thanks?session_id={CHECKOUT_SESSION_ID}',
    cancel_url: 'http://localhost:3000/donate?checkout=cancelled',
  });
}

type Completion = { session?: Json; error?: Json };
async function complete(sessionId: string, body: Json = {}): Promise<Completion> {
  const result = await control.post<Completion>(`checkout/${sessionId}/complete`, body);
  await settle();
  return result;
}

/** A paid card checkout, as the member would make it: the session and what it created. */
async function paidCheckout(s: Scenario, label: string, kind: 'membership' | 'gift' | 'monthly', body: Json = {}) {
  const customer = await s.step(`${label}: customers.create`, () => newCustomer(label));
  if (!s.has(customer, `${label}: customer`)) return {};
  const session = await s.step(`${label}: checkout.sessions.create`, () =>
    kind === 'membership' ? membershipCheckout(customer.id) : giftCheckout(customer.id, 2500, kind === 'monthly'),
  );
  if (!s.has(session, `${label}: checkout session`)) return { customer };
  await s.step(`${label}: control checkout/:id/complete`, () => complete(session.id, body));
  const done = await s.step(`${label}: checkout.sessions.retrieve`, () => stripe.checkout.sessions.retrieve(session.id));
  return { customer, session: done ?? session };
}

async function subscriptionOf(s: Scenario, label: string, session: Stripe.Checkout.Session | undefined) {
  const id = idOf(session?.subscription);
  if (!s.has(id, `${label}: the session's subscription`)) return undefined;
  return s.step(`${label}: subscriptions.retrieve`, () => stripe.subscriptions.retrieve(id));
}

async function advanceTo(unix: number, slack = 60) {
  await advance(Math.max(1, unix - (Math.floor(Date.now() / 1000) + clock) + slack));
}

// ---------------------------------------------------------------- scenarios

describe('the calls the app makes, and the behaviours the contract promises', () => {
  it('setting up: customers, prices, checkout sessions and the portal, as the app calls them', async () => {
    const s = new Scenario();
    const customer = await s.step('customers.create', () => newCustomer('setup'));
    await s.step('customers.create again with the same idempotency key (a retry)', () => newCustomer('setup'));
    if (s.has(customer, 'customer')) await s.step('customers.retrieve', () => stripe.customers.retrieve(customer.id));
    const price = await s.step('prices.list + prices.create (ensureTierPrice)', () => membershipPrice());
    if (s.has(price, 'price')) {
      const existing = await s.step('prices.retrieve', () => stripe.prices.retrieve(price));
      // As lib/payments/tier-prices.ts: a new price on the same product, taking the lookup key.
      await s.step('prices.create on the same product with transfer_lookup_key', () =>
        stripe.prices.create(
          {
            currency: 'gbp',
            unit_amount: 3500,
            recurring: { interval: 'year' },
            lookup_key: `psg-conformance-${run}-3500-yearly`,
            transfer_lookup_key: true,
            product: idOf(existing?.product) ?? '',
            metadata: { tier_slug: 'conformance' },
          },
          { idempotencyKey: `tier-price-${run}` },
        ),
      );
      await s.step('prices.list by lookup key', () =>
        stripe.prices.list({ lookup_keys: [`psg-conformance-${run}-3500-yearly`], active: true, limit: 1 }),
      );
    }
    if (s.has(customer, 'customer')) {
      await s.step('checkout.sessions.create (membership)', () => membershipCheckout(customer.id));
      await s.step('checkout.sessions.create (one-off gift)', () => giftCheckout(customer.id, 1500));
      await s.step('checkout.sessions.create (monthly gift)', () => giftCheckout(customer.id, 500, true));
      await s.step('checkout.sessions.create (guest gift by email)', () =>
        stripe.checkout.sessions.create({
          mode: 'payment',
          customer_email: `guest-${run}@example.org`,
          line_items: [
            {
              quantity: 1,
              price_data: { currency: 'gbp', unit_amount: 1000, product_data: { name: 'Donation to the Peru Support Group' } },
            },
          ],
          metadata: { kind: 'donation', donation_id: 'guest', locale: 'en' },
          payment_intent_data: { metadata: { kind: 'donation', donation_id: 'guest', locale: 'en' } },
          success_url: 'http://localhost:3000/donate/thanks?session_id={CHECKOUT_SESSION_ID}',
          cancel_url: 'http://localhost:3000/donate?checkout=cancelled',
        }),
      );
      await s.step('billingPortal.sessions.create', () =>
        stripe.billingPortal.sessions.create({ customer: customer.id, return_url: 'http://localhost:3000/account' }),
      );
    }
    s.done();
  });

  let membership: { customer?: Stripe.Customer; session?: Stripe.Checkout.Session; subscription?: Stripe.Subscription } = {};
  let gift: { customer?: Stripe.Customer; intent?: Stripe.PaymentIntent } = {};

  it('a card checkout for a membership: the subscription, its paid invoice, its payment, read back every way the app reads them', async () => {
    const s = new Scenario();
    const since = mark();
    const { customer, session } = await paidCheckout(s, 'member', 'membership');
    s.events(
      'card checkout, subscription mode',
      [customer?.id],
      [
        'customer.subscription.created',
        'invoice.created',
        'invoice.finalized',
        'invoice.paid',
        'invoice.payment_succeeded',
        'checkout.session.completed',
      ],
      since,
    );
    if (!s.has(session, 'session')) return s.done();
    s.check(
      'session',
      session.status === 'complete' && session.payment_status === 'paid',
      `expected complete and paid, got ${session.status} / ${session.payment_status}`,
    );
    await s.step('checkout.sessions.retrieve expand line_items', () =>
      stripe.checkout.sessions.retrieve(session.id, { expand: ['line_items'] }),
    );
    await s.step('checkout.sessions.retrieve expand subscription, invoice', () =>
      stripe.checkout.sessions.retrieve(session.id, { expand: ['subscription', 'invoice'] }),
    );
    await s.step('checkout.sessions.listLineItems', () => stripe.checkout.sessions.listLineItems(session.id));
    const subscription = await subscriptionOf(s, 'membership', session);
    membership = { customer, session, subscription };
    if (s.has(customer, 'customer'))
      await s.step('subscriptions.list by customer', () => stripe.subscriptions.list({ customer: customer.id, status: 'all', limit: 100 }));
    await s.step('subscriptions.list status all (stripe:reconcile)', () => stripe.subscriptions.list({ status: 'all', limit: 100 }));
    const invoiceId = idOf(session.invoice) ?? idOf(subscription?.latest_invoice);
    if (s.has(invoiceId, 'the first invoice')) {
      const plain = await s.step('invoices.retrieve', () => stripe.invoices.retrieve(invoiceId));
      const invoice = await s.step('invoices.retrieve expand payments', () =>
        stripe.invoices.retrieve(invoiceId, { expand: ['payments'] }),
      );
      s.check(
        'invoice paid',
        plain?.status === 'paid' && typeof plain?.status_transitions?.paid_at === 'number',
        `expected status paid with status_transitions.paid_at set, got ${plain?.status} / ${JSON.stringify(plain?.status_transitions)}`,
      );
      if (subscription)
        await s.step('invoices.list by subscription', () => stripe.invoices.list({ subscription: subscription.id, limit: 10 }));
      await s.step('invoicePayments.list by invoice', () => stripe.invoicePayments.list({ invoice: invoiceId }));
      const intentId = idOf(invoice?.payments?.data?.[0]?.payment?.payment_intent);
      if (s.has(intentId, "the invoice's payment intent (invoice.payments with expand)")) {
        const intent = await s.step('paymentIntents.retrieve', () => stripe.paymentIntents.retrieve(intentId));
        const chargeId = idOf(intent?.latest_charge);
        if (s.has(chargeId, "the payment intent's latest_charge"))
          await s.step('charges.retrieve', () => stripe.charges.retrieve(chargeId));
      }
    }
    s.done();
  });

  it('a one-off card gift: payment intent and charge', async () => {
    const s = new Scenario();
    const since = mark();
    const { customer, session } = await paidCheckout(s, 'giver', 'gift');
    s.events(
      'card checkout, payment mode',
      [customer?.id],
      ['payment_intent.succeeded', 'charge.succeeded', 'checkout.session.completed'],
      since,
    );
    const intentId = idOf(session?.payment_intent);
    if (s.has(intentId, "the session's payment intent")) {
      const intent = await s.step('paymentIntents.retrieve', () => stripe.paymentIntents.retrieve(intentId));
      gift = { customer, intent };
      const chargeId = idOf(intent?.latest_charge);
      if (s.has(chargeId, 'latest_charge')) await s.step('charges.retrieve', () => stripe.charges.retrieve(chargeId));
      // How the app tells card from Direct Debit (lib/payments/methods.ts).
      const expanded = await s.step('paymentIntents.retrieve expand latest_charge', () =>
        stripe.paymentIntents.retrieve(intentId, { expand: ['latest_charge'] }),
      );
      const type = typeof expanded?.latest_charge === 'object' ? expanded.latest_charge?.payment_method_details?.type : undefined;
      s.check('card charge', type === 'card', `expected payment_method_details.type card, got ${type}`);
    }
    s.done();
  });

  it('subscription changes from the portal and from staff: cancel at period end, undo, switch price, metadata, cancel now', async () => {
    const s = new Scenario();
    const sub = membership.subscription;
    if (s.has(sub, 'the membership subscription')) {
      const since = mark();
      await s.step('subscriptions.update cancel_at_period_end true', () =>
        stripe.subscriptions.update(sub.id, { cancel_at_period_end: true }),
      );
      await s.step('subscriptions.update cancel_at_period_end false', () =>
        stripe.subscriptions.update(sub.id, { cancel_at_period_end: false }),
      );
      const other = await s.step('prices.create (another tier)', () =>
        stripe.prices.create({
          currency: 'gbp',
          unit_amount: 6000,
          recurring: { interval: 'year' },
          product_data: { name: 'Membership: Supporter' },
        }),
      );
      if (other)
        await s.step('subscriptions.update items (switch tier)', () =>
          stripe.subscriptions.update(sub.id, { items: [{ id: sub.items.data[0]!.id, price: other.id }] }),
        );
      if (other)
        await s.step('subscriptions.update items (switch back)', () =>
          stripe.subscriptions.update(sub.id, { items: [{ id: sub.items.data[0]!.id, price: sub.items.data[0]!.price.id }] }),
        );
      await s.step('subscriptions.update metadata', () => stripe.subscriptions.update(sub.id, { metadata: { note: 'conformance' } }));
      await settle();
      const updates = eventsAbout([sub.id], since).filter((e) => e.type === 'customer.subscription.updated');
      s.check(
        'customer.subscription.updated',
        updates.length >= 4 && updates.every((e) => isObject(e.data.previous_attributes)),
        `expected one per change, each with previous_attributes; got ${updates.length}`,
      );
    }
    const since = mark();
    const { session } = await paidCheckout(s, 'leaver', 'membership');
    const leaving = await subscriptionOf(s, 'leaver', session);
    if (s.has(leaving, 'the leaver subscription')) {
      const cancelled = await s.step('subscriptions.cancel', () => stripe.subscriptions.cancel(leaving.id));
      await settle();
      s.check('subscriptions.cancel', cancelled?.status === 'canceled', `expected canceled, got ${cancelled?.status}`);
      s.events('cancel now', [leaving.id], ['customer.subscription.deleted'], since);
    }
    s.done();
  });

  it('card refunds: full and partial, replayed with their idempotency key, and a refund that fails later', async () => {
    const s = new Scenario();
    const intent = gift.intent;
    if (s.has(intent, 'the gift payment intent')) {
      const since = mark();
      const params = {
        payment_intent: intent.id,
        amount: 1000,
        reason: 'requested_by_customer' as const,
        metadata: { refund_id: 'r1', payment_id: 'p1' },
      };
      const refund = await s.step('refunds.create (partial)', () => stripe.refunds.create(params, { idempotencyKey: `refund-r1-${run}` }));
      const replay = await s.step('refunds.create replayed with the same key', () =>
        stripe.refunds.create(params, { idempotencyKey: `refund-r1-${run}` }),
      );
      s.check('idempotent replay', !refund || replay?.id === refund.id, `expected the same refund ${refund?.id}, got ${replay?.id}`);
      await settle();
      s.events('card refund', [intent.id], ['refund.created', 'charge.refunded'], since);
      if (refund) {
        await s.step('refunds.retrieve', () => stripe.refunds.retrieve(refund.id));
        s.check('card refund status', refund.status === 'succeeded', `card refunds succeed at once; got ${refund.status}`);
      }
      await s.step('refunds.list by payment_intent', () => stripe.refunds.list({ payment_intent: intent.id, limit: 10 }));
      const chargeId = idOf(intent.latest_charge);
      if (chargeId) {
        const charge = await s.step('charges.retrieve after refund', () => stripe.charges.retrieve(chargeId));
        s.check('charge.amount_refunded', charge?.amount_refunded === 1000, `expected 1000, got ${charge?.amount_refunded}`);
      }
      await s.step('refunds.create (the rest)', () =>
        stripe.refunds.create({ payment_intent: intent.id, reason: 'requested_by_customer' }, { idempotencyKey: `refund-r2-${run}` }),
      );
    }

    const since = mark();
    const { customer, session } = await paidCheckout(s, 'refund-fails', 'gift', { card: CARD.refundFailsLater });
    const intentId = idOf(session?.payment_intent);
    if (s.has(intentId, 'the 5126 payment intent')) {
      const refund = await s.step('refunds.create (card 5126)', () =>
        stripe.refunds.create({ payment_intent: intentId }, { idempotencyKey: `refund-5126-${run}` }),
      );
      await settle();
      await s.step('control clock/advance 1 day', () => advance(DAY));
      s.events('card 5126: the refund fails later', [customer?.id], ['refund.created', 'refund.failed'], since);
      s.events('card 5126: refund.updated', [customer?.id], ['refund.updated'], since);
      if (refund) {
        const later = await s.step('refunds.retrieve (card 5126)', () => stripe.refunds.retrieve(refund.id));
        s.check('card 5126 refund', later?.status === 'failed', `expected failed, got ${later?.status}`);
        const charge = await s.step('charges.retrieve (card 5126)', () =>
          stripe.charges.retrieve(idOf(later?.charge) ?? idOf(refund.charge) ?? ''),
        );
        s.check(
          'card 5126 charge',
          charge?.amount_refunded === 0,
          `the failed refund gives the amount back; amount_refunded ${charge?.amount_refunded}`,
        );
      }
    }
    s.done();
  });

  it('3-D Secure at checkout: passed (as a success) and failed (the session stays open, nothing is created)', async () => {
    const s = new Scenario();
    const since = mark();
    const passed = await paidCheckout(s, '3ds-pass', 'membership', { card: CARD.threeDSecure, authentication: 'pass' });
    s.events(
      '3-D Secure passed',
      [passed.customer?.id],
      ['customer.subscription.created', 'invoice.paid', 'checkout.session.completed'],
      since,
    );
    const failed = await paidCheckout(s, '3ds-fail', 'gift', { card: CARD.threeDSecure, authentication: 'fail' });
    s.check(
      '3-D Secure failed: session',
      failed.session?.status === 'open',
      `expected the session to stay open, got ${failed.session?.status}`,
    );
    const events = s.events('3-D Secure failed', [failed.customer?.id], ['payment_intent.payment_failed'], since);
    const error = events.find((e) => e.type === 'payment_intent.payment_failed')?.data.object.last_payment_error;
    s.check(
      '3-D Secure failed: last_payment_error',
      isObject(error) && error.code === 'payment_intent_authentication_failure',
      `expected code payment_intent_authentication_failure, got ${JSON.stringify(error)}`,
    );
    s.check(
      '3-D Secure failed: nothing completed',
      !events.some((e) => e.type === 'checkout.session.completed'),
      'checkout.session.completed was sent',
    );
    s.done();
  });

  it("declined cards at checkout: the session stays open, the payment intent carries Stripe's card error", async () => {
    const s = new Scenario();
    const since = mark();
    for (const [card, decline] of [
      [CARD.declined, 'generic_decline'],
      [CARD.insufficientFunds, 'insufficient_funds'],
    ] as const) {
      const customer = await s.step(`${card}: customers.create`, () => newCustomer(`declined-${decline}`));
      const session = customer && (await s.step(`${card}: checkout.sessions.create`, () => giftCheckout(customer.id, 2000)));
      if (!s.has(session, `${card}: session`)) continue;
      const result = await s.step(`${card}: control checkout/:id/complete`, () => complete(session.id, { card }));
      // Stripe answers card errors with HTTP 402 and this body (https://docs.stripe.com/api/errors).
      if (s.has(result?.error, `${card}: the control API's card error`)) {
        const shape = validateStripeObject({ error: result.error });
        s.check(`${card}: error shape`, shape.ok, shape.errors.map((e) => `${e.path} ${e.message}`).join('; '));
        s.check(
          `${card}: error`,
          result.error.type === 'card_error' && result.error.code === 'card_declined' && result.error.decline_code === decline,
          `expected card_error card_declined ${decline}, got ${JSON.stringify(result.error)}`,
        );
      }
      const after = await s.step(`${card}: checkout.sessions.retrieve`, () => stripe.checkout.sessions.retrieve(session.id));
      s.check(`${card}: session`, after?.status === 'open', `expected open, got ${after?.status}`);
      const events = s.events(`${card}: events`, [customer?.id], ['payment_intent.payment_failed'], since);
      const error = events.find((e) => e.type === 'payment_intent.payment_failed')?.data.object.last_payment_error;
      s.check(
        `${card}: last_payment_error`,
        isObject(error) && error.code === 'card_declined' && error.decline_code === decline,
        `expected card_declined / ${decline}, got ${JSON.stringify(error)}`,
      );
    }
    const customer = await s.step('subscription decline: customers.create', () => newCustomer('declined-member'));
    const session = customer && (await s.step('subscription decline: checkout.sessions.create', () => membershipCheckout(customer.id)));
    if (customer && s.has(session, 'subscription decline: session')) {
      await s.step('subscription decline: complete', () => complete(session.id, { card: CARD.declined }));
      const subs = await s.step('subscription decline: subscriptions.list', () =>
        stripe.subscriptions.list({ customer: customer.id, status: 'all' }),
      );
      s.check('subscription decline', subs?.data.length === 0, `a declined checkout creates no subscription; found ${subs?.data.length}`);
    }
    s.done();
  });

  it('a renewal: invoice.upcoming a week before, the draft invoice at period end, finalized and paid an hour later', async () => {
    const s = new Scenario();
    const sub = membership.subscription;
    if (!s.has(sub, 'the membership subscription')) return s.done();
    const end = sub.items.data[0]!.current_period_end;
    let since = mark();
    await s.step('control clock/advance to 7 days before the period end', () => advanceTo(end - 7 * DAY));
    s.events('invoice.upcoming', [sub.id, idOf(sub.customer)], ['invoice.upcoming'], since);
    since = mark();
    await s.step('control clock/advance to the period end', () => advanceTo(end));
    const created = s.events('renewal draft', [sub.id], ['invoice.created'], since).find((e) => e.type === 'invoice.created')?.data.object;
    s.check('renewal draft', created?.status === 'draft', `the renewal invoice is created as a draft; got ${created?.status}`);
    await s.step('control clock/advance one hour', () => advanceTo(end + HOUR));
    s.events(
      'renewal paid',
      [sub.id],
      ['invoice.created', 'invoice.finalized', 'invoice.paid', 'invoice.payment_succeeded', 'customer.subscription.updated'],
      since,
    );
    const renewalId =
      idOf(created?.id) ??
      idOf((await s.step('subscriptions.retrieve after renewal', () => stripe.subscriptions.retrieve(sub.id)))?.latest_invoice);
    if (s.has(renewalId, 'the renewal invoice')) {
      const invoice = await s.step('invoices.retrieve renewal expand payments', () =>
        stripe.invoices.retrieve(renewalId, { expand: ['payments'] }),
      );
      const paidAt = invoice?.status_transitions?.paid_at;
      s.check(
        'renewal paid_at',
        invoice?.status === 'paid' && typeof paidAt === 'number' && paidAt - invoice.created >= HOUR - 120,
        `paid_at should be about an hour after created; status ${invoice?.status}, created ${invoice?.created}, paid_at ${paidAt}`,
      );
      s.check('renewal billing_reason', invoice?.billing_reason === 'subscription_cycle', `got ${invoice?.billing_reason}`);
    }
    s.done();
  });

  it('a renewal whose card fails: retried on a schedule, past_due, then cancelled, or left unpaid when so configured', async () => {
    const s = new Scenario();
    for (const after of ['cancel', 'unpaid'] as const) {
      const since = mark();
      if (after === 'unpaid')
        await s.step('control settings subscription_after_retries unpaid', () =>
          control.post('settings', { subscription_after_retries: 'unpaid' }),
        );
      const { customer, session } = await paidCheckout(s, `retries-${after}`, 'monthly');
      const sub = await subscriptionOf(s, `retries-${after}`, session);
      if (!customer || !s.has(sub, `${after}: subscription`)) continue;
      await s.step(`${after}: control customers/:id/card 0341`, () =>
        control.post(`customers/${customer.id}/card`, { card: CARD.attachesThenFails }),
      );
      await s.step(`${after}: clock to the renewal`, () => advanceTo(sub.items.data[0]!.current_period_end + HOUR));
      const first = eventsAbout([sub.id], since).find((e) => e.type === 'invoice.payment_failed')?.data.object;
      s.check(
        `${after}: first failure`,
        first?.attempt_count === 1 && typeof first?.next_payment_attempt === 'number',
        `expected invoice.payment_failed with attempt_count 1 and next_payment_attempt; got ${JSON.stringify(first && { attempt_count: first.attempt_count, next_payment_attempt: first.next_payment_attempt })}`,
      );
      const pastDue = await s.step(`${after}: subscriptions.retrieve after the failure`, () => stripe.subscriptions.retrieve(sub.id));
      s.check(`${after}: past_due`, pastDue?.status === 'past_due', `got ${pastDue?.status}`);
      for (const days of [3, 5, 7]) {
        await s.step(`${after}: clock +${days} days`, () => advance(days * DAY + HOUR));
      }
      const failures = eventsAbout([sub.id], since).filter((e) => e.type === 'invoice.payment_failed');
      s.check(
        `${after}: retries`,
        failures.length === 4 && failures.at(-1)?.data.object.next_payment_attempt === null,
        `expected 4 attempts, the last with next_payment_attempt null; got ${failures.map((e) => `${e.data.object.attempt_count}:${e.data.object.next_payment_attempt}`).join(', ')}`,
      );
      const final = await s.step(`${after}: subscriptions.retrieve after the last retry`, () => stripe.subscriptions.retrieve(sub.id));
      if (after === 'cancel') {
        s.events('after the last retry: cancel', [sub.id], ['customer.subscription.updated', 'customer.subscription.deleted'], since);
        s.check(
          'cancel',
          final?.status === 'canceled' && final?.cancellation_details?.reason === 'payment_failed',
          `got ${final?.status} / ${final?.cancellation_details?.reason}`,
        );
      } else {
        s.check('unpaid', final?.status === 'unpaid', `got ${final?.status}`);
        await s.step('control settings back to cancel', () => control.post('settings', { subscription_after_retries: 'cancel' }));
      }
    }
    s.done();
  });

  it('3-D Secure on renewal: payment_action_required, past_due, then confirmed on the hosted invoice page', async () => {
    const s = new Scenario();
    const since = mark();
    const { customer, session } = await paidCheckout(s, 'renew-3ds', 'monthly');
    const sub = await subscriptionOf(s, 'renew-3ds', session);
    if (customer && s.has(sub, 'subscription')) {
      await s.step('control customers/:id/card 3184', () => control.post(`customers/${customer.id}/card`, { card: CARD.threeDSecure }));
      await s.step('clock to the renewal', () => advanceTo(sub.items.data[0]!.current_period_end + HOUR));
      const required = s
        .events('renewal needs action', [sub.id], ['invoice.payment_action_required'], since)
        .find((e) => e.type === 'invoice.payment_action_required')?.data.object;
      const pastDue = await s.step('subscriptions.retrieve', () => stripe.subscriptions.retrieve(sub.id));
      s.check('past_due', pastDue?.status === 'past_due', `got ${pastDue?.status}`);
      const invoiceId = idOf(required?.id);
      if (s.has(invoiceId, 'the invoice that needs action')) {
        const invoice = await s.step('invoices.retrieve expand payments', () =>
          stripe.invoices.retrieve(invoiceId, { expand: ['payments'] }),
        );
        s.check('hosted_invoice_url', typeof invoice?.hosted_invoice_url === 'string', 'the member confirms on hosted_invoice_url');
        const waitingId = idOf(invoice?.payments?.data?.[0]?.payment?.payment_intent);
        if (s.has(waitingId, 'the payment intent waiting for 3-D Secure')) {
          // No charge until the payer authenticates: expanding the null latest_charge answers null.
          const waiting = await s.step('paymentIntents.retrieve expand latest_charge (requires_action)', () =>
            stripe.paymentIntents.retrieve(waitingId, { expand: ['latest_charge'] }),
          );
          s.check(
            'requires_action without a charge',
            waiting?.status === 'requires_action' && waiting.latest_charge === null,
            `got ${waiting?.status} / ${JSON.stringify(waiting?.latest_charge)}`,
          );
        }
        const confirmed = mark();
        await s.step('control invoices/:id/authenticate pass', () =>
          control.post(`invoices/${invoiceId}/authenticate`, { outcome: 'pass' }),
        );
        await settle();
        s.events('confirmed', [sub.id], ['invoice.paid', 'customer.subscription.updated'], confirmed);
      }
    }
    s.done();
  });

  it('a subscription made in the Dashboard whose first payment needs action: incomplete, then incomplete_expired after 23 hours', async () => {
    const s = new Scenario();
    for (const first of ['requires_action', 'fails'] as const) {
      const customer = await s.step(`${first}: customers.create`, () => newCustomer(`dashboard-${first}`));
      const price = await s.step('membership price', () => membershipPrice());
      if (!customer || !price) continue;
      const since = mark();
      const made = await s.step(`${first}: control subscriptions`, () =>
        control.post('subscriptions', { customer: customer.id, price, metadata: { kind: 'membership' }, first_payment: first }),
      );
      await settle();
      const id = idOf(made) ?? idOf(made?.subscription);
      if (!s.has(id, `${first}: the subscription`)) continue;
      const incomplete = await s.step(`${first}: subscriptions.retrieve`, () => stripe.subscriptions.retrieve(id));
      s.check(`${first}: incomplete`, incomplete?.status === 'incomplete', `got ${incomplete?.status}`);
      await s.step(`${first}: clock +23 h`, () => advance(23 * HOUR + 60));
      const expired = await s.step(`${first}: subscriptions.retrieve after 23 h`, () => stripe.subscriptions.retrieve(id));
      s.check(`${first}: incomplete_expired`, expired?.status === 'incomplete_expired', `got ${expired?.status}`);
      s.events(`${first}: events`, [id], ['customer.subscription.created', 'customer.subscription.updated'], since);
    }
    s.done();
  });

  it('checkout sessions expire: by the control API, by sessions.expire, and 24 hours after creation', async () => {
    const s = new Scenario();
    const customer = await s.step('customers.create', () => newCustomer('expiry'));
    if (!s.has(customer, 'customer')) return s.done();
    const since = mark();
    const [a, b, c] = [
      await s.step('session A', () => giftCheckout(customer.id, 700)),
      await s.step('session B', () => giftCheckout(customer.id, 800)),
      await s.step('session C', () => membershipCheckout(customer.id)),
    ];
    if (a) await s.step('control checkout/:id/expire', () => control.post(`checkout/${a.id}/expire`));
    if (b) await s.step('checkout.sessions.expire', () => stripe.checkout.sessions.expire(b.id));
    if (c) {
      s.check(
        'expires_at',
        c.expires_at - c.created === DAY,
        `expected 24 h after created; expires_at - created = ${c.expires_at - c.created}`,
      );
      await s.step('clock +24 h', () => advanceTo(c.expires_at));
    }
    await settle();
    for (const session of [a, b, c]) {
      if (!session) continue;
      const after = await s.step(`checkout.sessions.retrieve ${session.amount_total}`, () => stripe.checkout.sessions.retrieve(session.id));
      s.check(`session ${session.amount_total} status`, after?.status === 'expired', `got ${after?.status}`);
    }
    const expired = webhooks
      .slice(since)
      .filter((e) => e.type === 'checkout.session.expired')
      .map((e) => e.data.object.id);
    s.check(
      'checkout.session.expired',
      [a, b, c].every((x) => !x || expired.includes(x.id)),
      `expected one per session; got ${expired.length}`,
    );
    s.done();
  });

  it('disputes: opened by card 0259 and won; opened by the control API and lost', async () => {
    const s = new Scenario();
    let since = mark();
    const disputed = await paidCheckout(s, 'dispute-won', 'gift', { card: CARD.disputed });
    const opened = s
      .events('card 0259', [disputed.customer?.id], ['charge.succeeded', 'charge.dispute.created', 'charge.dispute.funds_withdrawn'], since)
      .find((e) => e.type === 'charge.dispute.created')?.data.object;
    const disputeId = idOf(opened?.id);
    if (s.has(disputeId, 'the dispute')) {
      const dispute = await s.step('disputes.retrieve', () => stripe.disputes.retrieve(disputeId));
      s.check('needs_response', dispute?.status === 'needs_response', `got ${dispute?.status}`);
      await s.step('disputes.list by charge', () =>
        stripe.disputes.list({ charge: idOf(dispute?.charge) ?? idOf(opened?.charge), limit: 10 }),
      );
      since = mark();
      await s.step('control disputes/:id/close won', () => control.post(`disputes/${disputeId}/close`, { outcome: 'won' }));
      await settle();
      const closed = s
        .events('won', [disputeId], ['charge.dispute.closed', 'charge.dispute.funds_reinstated'], since)
        .find((e) => e.type === 'charge.dispute.closed')?.data.object;
      s.check('won', closed?.status === 'won', `got ${closed?.status}`);
    }
    since = mark();
    const lost = await paidCheckout(s, 'dispute-lost', 'gift');
    const intent =
      idOf(lost.session?.payment_intent) &&
      (await s.step('paymentIntents.retrieve', () => stripe.paymentIntents.retrieve(idOf(lost.session?.payment_intent)!)));
    const chargeId = idOf(intent ? intent.latest_charge : undefined);
    if (s.has(chargeId, 'the charge to dispute')) {
      const dispute = await s.step('control charges/:id/dispute', () =>
        control.post(`charges/${chargeId}/dispute`, { reason: 'fraudulent' }),
      );
      await settle();
      const id = idOf(dispute);
      if (s.has(id, 'the dispute made by the control API')) {
        await s.step('control disputes/:id/close lost', () => control.post(`disputes/${id}/close`, { outcome: 'lost' }));
        await settle();
        const closed = s
          .events('lost', [chargeId], ['charge.dispute.created', 'charge.dispute.closed'], since)
          .find((e) => e.type === 'charge.dispute.closed')?.data.object;
        s.check('lost', closed?.status === 'lost', `got ${closed?.status}`);
      }
    }
    s.done();
  });

  it('Bacs Direct Debit: mandate, processing, then succeeded or failed; a pending Bacs refund; a Bacs subscription', async () => {
    const s = new Scenario();
    for (const outcome of ['succeeded', 'failed'] as const) {
      const since = mark();
      const { customer, session } = await paidCheckout(s, `bacs-${outcome}`, 'gift', {
        payment_method: 'bacs_debit',
        account_number: outcome === 'succeeded' ? BACS.succeeds : BACS.fails,
      });
      if (!s.has(session, `${outcome}: session`)) continue;
      s.check(
        `${outcome}: session`,
        session.status === 'complete' && session.payment_status === 'unpaid',
        `expected complete and unpaid while processing, got ${session.status} / ${session.payment_status}`,
      );
      s.events(`${outcome}: checkout`, [customer?.id], ['checkout.session.completed'], since);
      const intentId = idOf(session.payment_intent);
      if (!s.has(intentId, `${outcome}: payment intent`)) continue;
      const processing = await s.step(`${outcome}: paymentIntents.retrieve expand latest_charge`, () =>
        stripe.paymentIntents.retrieve(intentId, { expand: ['latest_charge'] }),
      );
      s.check(`${outcome}: processing`, processing?.status === 'processing', `got ${processing?.status}`);
      // A processing Direct Debit already has its (pending) charge, which says how it is paid.
      const pending = typeof processing?.latest_charge === 'object' ? processing.latest_charge : null;
      s.check(
        `${outcome}: pending Bacs charge`,
        pending?.status === 'pending' && pending.payment_method_details?.type === 'bacs_debit',
        `expected a pending bacs_debit charge, got ${pending?.status} / ${pending?.payment_method_details?.type}`,
      );
      const settled = mark();
      await s.step(`${outcome}: control checkout/:id/settle`, () => control.post(`checkout/${session.id}/settle`, { outcome }));
      await settle();
      s.events(
        `${outcome}: settled`,
        [customer?.id],
        outcome === 'succeeded'
          ? ['payment_intent.succeeded', 'charge.succeeded', 'checkout.session.async_payment_succeeded']
          : ['payment_intent.payment_failed', 'checkout.session.async_payment_failed'],
        settled,
      );
      // The mandate the payment was collected under (Charge.payment_method_details.bacs_debit.mandate).
      const settledIntent = await s.step(`${outcome}: paymentIntents.retrieve after settling`, () =>
        stripe.paymentIntents.retrieve(intentId),
      );
      const charge =
        idOf(settledIntent?.latest_charge) &&
        (await s.step(`${outcome}: charges.retrieve`, () => stripe.charges.retrieve(idOf(settledIntent?.latest_charge)!)));
      const mandateId = charge ? charge.payment_method_details?.bacs_debit?.mandate : undefined;
      if (s.has(mandateId, `${outcome}: the charge's Bacs mandate`))
        await s.step(`${outcome}: mandates.retrieve`, () => stripe.mandates.retrieve(mandateId));
      if (outcome === 'succeeded')
        s.events(
          'the mandate',
          [customer?.id, mandateId ?? undefined, settledIntent?.payment_method as string | undefined],
          ['mandate.updated'],
          since,
        );
      if (outcome === 'succeeded') {
        const refund = await s.step('refunds.create (Bacs)', () =>
          stripe.refunds.create({ payment_intent: intentId, amount: 500 }, { idempotencyKey: `refund-bacs-${run}` }),
        );
        s.check('Bacs refund', refund?.status === 'pending', `Bacs refunds start pending; got ${refund?.status}`);
        if (refund) {
          const refunded = mark();
          await s.step('control refunds/:id/settle succeeded', () => control.post(`refunds/${refund.id}/settle`, { outcome: 'succeeded' }));
          await settle();
          s.events('Bacs refund settled', [intentId, refund.id], ['refund.updated'], refunded);
          s.events('Bacs refund', [intentId, refund.id], ['refund.created', 'charge.refunded'], since);
        }
      }
    }
    const { session } = await paidCheckout(s, 'bacs-member', 'membership', { payment_method: 'bacs_debit', account_number: BACS.succeeds });
    const sub = await subscriptionOf(s, 'bacs-member', session);
    s.check(
      'Bacs subscription',
      sub?.status === 'active',
      `the subscription is active while the first payment processes; got ${sub?.status}`,
    );
    const invoiceId = idOf(sub?.latest_invoice);
    if (s.has(invoiceId, 'the Bacs invoice')) {
      const open = await s.step('invoices.retrieve (Bacs)', () => stripe.invoices.retrieve(invoiceId));
      s.check('Bacs invoice', open?.status === 'open', `got ${open?.status}`);
      const since = mark();
      await s.step('control invoices/:id/settle succeeded', () => control.post(`invoices/${invoiceId}/settle`, { outcome: 'succeeded' }));
      await settle();
      s.events('Bacs invoice paid', [invoiceId], ['invoice.paid'], since);
    }
    s.done();
  });

  it("lists page as Stripe's do: limit, has_more, starting_after, ending_before, events by type", async () => {
    const s = new Scenario();
    const first = await s.step('events.list limit 2', () => stripe.events.list({ limit: 2 }));
    s.check(
      'events limit',
      first?.data.length === 2 && first.has_more === true,
      `got ${first?.data.length} events, has_more ${first?.has_more}`,
    );
    const last = first?.data.at(-1)?.id;
    if (s.has(last, 'a page of events')) {
      const second = await s.step('events.list starting_after', () => stripe.events.list({ limit: 2, starting_after: last }));
      s.check(
        'events starting_after',
        Boolean(second?.data.length) && !second!.data.some((e) => first!.data.some((f) => f.id === e.id)),
        'the next page repeats events',
      );
      const back =
        second?.data[0] &&
        (await s.step('events.list ending_before', () => stripe.events.list({ limit: 2, ending_before: second.data[0]!.id })));
      s.check(
        'events ending_before',
        !back || back.data.map((e) => e.id).join() === first!.data.map((e) => e.id).join(),
        `expected the first page again, got ${back && back.data.map((e) => e.id).join()}`,
      );
    }
    const paid = await s.step('events.list type invoice.paid', () => stripe.events.list({ type: 'invoice.paid', limit: 100 }));
    s.check(
      'events type',
      Boolean(paid?.data.length) && paid!.data.every((e) => e.type === 'invoice.paid'),
      `expected only invoice.paid; got ${paid?.data.length} events of types ${[...new Set(paid?.data.map((e) => e.type))].join(', ')}`,
    );
    if (first?.data[0]) await s.step('events.retrieve', () => stripe.events.retrieve(first.data[0]!.id));
    const all = await s.step('events.list auto-paging (stripe:reconcile)', async () => {
      let count = 0;
      for await (const event of stripe.events.list({ limit: 100 })) count += event ? 1 : 0;
      return count;
    });
    s.check('events auto-paging', (all ?? 0) > 100, `expected more than one page of events; got ${all}`);
    for (const [name, list] of [
      ['subscriptions', () => stripe.subscriptions.list({ status: 'all', limit: 1 })],
      ['invoices', () => stripe.invoices.list({ limit: 1 })],
      ['prices', () => stripe.prices.list({ limit: 1 })],
      ['refunds', () => stripe.refunds.list({ limit: 1 })],
      ['disputes', () => stripe.disputes.list({ limit: 1 })],
    ] as const) {
      const page = await s.step(`${name}.list limit 1`, list as () => Promise<Stripe.ApiList<{ id: string }>>);
      s.check(
        `${name}.list limit 1`,
        page?.data.length === 1 && page.has_more === true,
        `got ${page?.data.length} items, has_more ${page?.has_more}`,
      );
      const next =
        page?.data[0] &&
        (await s.step(`${name}.list starting_after`, () =>
          (stripe[name].list as (p: object) => Promise<Stripe.ApiList<{ id: string }>>)({
            limit: 1,
            starting_after: page.data[0]!.id,
            ...(name === 'subscriptions' ? { status: 'all' } : {}),
          }),
        ));
      s.check(
        `${name}.list starting_after`,
        !next || (next.data.length === 1 && next.data[0]!.id !== page.data[0]!.id),
        'the next page repeats the item',
      );
    }
    s.done();
  });

  it("errors have Stripe's shape and status: unknown ids, unknown, missing and empty parameters, bad enums and expands, reused idempotency keys", async () => {
    const problems: string[] = [];
    const expectError = async (
      name: string,
      call: () => Promise<unknown>,
      want: { status: number; type: string; code?: string; param?: string },
    ) => {
      const before = proxy.exchanges.length;
      const result = await call().then(
        () => 'accepted',
        (error: unknown) => error,
      );
      const exchange = proxy.exchanges.slice(before).at(-1);
      if (result === 'accepted') return void problems.push(`${name}: the double accepted it (HTTP ${exchange?.status})`);
      const error = isObject(exchange?.body) && isObject(exchange.body.error) ? exchange.body.error : undefined;
      const got = `HTTP ${exchange?.status} ${JSON.stringify(exchange?.body)}`;
      if (!exchange || exchange.status !== want.status) return void problems.push(`${name}: expected HTTP ${want.status}, got ${got}`);
      if (!error) return void problems.push(`${name}: no error body: ${got}`);
      if (error.type !== want.type) problems.push(`${name}: expected type ${want.type}, got ${got}`);
      if (typeof error.message !== 'string' || !error.message) problems.push(`${name}: no message: ${got}`);
      if (want.code && error.code !== want.code) problems.push(`${name}: expected code ${want.code}, got ${got}`);
      if (want.param && error.param !== want.param) problems.push(`${name}: expected param ${want.param}, got ${got}`);
      const code = want.code ?? (typeof error.code === 'string' ? error.code : undefined);
      if (
        code &&
        !new RegExp(`^https://(docs\\.stripe\\.com|stripe\\.com/docs)/error-codes/${code.replace(/_/g, '-')}$`).test(String(error.doc_url))
      ) {
        problems.push(
          `${name}: expected doc_url https://docs.stripe.com/error-codes/${code.replace(/_/g, '-')}, got ${JSON.stringify(error.doc_url)}`,
        );
      }
    };
    const missing = { status: 404, type: 'invalid_request_error', code: 'resource_missing', param: 'id' };
    const nothing = 'zz_conformance000000000';
    await expectError('customers.retrieve unknown id', () => stripe.customers.retrieve(`cus_${nothing}`), missing);
    await expectError('prices.retrieve unknown id', () => stripe.prices.retrieve(`price_${nothing}`), missing);
    await expectError('checkout.sessions.retrieve unknown id', () => stripe.checkout.sessions.retrieve(`cs_test_${nothing}`), missing);
    await expectError('subscriptions.retrieve unknown id', () => stripe.subscriptions.retrieve(`sub_${nothing}`), missing);
    await expectError(
      'subscriptions.update unknown id',
      () => stripe.subscriptions.update(`sub_${nothing}`, { cancel_at_period_end: true }),
      missing,
    );
    await expectError('subscriptions.cancel unknown id', () => stripe.subscriptions.cancel(`sub_${nothing}`), missing);
    await expectError('invoices.retrieve unknown id', () => stripe.invoices.retrieve(`in_${nothing}`), missing);
    await expectError('paymentIntents.retrieve unknown id', () => stripe.paymentIntents.retrieve(`pi_${nothing}`), missing);
    await expectError('charges.retrieve unknown id', () => stripe.charges.retrieve(`ch_${nothing}`), missing);
    await expectError('refunds.retrieve unknown id', () => stripe.refunds.retrieve(`re_${nothing}`), missing);
    await expectError('disputes.retrieve unknown id', () => stripe.disputes.retrieve(`dp_${nothing}`), missing);
    await expectError('mandates.retrieve unknown id', () => stripe.mandates.retrieve(`mandate_${nothing}`), missing);
    await expectError('events.retrieve unknown id', () => stripe.events.retrieve(`evt_${nothing}`), missing);

    await expectError(
      'customers.create with an unknown parameter',
      () => stripe.customers.create({ email: `typo-${run}@example.org`, emial: 'x' } as Stripe.CustomerCreateParams),
      { status: 400, type: 'invalid_request_error', code: 'parameter_unknown', param: 'emial' },
    );
    await expectError(
      'invoices.list with an unknown parameter',
      () => stripe.invoices.list({ subscriptoin: 'sub_x' } as Stripe.InvoiceListParams),
      { status: 400, type: 'invalid_request_error', code: 'parameter_unknown', param: 'subscriptoin' },
    );
    await expectError(
      'billingPortal.sessions.create without customer',
      () =>
        stripe.billingPortal.sessions.create({ return_url: 'http://localhost:3000/account' } as Stripe.BillingPortal.SessionCreateParams),
      { status: 400, type: 'invalid_request_error', code: 'parameter_missing', param: 'customer' },
    );
    await expectError(
      'prices.create without currency',
      () => stripe.prices.create({ unit_amount: 100, product_data: { name: 'x' } } as Stripe.PriceCreateParams),
      { status: 400, type: 'invalid_request_error', code: 'parameter_missing', param: 'currency' },
    );
    await expectError(
      'prices.create with an empty currency',
      () => stripe.prices.create({ currency: '', unit_amount: 100, product_data: { name: 'x' } }),
      { status: 400, type: 'invalid_request_error', code: 'parameter_invalid_empty', param: 'currency' },
    );
    const price = await membershipPrice();
    await expectError(
      'checkout.sessions.create with a bad mode',
      () =>
        stripe.checkout.sessions.create({
          mode: 'sometimes' as Stripe.Checkout.SessionCreateParams.Mode,
          line_items: [{ price, quantity: 1 }],
          success_url: 'http://localhost:3000/',
        }),
      { status: 400, type: 'invalid_request_error', param: 'mode' },
    );
    const invoice = proxy.exchanges.find((e) => e.status === 200 && isObject(e.body) && e.body.object === 'invoice')?.body as
      Json | undefined;
    await expectError(
      'invoices.retrieve with an unknown expand path',
      () => stripe.invoices.retrieve(String(invoice?.id ?? `in_${nothing}`), { expand: ['not_a_field'] }),
      { status: invoice ? 400 : 404, type: 'invalid_request_error' },
    );
    await expectError(
      'subscriptions.list with a bad status',
      () => stripe.subscriptions.list({ status: 'sleeping' as Stripe.SubscriptionListParams.Status }),
      { status: 400, type: 'invalid_request_error', param: 'status' },
    );

    const key = `idempotency-${run}`;
    await stripe.customers.create({ email: `once-${run}@example.org` }, { idempotencyKey: key });
    await expectError(
      'the same idempotency key with other parameters',
      () => stripe.customers.create({ email: `twice-${run}@example.org` }, { idempotencyKey: key }),
      { status: 400, type: 'idempotency_error' },
    );
    await expectError(
      'the same idempotency key on another endpoint',
      () => stripe.prices.create({ currency: 'gbp', unit_amount: 100, product_data: { name: 'x' } }, { idempotencyKey: key }),
      { status: 400, type: 'idempotency_error' },
    );
    if (gift.intent) {
      await expectError(
        'a refund key reused for another amount',
        () => stripe.refunds.create({ payment_intent: gift.intent!.id, amount: 1 }, { idempotencyKey: `refund-r1-${run}` }),
        { status: 400, type: 'idempotency_error' },
      );
    }
    expect(problems).toEqual([]);
  });

  it("faults have Stripe's shape: 429 rate_limit and lock_timeout before anything is done, 500 api_error before or after the change", async () => {
    const problems: string[] = [];
    const failure = async (call: () => Promise<unknown>) =>
      call().then(
        () => undefined,
        (error: unknown) => error,
      );
    const check = (
      name: string,
      error: unknown,
      want: { status: number; type: string; rawType: string; code?: string; shouldRetry?: string },
    ) => {
      if (!(error instanceof Stripe.errors.StripeError)) return void problems.push(`${name}: the double accepted it`);
      const got = `${error.statusCode} ${error.type} ${error.rawType} ${error.code ?? ''} stripe-should-retry=${error.headers?.['stripe-should-retry'] ?? '(none)'}`;
      if (error.statusCode !== want.status || error.type !== want.type || error.rawType !== want.rawType || error.code !== want.code)
        problems.push(`${name}: expected ${JSON.stringify(want)}, got ${got}`);
      if ((error.headers?.['stripe-should-retry'] ?? undefined) !== want.shouldRetry)
        problems.push(`${name}: expected Stripe-Should-Retry ${want.shouldRetry ?? '(none)'}, got ${got}`);
      if (
        want.code &&
        !new RegExp(`^https://(docs\\.stripe\\.com|stripe\\.com/docs)/error-codes/${want.code.replace(/_/g, '-')}$`).test(
          String(error.doc_url),
        )
      )
        problems.push(`${name}: doc_url ${error.doc_url}`);
      if (!error.message) problems.push(`${name}: no message`);
    };
    const customers = () => bench.double.state.customers.size;
    const create = (label: string, key: string) =>
      stripe.customers.create({ email: `${label}-${run}@example.org` }, { idempotencyKey: key });

    // https://docs.stripe.com/rate-limits: 429; rate limiters run before the idempotency layer
    // (https://docs.stripe.com/error-low-level#content-errors), so the same key runs it later.
    let before = customers();
    await control.post('responses/rate-limit', { count: 1, reason: 'rate' });
    check('rate limited', await failure(() => create('rate', `rate-${run}`)), {
      status: 429,
      type: 'StripeRateLimitError',
      rawType: 'invalid_request_error',
      code: 'rate_limit',
    });
    if (customers() !== before) problems.push('rate limited: a customer was created');
    await create('rate', `rate-${run}`);
    if (customers() !== before + 1) problems.push('rate limited: the same key did not create the customer afterwards');

    // A lock held by another request: 429, and Stripe-Should-Retry: true, which stripe-node obeys (RequestSender._shouldRetry).
    before = customers();
    await control.post('responses/rate-limit', { count: 1, reason: 'lock' });
    check('lock timeout', await failure(() => create('lock', `lock-${run}`)), {
      status: 429,
      type: 'StripeRateLimitError',
      rawType: 'invalid_request_error',
      code: 'lock_timeout',
      shouldRetry: 'true',
    });
    if (customers() !== before) problems.push('lock timeout: a customer was created');

    // 500 before the endpoint began: nothing done or saved, so the same key creates it.
    before = customers();
    await control.post('responses/fail', { count: 1, when: 'before' });
    check('500 before', await failure(() => create('before', `before-${run}`)), {
      status: 500,
      type: 'StripeAPIError',
      rawType: 'api_error',
    });
    if (customers() !== before) problems.push('500 before: a customer was created');
    await create('before', `before-${run}`);
    if (customers() !== before + 1) problems.push('500 before: the same key did not create the customer afterwards');

    // 500 after the change: made once; the same key answers with the saved object.
    before = customers();
    await control.post('responses/fail', { count: 1, when: 'after' });
    check('500 after', await failure(() => create('after', `after-${run}`)), { status: 500, type: 'StripeAPIError', rawType: 'api_error' });
    if (customers() !== before + 1) problems.push(`500 after: expected the customer made once, ${customers() - before} made`);
    const replayed = await create('after', `after-${run}`);
    if (customers() !== before + 1 || !bench.double.state.customers.has(replayed.id))
      problems.push('500 after: the same key made a second customer');
    if (replayed.email !== `after-${run}@example.org`)
      problems.push(`500 after: the same key answered with another customer (${replayed.email})`);

    await control.post('responses/normal');
    expect(problems).toEqual([]);
  });
});

// ---------------------------------------------------------------- what was recorded

describe('everything the SDK received and every webhook', () => {
  type Found = Violation & { source: string };

  const kindLabel: Record<Violation['kind'], string> = {
    missing: 'missing',
    extra: 'extra',
    wrong_type: 'wrong type',
    unknown_object: 'unknown object',
  };
  const kindOrder = Object.keys(kindLabel);

  function group(found: Found[]): { lines: string[]; summary: string[] } {
    const groups = new Map<string, { v: Found; count: number; sources: Set<string> }>();
    for (const v of found) {
      const field = v.field.replace(/\/\d+(?=\/|$)/g, '/*');
      const key = `${v.object}\u0000${v.kind}\u0000${field}`;
      const entry = groups.get(key) ?? { v: { ...v, field }, count: 0, sources: new Set<string>() };
      entry.count++;
      entry.sources.add(v.source);
      groups.set(key, entry);
    }
    const sorted = [...groups.values()].sort(
      (a, b) =>
        a.v.object.localeCompare(b.v.object) ||
        kindOrder.indexOf(a.v.kind) - kindOrder.indexOf(b.v.kind) ||
        a.v.field.localeCompare(b.v.field),
    );
    const lines = sorted.map(
      ({ v, count, sources }) =>
        `${v.object}: ${kindLabel[v.kind]} ${v.field} (${v.message}) ×${count}, e.g. ${[...sources].slice(0, 2).join('; ')}`,
    );
    const summary: string[] = [];
    for (const object of [...new Set(sorted.map((g) => g.v.object))]) {
      summary.push(`${object}`);
      for (const kind of kindOrder) {
        const fields = sorted.filter((g) => g.v.object === object && g.v.kind === kind).map((g) => g.v.field);
        if (fields.length) summary.push(`  ${kindLabel[kind as Violation['kind']]} (${fields.length}): ${fields.join(', ')}`);
      }
    }
    return { lines, summary };
  }

  function writeReport(name: string, text: string) {
    const dir = path.join(import.meta.dirname, '../../test-results');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }

  it('every API response and every webhook object matches the types of the pinned Stripe SDK', () => {
    // The scenarios above must have run: with nothing recorded this test would prove nothing.
    expect(proxy.exchanges.length).toBeGreaterThan(50);
    expect(webhooks.length).toBeGreaterThan(20);
    const found: Found[] = [];
    for (const exchange of proxy.exchanges) {
      const source = `${endpointOf(exchange.method, exchange.path)} → ${exchange.status}`;
      if (exchange.body === undefined) {
        found.push({
          object: '(not JSON)',
          path: '/',
          field: '/',
          kind: 'wrong_type',
          message: `the body is not JSON: ${exchange.raw.slice(0, 80)}`,
          source,
        });
        continue;
      }
      for (const violation of validateStripeObject(exchange.body).errors) found.push({ ...violation, source });
      const endpoint = endpointOf(exchange.method, exchange.path);
      const expected = ENDPOINTS[endpoint];
      if (exchange.status >= 300) continue;
      const body = isObject(exchange.body) ? exchange.body : {};
      const items = Array.isArray(body.data) ? [...new Set(body.data.map((item) => (isObject(item) ? item.object : typeof item)))] : [];
      const answered =
        body.object === 'list' ? `list of ${items.join(' | ') || (expected?.replace(/^list of /, '') ?? 'nothing')}` : String(body.object);
      if (!expected)
        found.push({
          object: '(endpoint)',
          path: '/',
          field: endpoint,
          kind: 'unknown_object',
          message: 'an endpoint the test does not list in ENDPOINTS',
          source,
        });
      else if (answered !== expected)
        found.push({
          object: '(endpoint)',
          path: '/object',
          field: endpoint,
          kind: 'wrong_type',
          message: `Stripe answers ${expected}; the double sent ${answered}`,
          source,
        });
    }
    for (const event of webhooks) {
      for (const violation of validateStripeObject(event).errors) found.push({ ...violation, source: `webhook ${event.type}` });
      if (event.api_version !== STRIPE_API_VERSION)
        found.push({
          object: 'event',
          path: '/api_version',
          field: '/api_version',
          kind: 'wrong_type',
          message: `expected the pinned ${STRIPE_API_VERSION}, got ${event.api_version}`,
          source: `webhook ${event.type}`,
        });
    }
    const { lines, summary } = group(found);
    const t = stripeSchemaTimings();
    writeReport(
      'stripe-conformance.txt',
      [
        `Stripe double vs stripe ${t.stripeVersion} types (${proxy.exchanges.length} responses, ${webhooks.length} webhooks): ${found.length} violations in ${lines.length} groups`,
        '',
        ...summary,
        '',
        ...lines,
        '',
      ].join('\n'),
    );
    expect(lines, `${lines.length} kinds of violation (grouped in test-results/stripe-conformance.txt)`).toEqual([]);
  });

  it('includable fields appear only when expanded, and expandable fields are ids unless expanded', () => {
    const schema = stripeSchema();
    const problems = new Set<string>();
    const check = (json: unknown, expand: string[], source: string) => {
      if (!isObject(json)) return;
      if (json.object === 'list' && Array.isArray(json.data)) {
        const inner = expand.filter((p) => p.startsWith('data.')).map((p) => p.slice(5));
        return json.data.forEach((item) => check(item, inner, source));
      }
      if (json.object === 'event' && isObject(json.data)) return check(json.data.object, [], source);
      const object = json.object;
      if (typeof object !== 'string' || !Object.hasOwn(SDK_TYPES, object)) return;
      const asked = new Set(expand.map((p) => p.split('.')[0]));
      for (const field of schema.expandableFieldsOf(object as StripeObjectType)) {
        if (isObject(json[field]) && !asked.has(field))
          problems.add(`${object}.${field} is expanded though the request did not ask (${source})`);
        if (asked.has(field) && typeof json[field] === 'string')
          problems.add(`${object}.${field} is an id though the request asked for expand[]=${field} (${source})`);
      }
      for (const field of INCLUDABLE[object as StripeObjectType] ?? []) {
        if (field in json && !asked.has(field))
          problems.add(`${object}.${field} is present without expand[]=${field}; Stripe includes it only when expanded (${source})`);
        if (asked.has(field) && !(field in json))
          problems.add(`${object}.${field} is absent though the request asked for expand[]=${field} (${source})`);
      }
    };
    const ok = proxy.exchanges.filter((e) => e.status === 200);
    for (const exchange of ok) check(exchange.body, exchange.expand, endpointOf(exchange.method, exchange.path));
    // Stripe renders webhook objects unexpanded.
    for (const event of webhooks) check(event.data.object, [], `webhook ${event.type}`);
    const retrieved = (object: string, field: string, expanded: boolean) =>
      ok.some((e) => e.method === 'GET' && isObject(e.body) && e.body.object === object && e.expand.includes(field) === expanded);
    for (const [object, field] of [
      ['invoice', 'payments'],
      ['checkout.session', 'line_items'],
    ]) {
      if (!retrieved(object!, field!, true)) problems.add(`no ${object} was retrieved with expand[]=${field}, so the rule was not checked`);
      if (!retrieved(object!, field!, false))
        problems.add(`no ${object} was retrieved without expand[]=${field}, so the rule was not checked`);
    }
    expect([...problems]).toEqual([]);
  });
});
