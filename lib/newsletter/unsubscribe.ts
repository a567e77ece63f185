import { siteUrl } from '@/lib/env';
import { hasValidSignature, signFor } from '@/lib/security/signatures';

// A signed unsubscribe link needs no sign-in and cannot be made for someone else:
// the signature is an HMAC of the user id under AUTH_SECRET.

export function verifyUnsubscribe(userId: string, given: string): boolean {
  return hasValidSignature('newsletter-unsubscribe', userId, given);
}

/** The link in each newsletter mail (a page with a button) and the one-click POST URL. */
export function unsubscribeUrls(userId: string, locale: 'en' | 'es') {
  const query = new URLSearchParams({ u: userId, s: signFor('newsletter-unsubscribe', userId) });
  return {
    page: `${siteUrl()}${locale === 'es' ? '/es' : ''}/newsletter/unsubscribe?${query}`,
    oneClick: `${siteUrl()}/api/newsletter/unsubscribe?${query}`,
  };
}
