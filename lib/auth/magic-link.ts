import { createHash } from 'node:crypto';
import { siteUrl } from '@/lib/env';
import type { AppLocale } from '@/lib/i18n/routing';

export const MAGIC_LINK_MINUTES = 60;

/** Only same-site paths may be returned to after sign-in. */
export function safeCallbackPath(value: unknown, fallback = '/account'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return fallback;
  try {
    const url = new URL(value, 'http://internal.invalid');
    return url.origin === 'http://internal.invalid' ? `${url.pathname}${url.search}` : fallback;
  } catch {
    return fallback;
  }
}

export function localeOfCallback(callbackUrl: string): AppLocale {
  const path = callbackUrl.startsWith('http') ? new URL(callbackUrl).pathname : callbackUrl;
  return path === '/es' || path.startsWith('/es/') ? 'es' : 'en';
}

/** The link in the mail: our confirm page, on the configured public origin (not the request's host). */
export function confirmLink(opts: { token: string; email: string; callbackUrl: string; locale: AppLocale }): string {
  const callbackPath = safeCallbackPath(
    opts.callbackUrl.startsWith('http') ? new URL(opts.callbackUrl).pathname + new URL(opts.callbackUrl).search : opts.callbackUrl,
  );
  const query = new URLSearchParams({ token: opts.token, email: opts.email, callbackUrl: callbackPath });
  return `${siteUrl()}${opts.locale === 'es' ? '/es' : ''}/signin/confirm?${query}`;
}

/** How Auth.js stores a verification token: sha256 of token + secret. */
export function hashVerificationToken(token: string, secret: string): string {
  return createHash('sha256').update(`${token}${secret}`).digest('hex');
}
