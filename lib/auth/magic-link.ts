import { createHash } from 'node:crypto';
import { siteUrl } from '@/lib/env';
import type { AppLocale } from '@/lib/i18n/routing';

export const MAGIC_LINK_MINUTES = 60;

const INTERNAL = 'http://internal.invalid';

/**
 * Only same-site paths may be returned to after sign-in. The answer is always a path that
 * a browser resolves on this origin: one leading slash, never two and never a backslash
 * (both mean "another host"), built from the parsed URL so that dot segments and
 * percent-escapes cannot turn into `//host` after the check.
 */
export function safeCallbackPath(value: unknown, fallback = '/account'): string {
  if (typeof value !== 'string' || value.length > 2000 || !value.startsWith('/') || /[\\\u0000-\u001f\u007f]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, INTERNAL);
  } catch {
    return fallback;
  }
  if (url.origin !== INTERNAL) return fallback;
  // "/.//evil.com" parses to the path "//evil.com": collapse the leading slashes.
  const path = `/${url.pathname.replace(/^\/+/, '')}${url.search}`;
  return new URL(path, INTERNAL).origin === INTERNAL ? path : fallback;
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
