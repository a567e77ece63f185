import type Stripe from 'stripe';

/**
 * The typed client of the double's control API (stripe-double/control-api.ts): what a
 * test does that, with real Stripe, a payer, a bank or time would do. It goes over HTTP,
 * so tests drive the double only through its public surface.
 */
export class DoubleControl {
  constructor(private readonly baseUrl: string) {}

  private async post<T>(path: string, body: Record<string, unknown> = {}): Promise<T> {
    const response = await fetch(`${this.baseUrl}/_control/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`Stripe double control ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }

  /** The payer submits the hosted checkout page (a Stripe test card, or a Bacs test account). */
  completeCheckout(
    sessionId: string,
    opts: { card?: string; authentication?: 'pass' | 'fail'; payment_method?: 'card' | 'bacs_debit'; account_number?: string } = {},
  ) {
    return this.post<{
      session: Stripe.Checkout.Session;
      error: { type: string; code?: string; message: string; decline_code?: string } | null;
    }>(`checkout/${sessionId}/complete`, opts);
  }
  expireCheckout(sessionId: string) {
    return this.post<Stripe.Checkout.Session>(`checkout/${sessionId}/expire`);
  }
  /** A Bacs payment made through checkout settles (otherwise the clock does it after 3 business days). */
  settleCheckout(sessionId: string, outcome: 'succeeded' | 'failed') {
    return this.post(`checkout/${sessionId}/settle`, { outcome });
  }
  /** The card used for the customer's future off-session payments (renewals); past-due invoices are retried with it. */
  setCard(customerId: string, card: string) {
    return this.post(`customers/${customerId}/card`, { card });
  }
  /** The member passes or fails 3-D Secure on the hosted invoice page. */
  authenticateInvoice(invoiceId: string, outcome: 'pass' | 'fail') {
    return this.post<Stripe.Invoice>(`invoices/${invoiceId}/authenticate`, { outcome });
  }
  settleInvoice(invoiceId: string, outcome: 'succeeded' | 'failed') {
    return this.post(`invoices/${invoiceId}/settle`, { outcome });
  }
  /** A subscription made in Stripe's Dashboard whose first payment needs action or fails. */
  dashboardSubscription(params: {
    customer: string;
    price: string;
    metadata?: Record<string, string>;
    first_payment: 'requires_action' | 'fails';
  }) {
    return this.post<Stripe.Subscription>('subscriptions', params);
  }
  /** Billing > Revenue recovery: what happens when every retry has failed. */
  afterRetries(value: 'cancel' | 'unpaid' | 'past_due') {
    return this.post('settings', { subscription_after_retries: value });
  }
  dispute(chargeId: string, reason = 'fraudulent') {
    return this.post<Stripe.Dispute>(`charges/${chargeId}/dispute`, { reason });
  }
  closeDispute(disputeId: string, outcome: 'won' | 'lost') {
    return this.post<Stripe.Dispute>(`disputes/${disputeId}/close`, { outcome });
  }
  settleRefund(refundId: string, outcome: 'succeeded' | 'failed') {
    return this.post<Stripe.Refund>(`refunds/${refundId}/settle`, { outcome });
  }
  advanceClock(opts: { days?: number; seconds?: number }) {
    return this.post<{ now: number }>('clock/advance', opts);
  }
  /** Waits until every webhook delivery started so far has been answered. */
  webhooksIdle() {
    return this.post('webhooks/idle');
  }
  pauseWebhooks() {
    return this.post('webhooks/pause');
  }
  resumeWebhooks(order: 'as-happened' | 'reversed' = 'as-happened') {
    return this.post<{ statuses: number[] }>('webhooks/resume', { order });
  }
  /** The next `count` API requests get a 500 api_error: after the change is made (a lost answer), or before anything is done. */
  failNextResponses(count: number, when: 'before' | 'after' = 'after') {
    return this.post('responses/fail', { count, when });
  }
  /** The next `count` API requests get a 429 before anything is done: the rate limiter, or a lock held by another request (Stripe-Should-Retry: true). */
  rateLimitNext(count: number, reason: 'rate' | 'lock' = 'rate') {
    return this.post('responses/rate-limit', { count, reason });
  }
  /** The next `count` API requests are handled at once and answered `ms` later. */
  delayNext(count: number, ms: number) {
    return this.post('responses/delay', { count, ms });
  }
  /** The next `count` API requests are never answered: before anything is done, or after the change is made. */
  hangNext(count: number, when: 'before' | 'after' = 'after') {
    return this.post('responses/hang', { count, when });
  }
  /** Clears any planned faults. */
  normalResponses() {
    return this.post('responses/normal');
  }
  async events(): Promise<Stripe.Event[]> {
    const response = await fetch(`${this.baseUrl}/_control/events`);
    return ((await response.json()) as { events: Stripe.Event[] }).events;
  }
}
