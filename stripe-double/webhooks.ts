import Stripe from 'stripe';

type DoubleEvent = Stripe.Event;

export type SignatureMode = 'valid' | 'bad' | 'wrong-secret' | 'missing' | 'reserialised';
export type DeliveryOptions = { signature?: SignatureMode; staleSeconds?: number };
export type Delivery = { eventId: string; type: string; status: number; at: number; attempt: number };

/** Sends one signed request to the app; returns its HTTP status (0 when unreachable). */
export type WebhookTarget = (payload: string, headers: Record<string, string>) => Promise<number>;

export function httpTarget(url: string): WebhookTarget {
  return async (payload, headers) => {
    try {
      const response = await fetch(url, { method: 'POST', body: payload, headers: { 'content-type': 'application/json', ...headers } });
      await response.arrayBuffer();
      return response.status;
    } catch {
      return 0;
    }
  };
}

const signer = new Stripe('sk_test_double_signer');

/**
 * Delivers events the way Stripe does: signed with the shared secret, retried with
 * backoff while the app answers anything but 2xx. Tests can pause delivery, replay an
 * event (twice, concurrently, late, badly signed) and read the delivery log.
 */
export class WebhookSender {
  paused = false;
  queued: DoubleEvent[] = [];
  deliveries: Delivery[] = [];
  private timers = new Set<NodeJS.Timeout>();
  private inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly target: WebhookTarget | null,
    private readonly secret: string,
    private readonly retryDelaysMs: number[] = [1000, 2000, 4000, 8000, 16000],
  ) {}

  onEvent = (event: DoubleEvent) => {
    if (!this.target) return;
    if (this.paused) this.queued.push(event);
    else this.track(this.deliverWithRetries(event, 0));
  };

  private track(promise: Promise<unknown>) {
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise));
  }

  /** Resolves once every delivery started so far (not retries scheduled later) has finished. */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  private async deliverWithRetries(event: DoubleEvent, attempt: number) {
    const status = await this.deliver(event, {}, attempt + 1);
    if ((status < 200 || status >= 300) && attempt < this.retryDelaysMs.length) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void this.deliverWithRetries(event, attempt + 1);
      }, this.retryDelaysMs[attempt]);
      timer.unref();
      this.timers.add(timer);
    }
  }

  /** One delivery, no retry. */
  async deliver(event: DoubleEvent, options: DeliveryOptions = {}, attempt = 1): Promise<number> {
    if (!this.target) throw new Error('The double has no webhook target (set APP_URL)');
    const payload = JSON.stringify(event, null, 2);
    const timestamp = Math.floor(Date.now() / 1000) - (options.staleSeconds ?? 0);
    const mode = options.signature ?? 'valid';
    const secret = mode === 'wrong-secret' ? 'whsec_not_the_right_one' : this.secret;
    let signature = signer.webhooks.generateTestHeaderString({ payload, secret, timestamp });
    if (mode === 'bad') signature = signature.replace(/v1=([0-9a-f])/, (_, c: string) => `v1=${c === '0' ? '1' : '0'}`);
    // Re-serialised: same JSON, different bytes than were signed.
    const body = mode === 'reserialised' ? JSON.stringify(event) : payload;
    const headers: Record<string, string> = mode === 'missing' ? {} : { 'stripe-signature': signature };
    const status = await this.target(body, headers);
    this.deliveries.push({ eventId: event.id, type: event.type, status, at: Date.now(), attempt });
    return status;
  }

  /** Sends what was held while paused, in the given order (default: as they happened). */
  async flush(order: 'as-happened' | 'reversed' = 'as-happened'): Promise<number[]> {
    const events = order === 'reversed' ? [...this.queued].reverse() : [...this.queued];
    this.queued = [];
    const statuses: number[] = [];
    for (const event of events) statuses.push(await this.deliver(event));
    return statuses;
  }

  stop() {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
