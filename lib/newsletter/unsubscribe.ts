import { createHmac, timingSafeEqual } from 'node:crypto';
import { authEnv, siteUrl } from '@/lib/env';

// A signed unsubscribe link needs no sign-in and cannot be made for someone else:
// the signature is an HMAC of the user id under AUTH_SECRET.

function signature(userId: string): string {
  return createHmac('sha256', authEnv().AUTH_SECRET).update(`newsletter-unsubscribe:${userId}`).digest('base64url');
}

export function verifyUnsubscribe(userId: string, given: string): boolean {
  const expected = Buffer.from(signature(userId));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** The link in each newsletter mail (a page with a button) and the one-click POST URL. */
export function unsubscribeUrls(userId: string, locale: 'en' | 'es') {
  const query = new URLSearchParams({ u: userId, s: signature(userId) });
  return {
    page: `${siteUrl()}${locale === 'es' ? '/es' : ''}/newsletter/unsubscribe?${query}`,
    oneClick: `${siteUrl()}/api/newsletter/unsubscribe?${query}`,
  };
}
