import 'server-only';
import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible';
import { getDb } from '@/db/client';
import { rateLimits } from '@/db/schema';

// Sign-in mails per address and per IP, counted in Postgres so that every app instance
// shares the same counters.
export const SIGN_IN_LIMITS = {
  perAddress: { points: 5, duration: 15 * 60 },
  perIp: { points: 20, duration: 15 * 60 },
};

let limiters: { address: RateLimiterDrizzle; ip: RateLimiterDrizzle } | undefined;

function getLimiters() {
  if (!limiters) {
    const storeClient = getDb();
    limiters = {
      address: new RateLimiterDrizzle({ storeClient, schema: rateLimits, keyPrefix: 'signin-address', ...SIGN_IN_LIMITS.perAddress }),
      ip: new RateLimiterDrizzle({ storeClient, schema: rateLimits, keyPrefix: 'signin-ip', ...SIGN_IN_LIMITS.perIp }),
    };
  }
  return limiters;
}

export type LimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts one sign-in mail for this address and IP; refuses once either is over its limit. */
export async function consumeSignInAttempt(email: string, ip: string | null): Promise<LimitDecision> {
  const { address, ip: perIp } = getLimiters();
  try {
    await Promise.all([address.consume(email.toLowerCase()), ip ? perIp.consume(ip) : null]);
    return { allowed: true };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    }
    throw rejection;
  }
}
