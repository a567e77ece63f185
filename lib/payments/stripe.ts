import 'server-only';
import Stripe from 'stripe';
import { paymentsEnv } from '@/lib/env';
import { STRIPE_API_VERSION } from './api-version';

export class PaymentsUnavailableError extends Error {
  constructor(reason: string) {
    super(`Payments are not available: ${reason}`);
    this.name = 'PaymentsUnavailableError';
  }
}

/**
 * How long a person can be kept waiting by one Stripe call. Each attempt may take
 * STRIPE_TIMEOUT_MS: Stripe answers the calls we make (checkout, portal, refund, price) in
 * well under a second, and a few seconds more when it is struggling, so 5 s is "Stripe is
 * not answering", not "Stripe is slow". (The SDK's own default, 80 s, would hold a payer's
 * form for minutes.) stripe-node's timer is the socket's idle time (NodeHttpClient:
 * req.setTimeout), so an answer that has begun to arrive is not cut off.
 * The SDK then tries again, STRIPE_MAX_RETRIES times: on a connection error or timeout, a
 * 409, a 5xx, or whenever Stripe sends Stripe-Should-Retry: true (a lock timeout); never on
 * other 4xx, and never when Stripe sends Stripe-Should-Retry: false
 * (RequestSender._shouldRetry). Every POST carries an Idempotency-Key, ours or one the SDK
 * makes, the same on every attempt (RequestSender._defaultIdempotencyKey), so a retry
 * after a lost answer gets Stripe's saved answer and never makes a second object.
 */
export const STRIPE_TIMEOUT_MS = 5_000;
export const STRIPE_MAX_RETRIES = 2;
// stripe-node waits max(0.5 s, min(0.5 s × 2^(n-1), 5 s) × jitter) before retry n+1
// (RequestSender._getSleepTimeInMS): 0.5 s before each of the first two.
const RETRY_WAITS_MS = [500, 500];
/** The longest one Stripe call can take: every attempt timing out, and the waits between (16 s). */
export const STRIPE_CALL_BOUND_MS =
  (STRIPE_MAX_RETRIES + 1) * STRIPE_TIMEOUT_MS + RETRY_WAITS_MS.slice(0, STRIPE_MAX_RETRIES).reduce((a, b) => a + b, 0);

/** Stripe could not be asked, or did not answer: the person is told to try again. */
export function isStripeFailure(error: unknown): boolean {
  return error instanceof PaymentsUnavailableError || error instanceof Stripe.errors.StripeError;
}

/**
 * Stripe answered the request itself with a refusal (bad parameters, a card or refund it
 * will not make): it certainly did nothing. Any other failure (no answer, a timeout, a 5xx,
 * a 429 after an earlier attempt of the same call timed out) leaves it unknown whether
 * Stripe made the change, so only the same request with the same key may find out.
 */
export function stripeRefused(error: unknown): error is Stripe.errors.StripeInvalidRequestError | Stripe.errors.StripeCardError {
  return error instanceof Stripe.errors.StripeInvalidRequestError || error instanceof Stripe.errors.StripeCardError;
}

let client: Stripe | undefined;

/**
 * The Stripe SDK client. Which Stripe it talks to is configuration only: the real API by
 * default, or the project's double when STRIPE_API_BASE points at it.
 */
export function getStripe(): Stripe {
  if (client) return client;
  const env = paymentsEnv();
  if (env.PAYMENTS === 'off') throw new PaymentsUnavailableError('PAYMENTS=off');
  if (!env.STRIPE_SECRET_KEY) throw new PaymentsUnavailableError('STRIPE_SECRET_KEY is not set');
  const base = env.STRIPE_API_BASE ? new URL(env.STRIPE_API_BASE) : null;
  client = new Stripe(env.STRIPE_SECRET_KEY, {
    apiVersion: STRIPE_API_VERSION,
    maxNetworkRetries: STRIPE_MAX_RETRIES,
    timeout: STRIPE_TIMEOUT_MS,
    ...(base
      ? {
          host: base.hostname,
          port: Number(base.port || (base.protocol === 'https:' ? 443 : 80)),
          protocol: base.protocol.replace(':', '') as 'http' | 'https',
        }
      : {}),
  });
  return client;
}

export function paymentsEnabled(): boolean {
  const env = paymentsEnv();
  return env.PAYMENTS === 'on' && Boolean(env.STRIPE_SECRET_KEY);
}

/** True when the site talks to the project's Stripe double (shows the "simulated" banner). */
export function paymentsSimulated(): boolean {
  try {
    return Boolean(paymentsEnv().STRIPE_API_BASE) && paymentsEnabled();
  } catch {
    return false;
  }
}
