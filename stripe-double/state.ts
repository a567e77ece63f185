import { randomBytes } from 'node:crypto';
import type Stripe from 'stripe';
import { STRIPE_API_VERSION } from '../lib/payments/api-version';
import { cardFor, bacsAccountFor, type TestCard } from './cards';
import {
  chargeObject,
  checkoutSessionObject,
  customerObject,
  disputeObject,
  invoiceLineObject,
  invoiceObject,
  invoicePaymentObject,
  lineItemObject,
  mandateObject,
  paymentIntentObject,
  refundObject,
  portalSessionObject,
  priceObject,
  productObject,
  subscriptionItemObject,
  subscriptionObject,
  type PaymentMethodDetails,
} from './objects';

/** A Stripe error as the API sends it; `extra` carries fields such as decline_code. */
export class DoubleError extends Error {
  constructor(
    readonly status: number,
    readonly type: 'invalid_request_error' | 'card_error' | 'api_error' | 'idempotency_error',
    message: string,
    readonly code?: string,
    readonly param?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const HOUR = 3600;
const DAY = 24 * HOUR;
// Checkout Sessions expire 24 hours after creation unless expires_at says otherwise
// (https://docs.stripe.com/api/checkout/sessions/create#create_checkout_session-expires_at).
const SESSION_LIFETIME = DAY;
// Renewal invoices are drafts for about an hour before Stripe finalizes and charges them
// (https://docs.stripe.com/billing/invoices/subscription#subscription-renewal).
const DRAFT_WINDOW = HOUR;
// An incomplete subscription whose first invoice is not paid within 23 hours expires
// (https://docs.stripe.com/billing/subscriptions/overview#subscription-statuses).
const INCOMPLETE_WINDOW = 23 * HOUR;
// invoice.upcoming is sent a configurable number of days before renewal (default 7 here).
const UPCOMING_NOTICE = 7 * DAY;
// A custom retry schedule as in Billing > Revenue recovery: retry 3, 5 and 7 days after
// each failure, then apply the subscription_after_retries setting.
const RETRY_DELAYS = [3 * DAY, 5 * DAY, 7 * DAY];

export type AfterRetries = 'cancel' | 'unpaid' | 'past_due';

type PaymentSource = { kind: 'card'; card: TestCard; pm: string } | { kind: 'bacs_debit'; account: string; pm: string; mandate: string };
type SessionLine = { price: Stripe.Price; quantity: number };
type SessionInfo = {
  lines: SessionLine[];
  subscriptionMetadata: Record<string, string>;
  subscriptionDescription: string | null;
  paymentIntentMetadata: Record<string, string>;
  paymentIntentDescription: string | null;
};
type Task = { at: number; seq: number; run: () => void };

/** Periods: Stripe adds calendar months and years, keeping the day of the month. */
function addInterval(start: number, interval: string, count: number): number {
  const d = new Date(start * 1000);
  if (interval === 'year') d.setUTCFullYear(d.getUTCFullYear() + count);
  else if (interval === 'month') d.setUTCMonth(d.getUTCMonth() + count);
  else if (interval === 'week') d.setUTCDate(d.getUTCDate() + 7 * count);
  else d.setUTCDate(d.getUTCDate() + count);
  return Math.floor(d.getTime() / 1000);
}

/** Bacs Direct Debit confirms a payment after 3 business days. */
function businessDaysLater(start: number, days: number): number {
  const d = new Date(start * 1000);
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return Math.floor(d.getTime() / 1000);
}

/**
 * The in-memory state of the Stripe double and the changes Stripe would make: checkout with
 * test cards and Bacs, renewals on a movable clock with retries, 3-D Secure, refunds,
 * disputes and expiry. Objects are full SDK-typed objects; the double's own bookkeeping
 * lives in side maps, never on them. Every change records the events Stripe would send,
 * in Stripe's order; `onEvent` hands them to the webhook sender.
 */
export class StripeState {
  clockOffset = 0;
  customers = new Map<string, Stripe.Customer>();
  products = new Map<string, Stripe.Product>();
  prices = new Map<string, Stripe.Price>();
  sessions = new Map<string, Stripe.Checkout.Session>();
  portalSessions = new Map<string, Stripe.BillingPortal.Session>();
  subscriptions = new Map<string, Stripe.Subscription>();
  invoices = new Map<string, Stripe.Invoice>();
  invoicePayments = new Map<string, Stripe.InvoicePayment>();
  paymentIntents = new Map<string, Stripe.PaymentIntent>();
  charges = new Map<string, Stripe.Charge>();
  refunds = new Map<string, Stripe.Refund>();
  disputes = new Map<string, Stripe.Dispute>();
  mandates = new Map<string, Stripe.Mandate>();
  events: Stripe.Event[] = [];
  /** Renewal payments that will fail (per customer, or '*' for any): the control API's payments/fail. */
  failingPayments = new Map<string, number>();
  afterRetries: AfterRetries = 'cancel';
  /**
   * The payment methods turned on in the Dashboard: a session created without
   * payment_method_types offers these (dynamic payment methods), as Stripe does.
   */
  paymentMethods: string[] = ['card', 'bacs_debit'];

  // Bookkeeping, off the objects.
  private sessionInfo = new Map<string, SessionInfo>();
  private sessionLineItems = new Map<string, Stripe.LineItem[]>();
  private customerSource = new Map<string, PaymentSource>();
  private chargeCard = new Map<string, TestCard | null>();
  private failedAttempts = new Map<string, number>();
  private tasks: Task[] = [];
  private seq = 0;
  private invoiceNumbers = 0;
  /** Insertion order of every object, for lists (newest first, ties by order). */
  readonly order = new Map<string, number>();

  constructor(
    readonly baseUrl: () => string,
    private readonly onEvent: (event: Stripe.Event) => void = () => {},
  ) {}

  now(): number {
    return Math.floor(Date.now() / 1000) + this.clockOffset;
  }

  id(prefix: string): string {
    const id = `${prefix}_${randomBytes(12).toString('hex')}`;
    this.order.set(id, ++this.seq);
    return id;
  }

  private emit(type: string, object: { object: string }, previous?: Record<string, unknown>): Stripe.Event {
    const event = {
      id: this.id('evt'),
      object: 'event',
      api_version: STRIPE_API_VERSION,
      created: this.now(),
      data: { object: structuredClone(object), ...(previous ? { previous_attributes: previous } : {}) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    } as unknown as Stripe.Event;
    this.events.push(event);
    this.onEvent(event);
    return event;
  }

  /** Lets tests send any event, including types the app does not know. */
  emitCustom(type: string, object: Record<string, unknown>): Stripe.Event {
    return this.emit(type, { object: 'unknown', ...object });
  }

  // ------------------------------------------------------------ the clock

  private schedule(at: number, run: () => void) {
    this.tasks.push({ at, seq: ++this.seq, run });
  }

  /** Moves time forward, running what falls due (renewals, retries, settlements, expiry) at its own moment. */
  advanceClock(seconds: number): void {
    const target = this.now() + Math.max(0, seconds);
    for (;;) {
      this.tasks.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.tasks[0];
      if (!next || next.at > target) break;
      this.tasks.shift();
      if (next.at > this.now()) this.clockOffset += next.at - this.now();
      next.run();
    }
    this.clockOffset += target - this.now();
  }

  // ------------------------------------------------------------ customers, products, prices

  createCustomer(params: {
    email?: string;
    name?: string;
    metadata?: Record<string, string>;
    phone?: string;
    description?: string;
  }): Stripe.Customer {
    const customer = customerObject({
      id: this.id('cus'),
      created: this.now(),
      email: params.email ?? null,
      name: params.name ?? null,
      metadata: params.metadata ?? {},
      phone: params.phone ?? null,
      description: params.description ?? null,
    });
    this.customers.set(customer.id, customer);
    this.emit('customer.created', customer);
    return customer;
  }

  customer(id: string): Stripe.Customer {
    return this.customers.get(id) ?? missing('customer', id);
  }

  createProduct(params: { name: string; metadata?: Record<string, string>; active?: boolean }): Stripe.Product {
    const product = productObject({
      id: this.id('prod'),
      created: this.now(),
      name: params.name,
      metadata: params.metadata ?? {},
      active: params.active,
    });
    this.products.set(product.id, product);
    return product;
  }

  createPrice(params: {
    unit_amount: number;
    currency: string;
    lookup_key?: string;
    transfer_lookup_key?: boolean;
    recurring?: { interval: 'day' | 'week' | 'month' | 'year'; interval_count?: number };
    product?: string;
    product_data?: { name: string; metadata?: Record<string, string> };
    metadata?: Record<string, string>;
    nickname?: string;
    active?: boolean;
  }): Stripe.Price {
    if (!Number.isInteger(params.unit_amount) || params.unit_amount < 0) {
      throw new DoubleError(400, 'invalid_request_error', 'Invalid integer: unit_amount', 'parameter_invalid_integer', 'unit_amount');
    }
    if (params.product && !this.products.has(params.product)) missing('product', params.product, 'product');
    if (params.lookup_key) {
      const holder = [...this.prices.values()].find((p) => p.lookup_key === params.lookup_key);
      if (holder && !params.transfer_lookup_key) {
        // https://docs.stripe.com/api/prices/create#create_price-transfer_lookup_key
        throw new DoubleError(
          400,
          'invalid_request_error',
          `A price (\`${holder.id}\`) already uses that lookup key.`,
          'lookup_key_already_exists',
          'lookup_key',
        );
      }
      if (holder) holder.lookup_key = null;
    }
    const product =
      params.product ??
      this.createProduct({ name: params.product_data?.name ?? 'Product', metadata: params.product_data?.metadata, active: params.active })
        .id;
    const price = priceObject({
      id: this.id('price'),
      created: this.now(),
      currency: params.currency.toLowerCase(),
      unitAmount: params.unit_amount,
      product,
      lookupKey: params.lookup_key ?? null,
      interval: params.recurring?.interval ?? null,
      intervalCount: params.recurring?.interval_count ?? 1,
      metadata: params.metadata ?? {},
      nickname: params.nickname ?? null,
      active: params.active ?? true,
    });
    this.prices.set(price.id, price);
    return price;
  }

  price(id: string, param = 'id'): Stripe.Price {
    return this.prices.get(id) ?? missing('price', id, param);
  }

  // ------------------------------------------------------------ checkout

  createCheckoutSession(params: {
    mode: 'subscription' | 'payment';
    customer?: string;
    customer_email?: string;
    client_reference_id?: string;
    success_url: string;
    cancel_url?: string;
    metadata?: Record<string, string>;
    subscription_data?: { metadata?: Record<string, string>; description?: string };
    payment_intent_data?: { metadata?: Record<string, string>; description?: string };
    line_items: {
      price?: string;
      quantity?: number;
      price_data?: {
        currency: string;
        unit_amount: number;
        product?: string;
        product_data?: { name: string };
        recurring?: { interval: 'day' | 'week' | 'month' | 'year'; interval_count?: number };
      };
    }[];
    payment_method_types?: string[];
    locale?: string;
    expires_at?: number;
    submit_type?: string;
  }): Stripe.Checkout.Session {
    if (params.customer) this.customer(params.customer);
    if (params.customer && params.customer_email) {
      throw new DoubleError(
        400,
        'invalid_request_error',
        'You may only specify one of these parameters: customer, customer_email.',
        'parameter_invalid',
        'customer_email',
      );
    }
    if (!params.line_items?.length)
      throw new DoubleError(400, 'invalid_request_error', 'Missing required param: line_items.', 'parameter_missing', 'line_items');
    const lines: SessionLine[] = params.line_items.map((line, i) => {
      if (line.price && line.price_data)
        throw new DoubleError(
          400,
          'invalid_request_error',
          'You may only specify one of these parameters: price, price_data.',
          'parameter_invalid',
          `line_items[${i}][price]`,
        );
      const quantity = line.quantity ?? 1;
      if (line.price) return { price: this.price(line.price, `line_items[${i}][price]`), quantity };
      const data = line.price_data;
      if (!data)
        throw new DoubleError(
          400,
          'invalid_request_error',
          `Missing required param: line_items[${i}][price].`,
          'parameter_missing',
          `line_items[${i}][price]`,
        );
      // Inline prices (price_data) are created inactive: they cannot be reused.
      return {
        price: this.createPrice({
          unit_amount: data.unit_amount,
          currency: data.currency,
          product: data.product,
          product_data: data.product_data,
          recurring: data.recurring,
          active: false,
        }),
        quantity,
      };
    });
    if (params.mode === 'subscription' && !lines.some((l) => l.price.recurring)) {
      throw new DoubleError(
        400,
        'invalid_request_error',
        'You must provide at least one recurring price in `subscription` mode when using prices.',
        'parameter_invalid',
        'line_items',
      );
    }
    if (params.mode === 'payment' && lines.some((l) => l.price.recurring)) {
      throw new DoubleError(
        400,
        'invalid_request_error',
        'You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.',
        'parameter_invalid',
        'line_items',
      );
    }
    const id = this.id('cs_test');
    const created = this.now();
    const expiresAt = params.expires_at ?? created + SESSION_LIFETIME;
    if (expiresAt < created + 30 * 60 || expiresAt > created + SESSION_LIFETIME) {
      throw new DoubleError(
        400,
        'invalid_request_error',
        'The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.',
        'parameter_invalid',
        'expires_at',
      );
    }
    const session = checkoutSessionObject({
      id,
      created,
      expiresAt,
      mode: params.mode,
      amountTotal: lines.reduce((sum, l) => sum + (l.price.unit_amount ?? 0) * l.quantity, 0),
      currency: lines[0]!.price.currency, // line_items is not empty (checked above)
      customer: params.customer ?? null,
      customerEmail: params.customer_email ?? null,
      clientReferenceId: params.client_reference_id ?? null,
      successUrl: params.success_url,
      cancelUrl: params.cancel_url ?? null,
      metadata: params.metadata ?? {},
      paymentMethodTypes: params.payment_method_types?.length ? params.payment_method_types : [...this.paymentMethods],
      locale: (params.locale as Stripe.Checkout.Session.Locale | undefined) ?? null,
      url: `${this.baseUrl()}/checkout/${id}`,
      submitType: (params.submit_type as Stripe.Checkout.Session.SubmitType | undefined) ?? null,
    });
    this.sessions.set(id, session);
    this.sessionInfo.set(id, {
      lines,
      subscriptionMetadata: params.subscription_data?.metadata ?? {},
      subscriptionDescription: params.subscription_data?.description ?? null,
      paymentIntentMetadata: params.payment_intent_data?.metadata ?? {},
      paymentIntentDescription: params.payment_intent_data?.description ?? null,
    });
    this.sessionLineItems.set(
      id,
      lines.map((l) =>
        lineItemObject({
          id: this.id('li'),
          price: l.price,
          quantity: l.quantity,
          description: this.products.get(String(l.price.product))?.name ?? '',
        }),
      ),
    );
    this.schedule(expiresAt, () => this.expireSession(id, true));
    return session;
  }

  session(id: string, param = 'id'): Stripe.Checkout.Session {
    return this.sessions.get(id) ?? missing('checkout.session', id, param);
  }

  sessionLines(id: string): Stripe.LineItem[] {
    this.session(id);
    return this.sessionLineItems.get(id) ?? [];
  }

  /** The product names a hosted checkout page shows. */
  describeSession(id: string): { name: string; amount: number; recurring: string | null }[] {
    return (this.sessionInfo.get(id)?.lines ?? []).map((l) => ({
      name: this.products.get(String(l.price.product))?.name ?? l.price.id,
      amount: (l.price.unit_amount ?? 0) * l.quantity,
      recurring: l.price.recurring ? `${l.price.recurring.interval}` : null,
    }));
  }

  /** Expiry: at expires_at, or POST /v1/checkout/sessions/:id/expire. */
  expireSession(id: string, byClock = false): Stripe.Checkout.Session {
    const session = this.session(id);
    if (session.status !== 'open') {
      if (byClock) return session;
      throw new DoubleError(
        400,
        'invalid_request_error',
        `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`,
        'checkout_session_not_open' as string,
      );
    }
    session.status = 'expired';
    session.url = null;
    this.emit('checkout.session.expired', session);
    return session;
  }

  /**
   * What the hosted page's "Pay" does. Card numbers are Stripe's test cards
   * (https://docs.stripe.com/testing): 3-D Secure, declines and the rest behave as there.
   * A failed attempt leaves the session open, as Checkout does; the error is returned.
   */
  completeCheckout(
    id: string,
    opts: {
      card?: string;
      authentication?: 'pass' | 'fail';
      payment_method?: 'card' | 'bacs_debit';
      account_number?: string;
      sort_code?: string;
    } = {},
  ): { session: Stripe.Checkout.Session; error?: DoubleError } {
    const session = this.session(id);
    if (session.status !== 'open') return { session };
    const info = this.sessionInfo.get(id)!;
    const method = opts.payment_method ?? (session.payment_method_types.includes('card') ? 'card' : session.payment_method_types[0]);
    if (method === undefined)
      return {
        session,
        error: new DoubleError(
          400,
          'invalid_request_error',
          'This Checkout Session accepts no payment method.',
          'payment_method_unactivated',
        ),
      };
    if (!session.payment_method_types.includes(method)) {
      return {
        session,
        error: new DoubleError(
          400,
          'invalid_request_error',
          `This Checkout Session does not accept ${method}.`,
          'payment_method_unactivated',
        ),
      };
    }
    let source: PaymentSource;
    if (method === 'bacs_debit') {
      const account = opts.account_number ?? '00012345';
      if (!bacsAccountFor(account))
        return {
          session,
          error: new DoubleError(402, 'card_error', 'Your bank account details are incorrect.', 'invalid_bank_account_number' as string),
        };
      const pm = this.id('pm');
      const mandate = mandateObject({
        id: this.id('mandate'),
        created: this.now(),
        paymentMethod: pm,
        reference: `PSG-${pm.slice(-8).toUpperCase()}`,
        url: `${this.baseUrl()}/mandate/${pm}`,
      });
      this.mandates.set(mandate.id, mandate);
      source = { kind: 'bacs_debit', account, pm, mandate: mandate.id };
    } else {
      const card = cardFor(opts.card ?? '4242424242424242');
      if (!card)
        return { session, error: new DoubleError(402, 'card_error', 'Your card number is incorrect.', 'incorrect_number', 'number') };
      source = { kind: 'card', card, pm: this.id('pm') };
    }

    if (session.mode === 'payment') return this.completePaymentSession(session, info, source, opts.authentication);

    // Subscription mode: the first payment must succeed (or, for Bacs, start processing)
    // before Checkout creates anything.
    if (source.kind === 'card') {
      const failure = this.onSessionFailure(source.card, opts.authentication);
      if (failure) return { session, error: failure };
    }
    if (!session.customer) session.customer = this.createCustomer({ email: session.customer_email ?? undefined }).id;
    const customer = session.customer as string;
    this.customerSource.set(customer, source);
    const sub = this.createSubscription({
      customer,
      price: info.lines.find((l) => l.price.recurring)!.price,
      metadata: info.subscriptionMetadata,
      description: info.subscriptionDescription,
      paymentMethodTypes: session.payment_method_types,
      defaultPaymentMethod: source.pm,
      authenticated: source.kind === 'card' && source.card.behaviour === 'authenticate' && opts.authentication === 'pass',
    });
    session.subscription = sub.id;
    session.invoice = sub.latest_invoice as string;
    session.status = 'complete';
    session.payment_status = source.kind === 'bacs_debit' ? 'unpaid' : 'paid';
    session.url = null;
    if (session.customer_details) session.customer_details.email = this.customer(customer).email;
    this.emit('checkout.session.completed', session);
    return { session };
  }

  /** The error Checkout shows when this card cannot pay on-session, if any. */
  private onSessionFailure(card: TestCard, authentication?: 'pass' | 'fail'): DoubleError | undefined {
    if (card.behaviour === 'authenticate' && authentication !== 'pass') {
      return new DoubleError(
        402,
        'card_error',
        'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
        'payment_intent_authentication_failure',
      );
    }
    if (card.behaviour === 'decline' || card.behaviour === 'charge_fails') {
      return new DoubleError(402, 'card_error', card.declineMessage ?? 'Your card was declined.', 'card_declined', undefined, {
        decline_code: card.declineCode ?? 'generic_decline',
      });
    }
    return undefined;
  }

  private completePaymentSession(
    session: Stripe.Checkout.Session,
    info: SessionInfo,
    source: PaymentSource,
    authentication?: 'pass' | 'fail',
  ) {
    let intent = session.payment_intent ? this.paymentIntents.get(session.payment_intent as string) : undefined;
    if (!intent) {
      intent = paymentIntentObject({
        id: this.id('pi'),
        created: this.now(),
        amount: session.amount_total ?? 0,
        currency: session.currency ?? 'gbp',
        customer: (session.customer as string | null) ?? null,
        metadata: info.paymentIntentMetadata,
        paymentMethodTypes: session.payment_method_types,
        description: info.paymentIntentDescription,
        setupFutureUsage: null,
      });
      this.paymentIntents.set(intent.id, intent);
      session.payment_intent = intent.id;
      this.emit('payment_intent.created', intent);
    }
    intent.payment_method = source.pm;
    if (source.kind === 'card') {
      const failure = this.onSessionFailure(source.card, authentication);
      if (failure) {
        if (failure.code === 'card_declined') this.failedCharge(intent, source, failure);
        intent.status = 'requires_payment_method';
        intent.last_payment_error = lastPaymentError(failure);
        this.emit('payment_intent.payment_failed', intent);
        return { session, error: failure };
      }
      this.succeedIntent(intent, source);
      session.status = 'complete';
      session.payment_status = 'paid';
      session.url = null;
      this.emit('checkout.session.completed', session);
      this.afterCardCharge(intent.latest_charge as string);
      return { session };
    }
    this.processIntent(intent, source);
    session.status = 'complete';
    session.payment_status = 'unpaid';
    session.url = null;
    this.emit('checkout.session.completed', session);
    this.schedule(businessDaysLater(this.now(), 3), () =>
      this.settleIntent(intent.id, bacsAccountFor(source.account) === 'fails' ? 'failed' : 'succeeded'),
    );
    return { session };
  }

  /** A Bacs payment that has been processing succeeds or fails (the clock does this after 3 business days). */
  settleDelayedPayment(sessionId: string, outcome: 'succeeded' | 'failed'): void {
    const session = this.session(sessionId);
    const intentId =
      session.mode === 'payment' ? (session.payment_intent as string | null) : this.invoicePaymentIntent(session.invoice as string | null);
    const intent = intentId ? this.paymentIntents.get(intentId) : undefined;
    if (!intent || intent.status !== 'processing')
      throw new DoubleError(400, 'invalid_request_error', 'No processing payment on this Checkout Session.');
    this.settleIntent(intent.id, outcome);
  }

  private invoicePaymentIntent(invoiceId: string | null): string | null {
    if (!invoiceId) return null;
    const payments = this.paymentsOf(invoiceId);
    return (payments[payments.length - 1]?.payment.payment_intent as string | undefined) ?? null;
  }

  /** Settles a processing (Bacs) payment intent, wherever it came from. */
  settleIntent(intentId: string, outcome: 'succeeded' | 'failed'): void {
    const intent = this.paymentIntents.get(intentId);
    if (!intent || intent.status !== 'processing') return;
    const charge = this.charges.get(intent.latest_charge as string)!;
    const mandate = [...this.mandates.values()].find((m) => m.payment_method === intent.payment_method);
    if (outcome === 'succeeded') {
      if (mandate && mandate.status !== 'active') {
        mandate.status = 'active';
        if (mandate.payment_method_details.bacs_debit) mandate.payment_method_details.bacs_debit.network_status = 'accepted';
        this.emit('mandate.updated', mandate);
      }
      charge.status = 'succeeded';
      charge.paid = true;
      charge.captured = true;
      charge.amount_captured = charge.amount;
      intent.status = 'succeeded';
      intent.amount_received = intent.amount;
      intent.processing = null;
      this.emit('charge.succeeded', charge);
      this.emit('payment_intent.succeeded', intent);
    } else {
      charge.status = 'failed';
      charge.failure_code = 'debit_not_authorized';
      charge.failure_message = 'The customer’s bank account could not be debited.';
      intent.status = 'requires_payment_method';
      intent.processing = null;
      intent.last_payment_error = {
        type: 'card_error',
        code: 'debit_not_authorized',
        message: 'The customer’s bank account could not be debited.',
      } as Stripe.PaymentIntent.LastPaymentError;
      this.emit('charge.failed', charge);
      this.emit('payment_intent.payment_failed', intent);
    }
    const session = [...this.sessions.values()].find((s) => s.payment_intent === intent.id);
    if (session) {
      if (outcome === 'succeeded') session.payment_status = 'paid';
      this.emit(outcome === 'succeeded' ? 'checkout.session.async_payment_succeeded' : 'checkout.session.async_payment_failed', session);
      return;
    }
    const payment = [...this.invoicePayments.values()].find((p) => p.payment.payment_intent === intent.id);
    if (payment)
      this.afterInvoiceAttempt(this.invoices.get(payment.invoice as string)!, intent, outcome === 'succeeded' ? 'paid' : 'failed');
  }

  private succeedIntent(intent: Stripe.PaymentIntent, source: Extract<PaymentSource, { kind: 'card' }>) {
    const charge = this.newCharge(intent, source, 'succeeded', null);
    intent.status = 'succeeded';
    intent.amount_received = intent.amount;
    intent.last_payment_error = null;
    intent.next_action = null;
    intent.latest_charge = charge.id;
    this.emit('charge.succeeded', charge);
    this.emit('payment_intent.succeeded', intent);
  }

  private processIntent(intent: Stripe.PaymentIntent, source: Extract<PaymentSource, { kind: 'bacs_debit' }>) {
    const charge = this.newCharge(intent, source, 'pending', null);
    intent.status = 'processing';
    intent.processing = null;
    intent.latest_charge = charge.id;
    this.emit('charge.pending', charge);
    this.emit('payment_intent.processing', intent);
  }

  private failedCharge(intent: Stripe.PaymentIntent, source: PaymentSource, error: DoubleError) {
    const charge = this.newCharge(intent, source, 'failed', { code: error.code ?? 'card_declined', message: error.message });
    intent.latest_charge = charge.id;
    this.emit('charge.failed', charge);
  }

  private newCharge(
    intent: Stripe.PaymentIntent,
    source: PaymentSource,
    status: Stripe.Charge.Status,
    failure: { code: string; message: string } | null,
  ): Stripe.Charge {
    const details: PaymentMethodDetails =
      source.kind === 'card'
        ? {
            kind: 'card',
            last4: source.card.number.slice(-4),
            brand: source.card.brand,
            threeDSecure: source.card.behaviour === 'authenticate',
          }
        : { kind: 'bacs_debit', last4: source.account.slice(-4), sortCode: '108800', mandate: source.mandate };
    const id = this.id('ch');
    const charge = chargeObject({
      id,
      created: this.now(),
      amount: intent.amount,
      currency: intent.currency,
      customer: (intent.customer as string | null) ?? null,
      paymentIntent: intent.id,
      paymentMethod: source.pm,
      metadata: { ...intent.metadata },
      description: intent.description,
      status,
      details,
      failure,
      receiptUrl: `${this.baseUrl()}/receipts/${id}`,
    });
    this.charges.set(id, charge);
    this.chargeCard.set(id, source.kind === 'card' ? source.card : null);
    return charge;
  }

  /** Cards that misbehave after the charge: 4000000000000259 is disputed at once. */
  private afterCardCharge(chargeId: string) {
    if (this.chargeCard.get(chargeId)?.behaviour === 'dispute') this.dispute(chargeId, 'fraudulent');
  }

  // ------------------------------------------------------------ subscriptions and invoices

  private createSubscription(o: {
    customer: string;
    price: Stripe.Price;
    metadata: Record<string, string>;
    description: string | null;
    paymentMethodTypes: string[] | null;
    defaultPaymentMethod: string | null;
    firstPayment?: 'requires_action' | 'fails';
    /** The payer has just passed 3-D Secure on the checkout page: the first charge needs no more. */
    authenticated?: boolean;
  }): Stripe.Subscription {
    const start = this.now();
    const id = this.id('sub');
    const item = subscriptionItemObject({
      id: this.id('si'),
      created: start,
      subscription: id,
      price: o.price,
      periodStart: start,
      periodEnd: addInterval(start, o.price.recurring!.interval, o.price.recurring!.interval_count),
    });
    const sub = subscriptionObject({
      id,
      created: start,
      customer: o.customer,
      currency: o.price.currency,
      metadata: { ...o.metadata },
      item,
      status: 'incomplete',
      description: o.description,
      paymentMethodTypes: o.paymentMethodTypes,
    });
    sub.default_payment_method = o.defaultPaymentMethod;
    this.subscriptions.set(id, sub);
    const invoice = this.createInvoice(sub, 'subscription_create');
    this.emit('customer.subscription.created', sub);
    this.finalizeInvoice(invoice);
    const outcome = o.firstPayment
      ? o.firstPayment === 'fails'
        ? 'failed'
        : 'requires_action'
      : this.attemptInvoice(invoice, sub, o.authenticated);
    if (outcome === 'paid' || outcome === 'processing') {
      sub.status = 'active';
      this.emit('customer.subscription.updated', sub, { status: 'incomplete' });
      this.scheduleRenewal(sub);
    } else {
      if (o.firstPayment) this.recordFailedAttempt(invoice, sub, o.firstPayment === 'fails' ? 'failed' : 'requires_action');
      this.schedule(start + INCOMPLETE_WINDOW, () => this.expireIncomplete(sub.id));
    }
    return sub;
  }

  /** A subscription made in Stripe's Dashboard whose first payment needs action or fails: incomplete. */
  createDashboardSubscription(params: {
    customer: string;
    price: string;
    metadata?: Record<string, string>;
    first_payment: 'requires_action' | 'fails';
  }): Stripe.Subscription {
    const price = this.price(params.price, 'price');
    if (!price.recurring)
      throw new DoubleError(
        400,
        'invalid_request_error',
        'The price specified is set to `type=one_time` but this field only accepts prices with `type=recurring`.',
        'parameter_invalid',
        'price',
      );
    this.customer(params.customer);
    return this.createSubscription({
      customer: params.customer,
      price,
      metadata: params.metadata ?? {},
      description: null,
      paymentMethodTypes: null,
      defaultPaymentMethod: null,
      firstPayment: params.first_payment,
    });
  }

  private expireIncomplete(subId: string) {
    const sub = this.subscriptions.get(subId);
    if (!sub || sub.status !== 'incomplete') return;
    const invoice = this.invoices.get(sub.latest_invoice as string);
    if (invoice && invoice.status === 'open') {
      invoice.status = 'void';
      invoice.status_transitions.voided_at = this.now();
      invoice.next_payment_attempt = null;
      this.emit('invoice.voided', invoice);
    }
    sub.status = 'incomplete_expired';
    sub.ended_at = this.now();
    this.emit('customer.subscription.updated', sub, { status: 'incomplete' });
  }

  subscription(id: string, param = 'id'): Stripe.Subscription {
    return this.subscriptions.get(id) ?? missing('subscription', id, param);
  }

  invoice(id: string, param = 'id'): Stripe.Invoice {
    return this.invoices.get(id) ?? missing('invoice', id, param);
  }

  /** The invoice's payments, oldest first (the includable `payments` list, newest first on the wire). */
  paymentsOf(invoiceId: string): Stripe.InvoicePayment[] {
    return [...this.invoicePayments.values()].filter((p) => p.invoice === invoiceId);
  }

  private createInvoice(sub: Stripe.Subscription, reason: Stripe.Invoice.BillingReason): Stripe.Invoice {
    const item = subscriptionItem(sub);
    const id = this.id('in');
    const customer = this.customer(sub.customer as string);
    const product = this.products.get(String(item.price.product));
    const line = invoiceLineObject({
      id: this.id('il'),
      invoice: id,
      subscription: sub.id,
      item,
      description: `1 × ${product?.name ?? 'Subscription'}`,
    });
    const invoice = invoiceObject({
      id,
      created: this.now(),
      customer,
      subscription: sub,
      billingReason: reason,
      line,
      hostedUrl: `${this.baseUrl()}/invoice/${id}`,
      number: '',
    });
    // A subscription's first invoice covers the moment it started; a renewal's, the period just ended.
    invoice.period_start = reason === 'subscription_create' ? item.current_period_start : item.current_period_start;
    invoice.period_end = item.current_period_start;
    this.invoices.set(id, invoice);
    sub.latest_invoice = id;
    this.emit('invoice.created', invoice);
    return invoice;
  }

  private finalizeInvoice(invoice: Stripe.Invoice) {
    invoice.status = 'open';
    invoice.number = `PSG-${String(++this.invoiceNumbers).padStart(4, '0')}`;
    invoice.hosted_invoice_url = `${this.baseUrl()}/invoice/${invoice.id}`;
    invoice.invoice_pdf = `${this.baseUrl()}/invoice/${invoice.id}/pdf`;
    invoice.status_transitions.finalized_at = this.now();
    invoice.effective_at = this.now();
    invoice.automatically_finalizes_at = null;
    this.emit('invoice.finalized', invoice);
  }

  /** One attempt to collect an open invoice off-session with the customer's saved method. */
  private attemptInvoice(
    invoice: Stripe.Invoice,
    sub: Stripe.Subscription,
    authenticated = false,
  ): 'paid' | 'processing' | 'failed' | 'requires_action' {
    invoice.attempted = true;
    const source = this.customerSource.get(sub.customer as string);
    const intent = paymentIntentObject({
      id: this.id('pi'),
      created: this.now(),
      amount: invoice.amount_due,
      currency: invoice.currency,
      customer: sub.customer as string,
      metadata: {},
      paymentMethodTypes: source?.kind === 'bacs_debit' ? ['bacs_debit'] : ['card'],
      description: `Subscription ${invoice.billing_reason === 'subscription_create' ? 'creation' : 'update'}`,
      setupFutureUsage: 'off_session',
    });
    this.paymentIntents.set(intent.id, intent);
    intent.payment_method = source?.pm ?? null;
    const payment = invoicePaymentObject({
      id: this.id('inpay'),
      created: this.now(),
      invoice: invoice.id,
      amount: invoice.amount_due,
      currency: invoice.currency,
      paymentIntent: intent.id,
    });
    for (const p of this.paymentsOf(invoice.id)) p.is_default = false;
    this.invoicePayments.set(payment.id, payment);
    this.emit('payment_intent.created', intent);

    if (!source)
      return this.failInvoiceAttempt(
        invoice,
        sub,
        intent,
        null,
        new DoubleError(
          402,
          'invalid_request_error',
          'The customer has no attached payment source or default payment method.',
          'resource_missing',
        ),
      );
    if (source.kind === 'bacs_debit') {
      this.processIntent(intent, source);
      this.schedule(businessDaysLater(this.now(), 3), () =>
        this.settleIntent(intent.id, bacsAccountFor(source.account) === 'fails' ? 'failed' : 'succeeded'),
      );
      return 'processing';
    }
    if (this.takeFailure(sub.customer as string) || source.card.behaviour === 'charge_fails' || source.card.behaviour === 'decline') {
      const error = new DoubleError(
        402,
        'card_error',
        source.card.declineMessage ?? 'Your card was declined.',
        'card_declined',
        undefined,
        { decline_code: source.card.declineCode ?? 'generic_decline' },
      );
      this.failedCharge(intent, source, error);
      return this.failInvoiceAttempt(invoice, sub, intent, source, error);
    }
    if (source.card.behaviour === 'authenticate' && !authenticated) {
      intent.status = 'requires_action';
      intent.next_action = { type: 'use_stripe_sdk', use_stripe_sdk: {} } as Stripe.PaymentIntent.NextAction;
      intent.last_payment_error = null;
      this.emit('payment_intent.requires_action', intent);
      invoice.attempt_count += 1;
      return 'requires_action';
    }
    this.succeedIntent(intent, source);
    this.markInvoicePaid(invoice, intent);
    this.afterCardCharge(intent.latest_charge as string);
    return 'paid';
  }

  private failInvoiceAttempt(
    invoice: Stripe.Invoice,
    _sub: Stripe.Subscription,
    intent: Stripe.PaymentIntent,
    source: PaymentSource | null,
    error: DoubleError,
  ): 'failed' {
    intent.status = 'requires_payment_method';
    intent.last_payment_error = lastPaymentError(error);
    this.emit('payment_intent.payment_failed', intent);
    invoice.attempt_count += 1;
    return 'failed';
  }

  private markInvoicePaid(invoice: Stripe.Invoice, intent: Stripe.PaymentIntent) {
    invoice.status = 'paid';
    invoice.amount_paid = invoice.amount_due;
    invoice.amount_remaining = 0;
    invoice.attempt_count = Math.max(invoice.attempt_count, 1);
    invoice.next_payment_attempt = null;
    invoice.status_transitions.paid_at = this.now();
    const payment = this.paymentsOf(invoice.id).find((p) => p.payment.payment_intent === intent.id);
    if (payment) {
      payment.status = 'paid';
      payment.amount_paid = intent.amount;
      payment.status_transitions.paid_at = this.now();
    }
    this.emit('invoice.paid', invoice);
    this.emit('invoice.payment_succeeded', invoice);
  }

  /** After an attempt on a subscription's invoice: failures start or continue the retry schedule. */
  private recordFailedAttempt(invoice: Stripe.Invoice, sub: Stripe.Subscription, kind: 'failed' | 'requires_action') {
    const attempts = (this.failedAttempts.get(invoice.id) ?? 0) + 1;
    this.failedAttempts.set(invoice.id, attempts);
    const renewal = sub.status !== 'incomplete';
    const delay = renewal ? RETRY_DELAYS[attempts - 1] : undefined;
    invoice.next_payment_attempt = delay === undefined ? null : this.now() + delay;
    if (kind === 'requires_action') this.emit('invoice.payment_action_required', invoice);
    this.emit('invoice.payment_failed', invoice);
    if (!renewal) return;
    if (delay !== undefined) {
      if (sub.status !== 'past_due') {
        const previous = sub.status;
        sub.status = 'past_due';
        this.emit('customer.subscription.updated', sub, { status: previous });
      }
      this.schedule(invoice.next_payment_attempt!, () => this.retryInvoice(invoice.id));
      return;
    }
    // Retries exhausted: what Billing > Revenue recovery is set to do.
    if (this.afterRetries === 'cancel') this.cancelSubscription(sub.id, 'payment_failed');
    else if (this.afterRetries === 'unpaid' && sub.status !== 'unpaid') {
      const previous = sub.status;
      sub.status = 'unpaid';
      this.emit('customer.subscription.updated', sub, { status: previous });
    }
  }

  private afterInvoiceAttempt(invoice: Stripe.Invoice, intent: Stripe.PaymentIntent, outcome: 'paid' | 'failed') {
    const sub = this.subscriptions.get(invoice.parent?.subscription_details?.subscription as string);
    if (!sub) return;
    if (outcome === 'paid') {
      this.markInvoicePaid(invoice, intent);
      this.reactivate(sub);
    } else {
      this.recordFailedAttempt(invoice, sub, 'failed');
    }
  }

  private reactivate(sub: Stripe.Subscription) {
    if (sub.status === 'active') return;
    const previous = sub.status;
    sub.status = 'active';
    this.emit('customer.subscription.updated', sub, { status: previous });
    if (previous === 'incomplete') this.scheduleRenewal(sub);
  }

  private retryInvoice(invoiceId: string) {
    const invoice = this.invoices.get(invoiceId);
    const sub = invoice && this.subscriptions.get(invoice.parent?.subscription_details?.subscription as string);
    if (!invoice || !sub || invoice.status !== 'open' || sub.status === 'canceled') return;
    const outcome = this.attemptInvoice(invoice, sub);
    if (outcome === 'paid') this.reactivate(sub);
    else if (outcome === 'failed' || outcome === 'requires_action') this.recordFailedAttempt(invoice, sub, outcome);
  }

  private scheduleRenewal(sub: Stripe.Subscription) {
    const end = subscriptionItem(sub).current_period_end;
    if (end - UPCOMING_NOTICE > this.now()) this.schedule(end - UPCOMING_NOTICE, () => this.upcoming(sub.id, end));
    this.schedule(end, () => this.renew(sub.id, end));
  }

  private upcoming(subId: string, end: number) {
    const sub = this.subscriptions.get(subId);
    if (!sub || sub.status !== 'active' || sub.cancel_at_period_end || subscriptionItem(sub).current_period_end !== end) return;
    // The preview of the next invoice: not stored, and its id is not a real invoice's.
    const item = subscriptionItem(sub);
    const next = subscriptionItemObject({
      id: item.id,
      created: item.created,
      subscription: sub.id,
      price: item.price,
      periodStart: end,
      periodEnd: addInterval(end, item.price.recurring!.interval, item.price.recurring!.interval_count),
    });
    const id = `upcoming_${this.id('in')}`;
    const line = invoiceLineObject({
      id: this.id('il'),
      invoice: id,
      subscription: sub.id,
      item: next,
      description: `1 × ${this.products.get(String(item.price.product))?.name ?? 'Subscription'}`,
    });
    const preview = invoiceObject({
      id,
      created: this.now(),
      customer: this.customer(sub.customer as string),
      subscription: sub,
      billingReason: 'upcoming',
      line,
      hostedUrl: '',
      number: '',
    });
    preview.period_start = item.current_period_start;
    preview.period_end = end;
    preview.automatically_finalizes_at = null;
    preview.next_payment_attempt = end + DRAFT_WINDOW;
    this.emit('invoice.upcoming', preview);
  }

  /** The period ends: cancel if asked, otherwise a new period, its draft invoice, and the charge an hour later. */
  private renew(subId: string, end: number) {
    const sub = this.subscriptions.get(subId);
    if (!sub || subscriptionItem(sub).current_period_end !== end) return;
    if (sub.status === 'canceled' || sub.status === 'incomplete_expired') return;
    if (sub.cancel_at_period_end || (sub.cancel_at !== null && sub.cancel_at <= end)) {
      this.cancelSubscription(sub.id);
      return;
    }
    if (sub.status !== 'active' && sub.status !== 'past_due') return;
    const item = subscriptionItem(sub);
    const previous = { current_period_start: item.current_period_start, current_period_end: item.current_period_end };
    item.current_period_start = end;
    item.current_period_end = addInterval(end, item.price.recurring!.interval, item.price.recurring!.interval_count);
    const invoice = this.createInvoice(sub, 'subscription_cycle');
    invoice.period_start = previous.current_period_start;
    invoice.period_end = previous.current_period_end;
    this.emit('customer.subscription.updated', sub, { items: { data: [previous] } });
    this.schedule(end + DRAFT_WINDOW, () => {
      if (invoice.status !== 'draft') return;
      this.finalizeInvoice(invoice);
      const outcome = sub.status === 'canceled' ? 'failed' : this.attemptInvoice(invoice, sub);
      if (outcome === 'paid') this.reactivate(sub);
      else if (outcome === 'failed' || outcome === 'requires_action') this.recordFailedAttempt(invoice, sub, outcome);
    });
    this.scheduleRenewal(sub);
  }

  private takeFailure(customer: string): boolean {
    for (const key of [customer, '*']) {
      const left = this.failingPayments.get(key) ?? 0;
      if (left > 0) {
        this.failingPayments.set(key, left - 1);
        return true;
      }
    }
    return false;
  }

  /** The member confirms a payment that needs 3-D Secure, on the hosted invoice page. */
  authenticateInvoice(invoiceId: string, outcome: 'pass' | 'fail'): Stripe.Invoice {
    const invoice = this.invoice(invoiceId);
    const intentId = this.invoicePaymentIntent(invoice.id);
    const intent = intentId ? this.paymentIntents.get(intentId) : undefined;
    if (!intent || intent.status !== 'requires_action')
      throw new DoubleError(
        400,
        'invalid_request_error',
        'This invoice has no payment waiting for authentication.',
        'payment_intent_unexpected_state',
      );
    const sub = this.subscriptions.get(invoice.parent?.subscription_details?.subscription as string)!;
    const source = this.customerSource.get(sub.customer as string);
    if (outcome === 'pass' && source?.kind === 'card') {
      this.succeedIntent(intent, source);
      this.markInvoicePaid(invoice, intent);
      this.reactivate(sub);
    } else {
      intent.status = 'requires_payment_method';
      intent.next_action = null;
      intent.last_payment_error = lastPaymentError(
        new DoubleError(402, 'card_error', 'We are unable to authenticate your payment method.', 'payment_intent_authentication_failure'),
      );
      this.emit('payment_intent.payment_failed', intent);
    }
    return invoice;
  }

  /** A Bacs renewal that has been processing settles (the clock does it after 3 business days). */
  settleInvoice(invoiceId: string, outcome: 'succeeded' | 'failed'): void {
    const intentId = this.invoicePaymentIntent(this.invoice(invoiceId).id);
    if (!intentId || this.paymentIntents.get(intentId)?.status !== 'processing')
      throw new DoubleError(400, 'invalid_request_error', 'No processing payment on this invoice.');
    this.settleIntent(intentId, outcome);
  }

  /** A new card saved for the customer (the portal's "Update card", or the control API). */
  setCustomerCard(customer: string, number: string, payOpenInvoices = true): void {
    this.customer(customer);
    const card = cardFor(number);
    if (!card) throw new DoubleError(402, 'card_error', 'Your card number is incorrect.', 'incorrect_number', 'number');
    this.customerSource.set(customer, { kind: 'card', card, pm: this.id('pm') });
    if (!payOpenInvoices) return;
    // Stripe's portal pays the open invoice of a past-due subscription with the new card.
    for (const sub of this.subscriptions.values()) {
      if (sub.customer !== customer || (sub.status !== 'past_due' && sub.status !== 'unpaid') || !sub.latest_invoice) continue;
      this.retryInvoice(sub.latest_invoice as string);
    }
  }

  /** The old control API's payments/fix: failures cleared, a working card, open invoices paid. */
  fixPaymentMethod(customer: string): void {
    this.failingPayments.delete(customer);
    this.setCustomerCard(customer, '4242424242424242');
  }

  updateSubscription(
    id: string,
    params: { cancel_at_period_end?: boolean; price?: string; metadata?: Record<string, string>; cancel_at?: number | null },
  ): Stripe.Subscription {
    const sub = this.subscription(id);
    if (sub.status === 'canceled' || sub.status === 'incomplete_expired') {
      if (params.cancel_at_period_end !== undefined || params.price) {
        throw new DoubleError(
          400,
          'invalid_request_error',
          'A canceled subscription can only update its cancellation_details and metadata.',
          'resource_invalid_state' as string,
        );
      }
    }
    const previous: Record<string, unknown> = {};
    if (params.cancel_at_period_end !== undefined && params.cancel_at_period_end !== sub.cancel_at_period_end) {
      previous.cancel_at_period_end = sub.cancel_at_period_end;
      previous.cancel_at = sub.cancel_at;
      previous.canceled_at = sub.canceled_at;
      sub.cancel_at_period_end = params.cancel_at_period_end;
      sub.cancel_at = params.cancel_at_period_end ? subscriptionItem(sub).current_period_end : null;
      sub.canceled_at = params.cancel_at_period_end ? this.now() : null;
      sub.cancellation_details = {
        comment: null,
        feedback: null,
        feedback_option: null,
        reason: params.cancel_at_period_end ? 'cancellation_requested' : null,
      };
    }
    if (params.price) {
      const price = this.price(params.price, 'items[0][price]');
      previous.items = structuredClone(sub.items);
      const item = subscriptionItem(sub);
      item.price = price;
      item.plan = subscriptionItemObject({ id: '', created: 0, subscription: '', price, periodStart: 0, periodEnd: 0 }).plan;
    }
    if (params.metadata) {
      previous.metadata = { ...sub.metadata };
      sub.metadata = { ...sub.metadata, ...params.metadata };
      for (const [k, v] of Object.entries(params.metadata)) if (v === '') delete sub.metadata[k];
    }
    this.emit('customer.subscription.updated', sub, previous);
    return sub;
  }

  cancelSubscription(
    id: string,
    reason: 'cancellation_requested' | 'payment_failed' | 'payment_disputed' = 'cancellation_requested',
  ): Stripe.Subscription {
    const sub = this.subscription(id);
    if (sub.status === 'canceled') {
      throw new DoubleError(404, 'invalid_request_error', `No such subscription: '${id}'`, 'resource_missing', 'id');
    }
    sub.status = 'canceled';
    sub.cancellation_details = { comment: null, feedback: null, feedback_option: null, reason };
    sub.canceled_at ??= this.now();
    sub.ended_at = this.now();
    const open = sub.latest_invoice ? this.invoices.get(sub.latest_invoice as string) : undefined;
    if (open && open.status === 'open') open.next_payment_attempt = null;
    this.emit('customer.subscription.deleted', sub);
    return sub;
  }

  // ------------------------------------------------------------ refunds and disputes

  refund(params: {
    payment_intent?: string;
    charge?: string;
    amount?: number;
    metadata?: Record<string, string>;
    reason?: Stripe.Refund.Reason;
  }): Stripe.Refund {
    if (!params.payment_intent && !params.charge)
      throw new DoubleError(
        400,
        'invalid_request_error',
        'One of the following params should be provided for this request: payment_intent or charge.',
        'parameter_missing',
      );
    const intent = params.payment_intent
      ? (this.paymentIntents.get(params.payment_intent) ?? missing('payment_intent', params.payment_intent, 'payment_intent'))
      : undefined;
    const chargeId = params.charge ?? (intent?.latest_charge as string | null);
    const charge = chargeId ? (this.charges.get(chargeId) ?? missing('charge', chargeId, 'charge')) : undefined;
    if (!charge || charge.status !== 'succeeded') {
      throw new DoubleError(
        400,
        'invalid_request_error',
        `This PaymentIntent (${params.payment_intent ?? ''}) does not have a successful charge to refund.`,
        'charge_not_refundable' as string,
        'payment_intent',
      );
    }
    if (charge.disputed) {
      throw new DoubleError(
        400,
        'invalid_request_error',
        `Charge ${charge.id} has been charged back; cannot issue a refund.`,
        'charge_disputed',
        'charge',
      );
    }
    const left = charge.amount - charge.amount_refunded;
    const amount = params.amount ?? left;
    if (amount < 1 || amount > left) {
      throw new DoubleError(
        400,
        'invalid_request_error',
        `Refund amount (£${(amount / 100).toFixed(2)}) is greater than unrefunded amount on charge (£${(left / 100).toFixed(2)})`,
        'amount_too_large',
        'amount',
      );
    }
    // Bacs refunds take days to reach the payer's bank; card refunds succeed at once.
    const bacs = charge.payment_method_details?.type === 'bacs_debit';
    const refund = this.storeRefund(charge, amount, params, bacs ? 'pending' : 'succeeded');
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    this.emit('refund.created', refund);
    this.emit('charge.refunded', charge);
    if (bacs) this.schedule(businessDaysLater(this.now(), 3), () => this.settleRefund(refund.id, 'succeeded'));
    // 4000000000005126: "its status begins as succeeded; some time later it transitions to failed".
    if (this.chargeCard.get(charge.id)?.behaviour === 'refund_fails')
      this.schedule(this.now() + HOUR, () => this.settleRefund(refund.id, 'failed'));
    return refund;
  }

  private storeRefund(
    charge: Stripe.Charge,
    amount: number,
    params: { metadata?: Record<string, string>; reason?: Stripe.Refund.Reason },
    status: string,
  ): Stripe.Refund {
    const refund = refundObject({
      id: this.id('re'),
      created: this.now(),
      amount,
      currency: charge.currency,
      charge: charge.id,
      paymentIntent: charge.payment_intent as string,
      paymentMethod: charge.payment_method,
      metadata: params.metadata ?? {},
      reason: params.reason ?? null,
      status,
    });
    this.refunds.set(refund.id, refund);
    return refund;
  }

  /** A pending (Bacs) refund settles, or a card refund that Stripe could not deliver (4000000000005126) fails. */
  settleRefund(id: string, outcome: 'succeeded' | 'failed'): Stripe.Refund {
    const refund = this.refunds.get(id) ?? missing('refund', id);
    const charge = this.charges.get(refund.charge as string)!;
    if (refund.status === 'failed') return refund;
    if (outcome === 'succeeded') {
      if (refund.status !== 'pending') return refund;
      refund.status = 'succeeded';
      this.emit('refund.updated', refund, { status: 'pending' });
      this.emit('charge.refund.updated', refund, { status: 'pending' });
      return refund;
    }
    const previous = refund.status;
    refund.status = 'failed';
    (refund as Stripe.Refund & { failure_reason?: string }).failure_reason = 'lost_or_stolen_card';
    charge.amount_refunded -= refund.amount;
    charge.refunded = false;
    this.emit('refund.failed', refund);
    this.emit('refund.updated', refund, { status: previous });
    this.emit('charge.refund.updated', refund, { status: previous });
    return refund;
  }

  dispute(chargeId: string, reason = 'fraudulent'): Stripe.Dispute {
    const charge = this.charges.get(chargeId) ?? missing('charge', chargeId);
    if (charge.disputed) throw new DoubleError(400, 'invalid_request_error', `Charge ${chargeId} is already disputed.`);
    const dispute = disputeObject({
      id: this.id('dp'),
      created: this.now(),
      amount: charge.amount - charge.amount_refunded,
      currency: charge.currency,
      charge: charge.id,
      paymentIntent: charge.payment_intent as string | null,
      reason,
      dueBy: this.now() + 7 * DAY,
    });
    this.disputes.set(dispute.id, dispute);
    charge.disputed = true;
    this.emit('charge.dispute.created', dispute);
    this.emit('charge.dispute.funds_withdrawn', dispute);
    return dispute;
  }

  closeDispute(id: string, outcome: 'won' | 'lost'): Stripe.Dispute {
    const dispute = this.disputes.get(id) ?? missing('dispute', id);
    if (dispute.status === 'won' || dispute.status === 'lost')
      throw new DoubleError(400, 'invalid_request_error', `Dispute ${id} is already closed.`);
    const previous = dispute.status;
    dispute.status = outcome;
    dispute.is_charge_refundable = false;
    this.emit('charge.dispute.closed', dispute, { status: previous });
    if (outcome === 'won') this.emit('charge.dispute.funds_reinstated', dispute);
    return dispute;
  }

  // ------------------------------------------------------------ portal

  createPortalSession(params: { customer: string; return_url?: string; locale?: string }): Stripe.BillingPortal.Session {
    this.customer(params.customer);
    const id = this.id('bps');
    const session = portalSessionObject({
      id,
      created: this.now(),
      customer: params.customer,
      returnUrl: params.return_url ?? null,
      url: `${this.baseUrl()}/portal/${id}`,
      locale: (params.locale as Stripe.BillingPortal.Session.Locale | undefined) ?? null,
    });
    this.portalSessions.set(id, session);
    return session;
  }
}

function lastPaymentError(error: DoubleError): Stripe.PaymentIntent.LastPaymentError {
  return {
    type: error.type === 'card_error' ? 'card_error' : 'invalid_request_error',
    code: error.code,
    decline_code: error.extra.decline_code as string | undefined,
    doc_url: error.code ? `https://docs.stripe.com/error-codes/${error.code.replace(/_/g, '-')}` : undefined,
    message: error.message,
    // Stripe embeds the whole PaymentMethod here; the double keeps none, so it leaves the optional field out.
  } as Stripe.PaymentIntent.LastPaymentError;
}

/** Stripe's 404 for an object that does not exist. */
export function missing(kind: string, id: string, param = 'id'): never {
  throw new DoubleError(404, 'invalid_request_error', `No such ${kind}: '${id}'`, 'resource_missing', param);
}

/** A subscription's one item: the double makes every subscription with exactly one price. */
export function subscriptionItem(sub: Stripe.Subscription): Stripe.SubscriptionItem {
  const item = sub.items.data[0];
  if (!item) throw new Error(`Stripe double: subscription ${sub.id} has no item`);
  return item;
}
