import { createHmac, timingSafeEqual } from 'node:crypto';
import { authEnv } from '@/lib/env';

// Links that act without a sign-in (unsubscribe, a guest's Gift Aid declaration) carry an
// HMAC of what they act on under AUTH_SECRET. The purpose is part of the signed text, so
// a signature made for one kind of link is worthless for another.

export type SignedPurpose = 'newsletter-unsubscribe' | 'gift-aid-declaration' | `list-cursor:${string}`;

export function signFor(purpose: SignedPurpose, value: string): string {
  return createHmac('sha256', authEnv().AUTH_SECRET).update(`${purpose}:${value}`).digest('base64url');
}

export function hasValidSignature(purpose: SignedPurpose, value: string, given: string): boolean {
  const expected = Buffer.from(signFor(purpose, value));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
