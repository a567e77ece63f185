import { randomBytes } from 'node:crypto';
import { STRIPE_API_VERSION } from '../lib/payments/api-version';
import type Stripe from 'stripe';
import type {
  DoubleCharge,
  DoubleCheckoutSession,
  DoubleCustomer,
  DoubleEvent,
  DoubleInvoice,
  DoublePaymentIntent,
  DoublePortalSession,
  DoublePrice,
  DoubleRefund,
  DoubleSubscription,
} from './types';

export class DoubleError extends Error {
  constructor(
    readonly status: number,
    readonly type: 'invalid_request_error' | 'card_error' | 'api_error',
    message: string,
    readonly code?: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

const YEAR = 365 * 24 * 60 * 60;
const MONTH = 30 * 24 * 60 * 60;

/**
 * The in-memory state of the Stripe double and the changes Stripe would make: checkout,
 * renewals on a movable clock, failed payments, cancellations, refunds. Every change
 * records the events Stripe would send; `onEvent` hands them to the webhook sender.
 */
export class StripeState {
  clockOffset = 0;
  customers = new Map<string, DoubleCustomer>();
  prices = new Map<string, DoublePrice>();
  sessions = new Map<string, DoubleCheckoutSession>();
  portalSessions = new Map<string, DoublePortalSession>();
  subscriptions = new Map<string, DoubleSubscription>();
  invoices = new Map<string, DoubleInvoice>();
  paymentIntents = new Map<string, DoublePaymentIntent>();
  charges = new Map<string, DoubleCharge>();
  refunds = new Map<string, DoubleRefund>();
  events: DoubleEvent[] = [];
  /** Renewal payments that will fail (per customer, or '*' for any). */
  failingPayments = new Map<string, number>();
  /** Subscriptions' failed renewal attempts, for the retry schedule. */
  private failedAttempts = new Map<string, number>();

  constructor(
    readonly baseUrl: () => string,
    private readonly onEvent: (event: DoubleEvent) => void = () => {},
  ) {}

  now(): number {
    return Math.floor(Date.now() / 1000) + this.clockOffset;
  }

  id(prefix: string): string {
    return `${prefix}_${randomBytes(12).toString('hex')}`;
  }

  private emit(type: string, object: unknown, previous?: Record<string, unknown>): DoubleEvent {
    const event: DoubleEvent = {
      id: this.id('evt'),
      object: 'event',
      type: type as DoubleEvent['type'],
      created: this.now(),
      livemode: false,
      api_version: STRIPE_API_VERSION,
      pending_webhooks: 1,
      data: { object: structuredClone(object), ...(previous ? { previous_attributes: previous } : {}) },
      request: { id: null, idempotency_key: null },
    };
    this.events.push(event);
    this.onEvent(event);
    return event;
  }

  /** Lets tests send any event, including types the app does not know. */
  emitCustom(type: string, object: unknown): DoubleEvent {
    return this.emit(type, object);
  }

  // ------------------------------------------------------------ customers and prices

  createCustomer(params: { email?: string; name?: string; metadata?: Record<string, string> }): DoubleCustomer {
    const customer: DoubleCustomer = {
      id: this.id('cus'),
      object: 'customer',
      email: params.email ?? null,
      name: params.name ?? null,
      metadata: params.metadata ?? {},
      created: this.now(),
      livemode: false,
    };
    this.customers.set(customer.id, customer);
    this.emit('customer.created', customer);
    return customer;
  }

  createPrice(params: { unit_amount: number; currency: string; lookup_key?: string; recurring?: { interval: 'year' | 'month' }; product?: string; metadata?: Record<string, string> }): DoublePrice {
    if (!Number.isInteger(params.unit_amount) || params.unit_amount < 0) {
      throw new DoubleError(400, 'invalid_request_error', 'Invalid integer: unit_amount', 'parameter_invalid_integer', 'unit_amount');
    }
    if (params.lookup_key) {
      for (const price of this.prices.values()) if (price.lookup_key === params.lookup_key) price.lookup_key = null;
    }
    const price: DoublePrice = {
      id: this.id('price'),
      object: 'price',
      active: true,
      currency: params.currency.toLowerCase(),
      unit_amount: params.unit_amount,
      lookup_key: params.lookup_key ?? null,
      metadata: params.metadata ?? {},
      type: params.recurring ? 'recurring' : 'one_time',
      created: this.now(),
      livemode: false,
      product: params.product ?? this.id('prod'),
      recurring: params.recurring ? { interval: params.recurring.interval, interval_count: 1 } : null,
    };
    this.prices.set(price.id, price);
    return price;
  }

  price(id: string): DoublePrice {
    const price = this.prices.get(id);
    if (!price) throw new DoubleError(404, 'invalid_request_error', `No such price: '${id}'`, 'resource_missing', 'price');
    return price;
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
    subscription_metadata?: Record<string, string>;
    line_items: { price?: string; amount?: number; name?: string; recurring?: boolean }[];
    payment_method?: 'card' | 'bacs_debit';
  }): DoubleCheckoutSession {
    if (params.customer && !this.customers.has(params.customer)) {
      throw new DoubleError(400, 'invalid_request_error', `No such customer: '${params.customer}'`, 'resource_missing', 'customer');
    }
    if (!params.line_items.length) throw new DoubleError(400, 'invalid_request_error', 'line_items is required', 'parameter_missing', 'line_items');
    const lines = params.line_items.map((line) => {
      if (line.price) {
        const price = this.price(line.price);
        return { price: price.id, amount: price.unit_amount ?? 0, name: price.lookup_key ?? price.id, recurring: price.recurring !== null };
      }
      if (!line.amount || line.amount < 1) throw new DoubleError(400, 'invalid_request_error', 'Invalid unit_amount', 'parameter_invalid_integer', 'line_items');
      return { price: null, amount: line.amount, name: line.name ?? 'Payment', recurring: Boolean(line.recurring) };
    });
    if (params.mode === 'subscription' && !lines.every((l) => l.recurring)) {
      throw new DoubleError(400, 'invalid_request_error', 'subscription mode needs recurring prices', 'parameter_invalid', 'line_items');
    }
    const id = this.id('cs_test');
    const session: DoubleCheckoutSession = {
      id,
      object: 'checkout.session',
      mode: params.mode,
      status: 'open',
      payment_status: 'unpaid',
      client_reference_id: params.client_reference_id ?? null,
      success_url: params.success_url,
      cancel_url: params.cancel_url ?? null,
      metadata: params.metadata ?? {},
      amount_total: lines.reduce((sum, l) => sum + l.amount, 0),
      currency: 'gbp',
      created: this.now(),
      livemode: false,
      url: `${this.baseUrl()}/checkout/${id}`,
      customer_email: params.customer_email ?? null,
      customer: params.customer ?? null,
      subscription: null,
      payment_intent: null,
      invoice: null,
      line_items_input: lines,
      subscription_metadata: params.subscription_metadata ?? {},
      payment_method: params.payment_method ?? 'card',
    };
    this.sessions.set(id, session);
    return session;
  }

  session(id: string): DoubleCheckoutSession {
    const session = this.sessions.get(id);
    if (!session) throw new DoubleError(404, 'invalid_request_error', `No such checkout.session: '${id}'`, 'resource_missing', 'session');
    return session;
  }

  /** What the hosted page's "Pay" button does. A delayed method (Bacs) completes unpaid. */
  completeCheckout(id: string): DoubleCheckoutSession {
    const session = this.session(id);
    if (session.status !== 'open') return session;
    if (!session.customer) {
      session.customer = this.createCustomer({ email: session.customer_email ?? undefined }).id;
    }
    const delayed = session.payment_method === 'bacs_debit';
    if (session.mode === 'subscription') {
      const sub = this.createSubscription(session);
      session.subscription = sub.id;
      session.invoice = sub.latest_invoice;
      session.status = 'complete';
      session.payment_status = 'paid';
      this.emit('checkout.session.completed', session);
    } else {
      const intent = this.createPaymentIntent(session.customer, session.amount_total ?? 0, session.metadata ?? {}, delayed ? 'processing' : 'succeeded');
      session.payment_intent = intent.id;
      session.status = 'complete';
      session.payment_status = delayed ? 'unpaid' : 'paid';
      this.emit('checkout.session.completed', session);
      if (!delayed) this.emit('payment_intent.succeeded', intent);
    }
    return session;
  }

  /** A delayed payment (Bacs) that has been processing finally succeeds or fails. */
  settleDelayedPayment(sessionId: string, outcome: 'succeeded' | 'failed'): void {
    const session = this.session(sessionId);
    const intent = session.payment_intent ? this.paymentIntents.get(session.payment_intent) : undefined;
    if (!intent || intent.status !== 'processing') throw new DoubleError(400, 'invalid_request_error', 'No processing payment on this session');
    if (outcome === 'succeeded') {
      intent.status = 'succeeded';
      intent.amount_received = intent.amount;
      this.chargeFor(intent);
      session.payment_status = 'paid';
      this.emit('checkout.session.async_payment_succeeded', session);
      this.emit('payment_intent.succeeded', intent);
    } else {
      intent.status = 'requires_payment_method';
      this.emit('checkout.session.async_payment_failed', session);
      this.emit('payment_intent.payment_failed', intent);
    }
  }

  private createPaymentIntent(customer: string | null, amount: number, metadata: Record<string, string>, status: 'succeeded' | 'processing' | 'requires_payment_method'): DoublePaymentIntent {
    const intent: DoublePaymentIntent = {
      id: this.id('pi'),
      object: 'payment_intent',
      amount,
      amount_received: status === 'succeeded' ? amount : 0,
      currency: 'gbp',
      status,
      created: this.now(),
      livemode: false,
      metadata,
      customer,
      latest_charge: null,
    };
    this.paymentIntents.set(intent.id, intent);
    if (status === 'succeeded') this.chargeFor(intent);
    return intent;
  }

  private chargeFor(intent: DoublePaymentIntent): DoubleCharge {
    const charge: DoubleCharge = {
      id: this.id('ch'),
      object: 'charge',
      amount: intent.amount,
      amount_refunded: 0,
      currency: 'gbp',
      paid: true,
      refunded: false,
      status: 'succeeded',
      created: this.now(),
      livemode: false,
      payment_intent: intent.id,
      customer: intent.customer,
    };
    this.charges.set(charge.id, charge);
    intent.latest_charge = charge.id;
    return charge;
  }

  // ------------------------------------------------------------ subscriptions

  private createSubscription(session: DoubleCheckoutSession): DoubleSubscription {
    const line = session.line_items_input[0];
    const price = line.price ? this.price(line.price) : this.createPrice({ unit_amount: line.amount, currency: 'gbp', recurring: { interval: 'month' } });
    const start = this.now();
    const id = this.id('sub');
    const sub: DoubleSubscription = {
      id,
      object: 'subscription',
      status: 'active',
      cancel_at_period_end: false,
      cancel_at: null,
      canceled_at: null,
      ended_at: null,
      cancellation_details: { reason: null, comment: null, feedback: null },
      created: start,
      start_date: start,
      currency: 'gbp',
      metadata: { ...session.subscription_metadata },
      livemode: false,
      customer: session.customer!,
      latest_invoice: null,
      items: {
        object: 'list',
        has_more: false,
        url: `/v1/subscription_items?subscription=${id}`,
        data: [{ id: this.id('si'), object: 'subscription_item', created: start, quantity: 1, subscription: id, price, current_period_start: start, current_period_end: start + this.periodOf(price) }],
      },
    };
    this.subscriptions.set(id, sub);
    this.emit('customer.subscription.created', sub);
    const invoice = this.createInvoice(sub, 'subscription_create');
    this.payInvoice(invoice, sub, true);
    return sub;
  }

  private periodOf(price: DoublePrice): number {
    return price.recurring?.interval === 'month' ? MONTH : YEAR;
  }

  subscription(id: string): DoubleSubscription {
    const sub = this.subscriptions.get(id);
    if (!sub) throw new DoubleError(404, 'invalid_request_error', `No such subscription: '${id}'`, 'resource_missing', 'subscription');
    return sub;
  }

  private createInvoice(sub: DoubleSubscription, reason: 'subscription_create' | 'subscription_cycle' | 'subscription_update'): DoubleInvoice {
    const item = sub.items.data[0];
    const invoice: DoubleInvoice = {
      id: this.id('in'),
      object: 'invoice',
      status: 'open',
      amount_due: item.price.unit_amount ?? 0,
      amount_paid: 0,
      currency: 'gbp',
      created: this.now(),
      livemode: false,
      billing_reason: reason,
      attempt_count: 0,
      metadata: {},
      hosted_invoice_url: `${this.baseUrl()}/invoice/${sub.id}`,
      customer: sub.customer,
      parent: { type: 'subscription_details', subscription_details: { subscription: sub.id, metadata: { ...sub.metadata } } },
      payments: { object: 'list', data: [], has_more: false, url: '' },
      period_start: item.current_period_start,
      period_end: item.current_period_end,
    };
    this.invoices.set(invoice.id, invoice);
    sub.latest_invoice = invoice.id;
    this.emit('invoice.created', invoice);
    return invoice;
  }

  /** Tries to collect an invoice; honours failures queued by the control API. */
  private payInvoice(invoice: DoubleInvoice, sub: DoubleSubscription, firstPayment = false): boolean {
    invoice.attempt_count += 1;
    const failing = !firstPayment && this.takeFailure(sub.customer);
    if (failing) {
      this.createPaymentIntent(sub.customer, invoice.amount_due, {}, 'requires_payment_method');
      this.emit('invoice.payment_failed', invoice);
      return false;
    }
    const intent = this.createPaymentIntent(sub.customer, invoice.amount_due, {}, 'succeeded');
    invoice.status = 'paid';
    invoice.amount_paid = invoice.amount_due;
    invoice.payments.data = [{ payment: { type: 'payment_intent', payment_intent: intent.id } }];
    this.emit('invoice.paid', invoice);
    this.emit('invoice.payment_succeeded', invoice);
    return true;
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

  updateSubscription(id: string, params: { cancel_at_period_end?: boolean; price?: string; metadata?: Record<string, string> }): DoubleSubscription {
    const sub = this.subscription(id);
    if (sub.status === 'canceled') throw new DoubleError(400, 'invalid_request_error', 'A canceled subscription can only update its metadata', 'resource_invalid_state');
    const previous: Record<string, unknown> = {};
    if (params.cancel_at_period_end !== undefined) {
      previous.cancel_at_period_end = sub.cancel_at_period_end;
      sub.cancel_at_period_end = params.cancel_at_period_end;
      sub.cancel_at = params.cancel_at_period_end ? sub.items.data[0].current_period_end : null;
    }
    if (params.price) {
      previous.items = structuredClone(sub.items);
      sub.items.data[0].price = this.price(params.price);
    }
    if (params.metadata) sub.metadata = { ...sub.metadata, ...params.metadata };
    this.emit('customer.subscription.updated', sub, previous);
    return sub;
  }

  cancelSubscription(id: string, reason: 'cancellation_requested' | 'payment_failed' = 'cancellation_requested'): DoubleSubscription {
    const sub = this.subscription(id);
    if (sub.status === 'canceled') return sub;
    sub.status = 'canceled';
    sub.cancellation_details = { reason, comment: null, feedback: null };
    sub.canceled_at = this.now();
    sub.ended_at = this.now();
    this.emit('customer.subscription.deleted', sub);
    return sub;
  }

  /** The card is fixed in the portal: the open invoice is paid again at once. */
  fixPaymentMethod(customer: string): void {
    this.failingPayments.delete(customer);
    for (const sub of this.subscriptions.values()) {
      if (sub.customer !== customer || sub.status !== 'past_due' || !sub.latest_invoice) continue;
      const invoice = this.invoices.get(sub.latest_invoice)!;
      if (this.payInvoice(invoice, sub)) {
        this.failedAttempts.delete(sub.id);
        sub.status = 'active';
        this.emit('customer.subscription.updated', sub, { status: 'past_due' });
      }
    }
  }

  // ------------------------------------------------------------ the clock

  /** Moves time forward: renewals fall due, failed ones are retried, then given up on. */
  advanceClock(seconds: number): void {
    this.clockOffset += seconds;
    const now = this.now();
    for (const sub of this.subscriptions.values()) {
      if (sub.status === 'canceled') continue;
      const item = sub.items.data[0];
      if (sub.status === 'past_due') {
        const attempts = (this.failedAttempts.get(sub.id) ?? 1) + 1;
        const invoice = this.invoices.get(sub.latest_invoice!)!;
        if (this.payInvoice(invoice, sub)) {
          this.failedAttempts.delete(sub.id);
          sub.status = 'active';
          this.emit('customer.subscription.updated', sub, { status: 'past_due' });
        } else if (attempts >= 4) {
          this.cancelSubscription(sub.id, 'payment_failed');
        } else {
          this.failedAttempts.set(sub.id, attempts);
        }
        continue;
      }
      while (sub.status === 'active' && item.current_period_end <= now) {
        if (sub.cancel_at_period_end) {
          this.cancelSubscription(sub.id);
          break;
        }
        const previousPeriod = { current_period_start: item.current_period_start, current_period_end: item.current_period_end };
        item.current_period_start = item.current_period_end;
        item.current_period_end = item.current_period_start + this.periodOf(item.price);
        const invoice = this.createInvoice(sub, 'subscription_cycle');
        if (this.payInvoice(invoice, sub)) {
          this.emit('customer.subscription.updated', sub, { items: { data: [previousPeriod] } });
        } else {
          sub.status = 'past_due';
          this.failedAttempts.set(sub.id, 1);
          this.emit('customer.subscription.updated', sub, { status: 'active' });
        }
      }
    }
  }

  // ------------------------------------------------------------ refunds and portal

  refund(params: { payment_intent?: string; charge?: string; amount?: number; metadata?: Record<string, string>; reason?: Stripe.Refund.Reason }): DoubleRefund {
    const intent = params.payment_intent ? this.paymentIntents.get(params.payment_intent) : undefined;
    const chargeId = params.charge ?? intent?.latest_charge;
    const charge = chargeId ? this.charges.get(chargeId) : undefined;
    if (!charge) throw new DoubleError(404, 'invalid_request_error', 'No such charge or payment_intent', 'resource_missing', 'charge');
    const left = charge.amount - charge.amount_refunded;
    const amount = params.amount ?? left;
    if (amount < 1 || amount > left) {
      throw new DoubleError(400, 'invalid_request_error', `Refund amount (£${(amount / 100).toFixed(2)}) is greater than unrefunded amount on charge (£${(left / 100).toFixed(2)})`, 'amount_too_large', 'amount');
    }
    const refund: DoubleRefund = {
      id: this.id('re'),
      object: 'refund',
      amount,
      currency: 'gbp',
      status: 'succeeded',
      created: this.now(),
      charge: charge.id,
      payment_intent: charge.payment_intent,
      metadata: params.metadata ?? {},
      reason: params.reason ?? null,
    };
    this.refunds.set(refund.id, refund);
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    this.emit('refund.created', refund);
    this.emit('charge.refunded', charge);
    return refund;
  }

  createPortalSession(params: { customer: string; return_url?: string }): DoublePortalSession {
    if (!this.customers.has(params.customer)) {
      throw new DoubleError(400, 'invalid_request_error', `No such customer: '${params.customer}'`, 'resource_missing', 'customer');
    }
    const id = this.id('bps');
    const session: DoublePortalSession = {
      id,
      object: 'billing_portal.session',
      customer: params.customer,
      return_url: params.return_url ?? null,
      url: `${this.baseUrl()}/portal/${id}`,
      created: this.now(),
      livemode: false,
    };
    this.portalSessions.set(id, session);
    return session;
  }
}
