import { DoubleError, missing, type AfterRetries, type StripeState } from './state';
import type { SignatureMode, WebhookSender } from './webhooks';

type Json = Record<string, unknown>;

/**
 * What goes wrong with one coming API request (/v1/...), as it can with real Stripe:
 *  - rate_limit: 429, code rate_limit, before anything is done. Stripe's rate limiters run
 *    before its idempotency layer, so nothing is saved under the key
 *    (https://docs.stripe.com/error-low-level#content-errors), and no Stripe-Should-Retry
 *    header: the SDK does not retry it.
 *  - lock_timeout: 429, code lock_timeout (another request holds the object), before
 *    anything is done, with Stripe-Should-Retry: true, which the SDK obeys.
 *  - error 'before': 500 api_error before the endpoint began (nothing done or saved: the
 *    same key runs the request when retried). 'after': the change is made and saved under
 *    the idempotency key, then the answer is a 500 (a lost answer: a retry with the key
 *    gets the saved one).
 *  - delay: the change is made at once, the answer comes ms later (a slow Stripe; longer
 *    than the SDK's timeout, the retry is answered from the idempotency key).
 *  - hang: no answer ever (the client must give up); 'before' does nothing, 'after' makes
 *    the change first.
 * Error bodies follow https://docs.stripe.com/api/errors: type is one of api_error,
 * card_error, idempotency_error or invalid_request_error (the SDK picks its error class
 * from the HTTP status: 429 is a StripeRateLimitError).
 */
export type ResponseFault =
  { kind: 'rate_limit' | 'lock_timeout' } | { kind: 'error' | 'hang'; when: 'before' | 'after' } | { kind: 'delay'; ms: number };

/**
 * The double's control API (POST /_control/...): what a test does that, with real Stripe,
 * a person, a bank or time would do. stripe-double/control.ts is its typed client; the
 * paths are listed in README.md → Payments. Faults in the next `count` API requests (each
 * call replaces the plan; every API request, a replay too, takes the next one):
 *   POST /_control/responses/fail        {count?: 1, when?: 'after' | 'before'}   500 api_error
 *   POST /_control/responses/rate-limit  {count?: 1, reason?: 'rate' | 'lock'}    429
 *   POST /_control/responses/delay       {count?: 1, ms}                          slow answers
 *   POST /_control/responses/hang        {count?: 1, when?: 'after' | 'before'}   no answer
 *   POST /_control/responses/normal      {}                                       clears the plan
 */
export async function controlApi(
  state: StripeState,
  webhooks: WebhookSender,
  method: string,
  path: string,
  body: Json,
  planFaults: (faults: ResponseFault[]) => void,
): Promise<unknown> {
  // id is '' when the path names no object: `!id` below asks just that.
  const [area, id = '', action] = path.split('/').filter(Boolean).slice(1); // drop '_control'
  const str = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : undefined);
  const outcome = <T extends string>(allowed: readonly T[]): T => {
    const value = str('outcome');
    if (!value || !allowed.includes(value as T))
      throw new DoubleError(400, 'invalid_request_error', `outcome must be one of ${allowed.join(', ')}`, 'parameter_invalid', 'outcome');
    return value as T;
  };

  if (area === 'checkout' && action === 'complete') {
    const result = state.completeCheckout(id, {
      card: str('card'),
      authentication: str('authentication') as 'pass' | 'fail' | undefined,
      payment_method: str('payment_method') as 'card' | 'bacs_debit' | undefined,
      account_number: str('account_number'),
    });
    return {
      session: result.session,
      error: result.error
        ? { type: result.error.type, code: result.error.code, message: result.error.message, ...result.error.extra }
        : null,
    };
  }
  if (area === 'checkout' && action === 'expire') return state.expireSession(id);
  if (area === 'checkout' && action === 'settle') return (state.settleDelayedPayment(id, outcome(['succeeded', 'failed'])), { ok: true });
  if (area === 'customers' && action === 'card') return (state.setCustomerCard(id, str('card') ?? ''), { ok: true });
  if (area === 'invoices' && action === 'authenticate') return state.authenticateInvoice(id, outcome(['pass', 'fail']));
  if (area === 'invoices' && action === 'settle') return (state.settleInvoice(id, outcome(['succeeded', 'failed'])), { ok: true });
  if (area === 'subscriptions' && !id && method === 'POST') {
    const first = str('first_payment');
    if (first !== 'requires_action' && first !== 'fails')
      throw new DoubleError(
        400,
        'invalid_request_error',
        'first_payment must be requires_action or fails',
        'parameter_invalid',
        'first_payment',
      );
    return state.createDashboardSubscription({
      customer: str('customer') ?? '',
      price: str('price') ?? '',
      metadata: body.metadata as Record<string, string> | undefined,
      first_payment: first,
    });
  }
  if (area === 'settings') {
    const after = str('subscription_after_retries');
    if (after) {
      if (!['cancel', 'unpaid', 'past_due'].includes(after))
        throw new DoubleError(
          400,
          'invalid_request_error',
          'subscription_after_retries must be cancel, unpaid or past_due',
          'parameter_invalid',
          'subscription_after_retries',
        );
      state.afterRetries = after as AfterRetries;
    }
    return { subscription_after_retries: state.afterRetries };
  }
  if (area === 'charges' && action === 'dispute') return state.dispute(id, str('reason') ?? 'fraudulent');
  if (area === 'disputes' && action === 'close') return state.closeDispute(id, outcome(['won', 'lost']));
  if (area === 'refunds' && action === 'settle') return state.settleRefund(id, outcome(['succeeded', 'failed']));
  if (area === 'clock' && id === 'advance') {
    state.advanceClock(Number(body.seconds ?? 0) + Number(body.days ?? 0) * 86400);
    return { now: state.now() };
  }
  if (area === 'clock' && !id) return { now: state.now() };
  if (area === 'payments' && id === 'fail') {
    state.failingPayments.set(str('customer') ?? '*', Number(body.count ?? 1));
    return { ok: true };
  }
  if (area === 'payments' && id === 'fix') return (state.fixPaymentMethod(String(body.customer)), { ok: true });
  if (area === 'responses') {
    const count = Number(body.count ?? 1);
    if (!Number.isInteger(count) || count < 0)
      throw new DoubleError(400, 'invalid_request_error', 'count must be a whole number', 'parameter_invalid_integer', 'count');
    const when = (): 'before' | 'after' => {
      const value = str('when') ?? 'after';
      if (value !== 'before' && value !== 'after')
        throw new DoubleError(400, 'invalid_request_error', 'when must be before or after', 'parameter_invalid', 'when');
      return value;
    };
    const plan = (fault: ResponseFault) => (planFaults(Array.from({ length: count }, () => fault)), { ok: true });
    if (id === 'fail') return plan({ kind: 'error', when: when() });
    if (id === 'hang') return plan({ kind: 'hang', when: when() });
    if (id === 'rate-limit') {
      const reason = str('reason') ?? 'rate';
      if (reason !== 'rate' && reason !== 'lock')
        throw new DoubleError(400, 'invalid_request_error', 'reason must be rate or lock', 'parameter_invalid', 'reason');
      return plan({ kind: reason === 'rate' ? 'rate_limit' : 'lock_timeout' });
    }
    if (id === 'delay') {
      const ms = Number(body.ms);
      if (!Number.isInteger(ms) || ms < 0)
        throw new DoubleError(400, 'invalid_request_error', 'ms must be a whole number of milliseconds', 'parameter_invalid_integer', 'ms');
      return plan({ kind: 'delay', ms });
    }
    if (id === 'normal') return (planFaults([]), { ok: true });
  }
  if (area === 'webhooks' && id === 'pause') return ((webhooks.paused = true), { ok: true });
  if (area === 'webhooks' && id === 'resume') {
    webhooks.paused = false;
    return { statuses: await webhooks.flush(body.order === 'reversed' ? 'reversed' : 'as-happened') };
  }
  if (area === 'webhooks' && id === 'idle') return (await webhooks.idle(), { ok: true });
  if (area === 'webhooks' && id === 'deliveries') return { deliveries: webhooks.deliveries };
  if (area === 'events' && !id && method === 'POST') return state.emitCustom(String(body.type), (body.object as Json) ?? {});
  if (area === 'events' && action === 'deliver') {
    const event = state.events.find((e) => e.id === id) ?? missing('event', id);
    const times = Number(body.times ?? 1);
    const opts = {
      signature: body.signature as SignatureMode | undefined,
      staleSeconds: body.staleSeconds === undefined ? undefined : Number(body.staleSeconds),
    };
    const sends = Array.from({ length: times }, () => () => webhooks.deliver(event, opts));
    const statuses = body.concurrent
      ? await Promise.all(sends.map((s) => s()))
      : await sends.reduce<Promise<number[]>>(async (acc, s) => [...(await acc), await s()], Promise.resolve([]));
    return { statuses };
  }
  if (area === 'events' && method === 'GET') return { events: state.events };
  throw new DoubleError(404, 'invalid_request_error', `Unknown control request ${method} ${path}`);
}
