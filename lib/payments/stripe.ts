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
    maxNetworkRetries: 2,
    timeout: 20_000,
    ...(base
      ? { host: base.hostname, port: Number(base.port || (base.protocol === 'https:' ? 443 : 80)), protocol: base.protocol.replace(':', '') as 'http' | 'https' }
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
