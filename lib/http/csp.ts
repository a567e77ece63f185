// The site's Content-Security-Policy, in two forms (imported by next.config.ts and proxy.ts).
//
// Public pages are rendered once into Next's cache and served to everyone, so they cannot
// carry a per-request nonce (a nonce would force every page to render per request: ~195
// req/s instead of ~1,700, shared/design/STACK.md), and per-page hashes of their inline
// scripts cannot be computed after the build: those scripts carry the page's data, which
// is read from the database on first request and changes with every staff edit. So they
// keep 'unsafe-inline' for scripts, and everything else is as tight as the site allows.
// The pages proxy.ts already sees (/account, /members, /admin: signed-in, rendered per
// request, showing members' data) get a nonce and 'strict-dynamic' instead: no inline
// script runs there unless Next put it there.

const COMMON: Record<string, string[]> = {
  'default-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'media-src': ["'self'"],
  'manifest-src': ["'self'"],
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
};

function serialise(directives: Record<string, string[]>, https: boolean): string {
  const parts = Object.entries(directives).map(([name, values]) => `${name} ${values.join(' ')}`);
  if (https) parts.push('upgrade-insecure-requests');
  return parts.join('; ');
}

/** For every page Next may cache: inline scripts allowed (Next's bootstrap and page data). */
export function staticPolicy(https: boolean): string {
  return serialise({ ...COMMON, 'script-src': ["'self'", "'unsafe-inline'"] }, https);
}

/** For a page rendered per request: only scripts carrying this request's nonce, and what they load. */
export function noncePolicy(nonce: string, https: boolean): string {
  return serialise({ ...COMMON, 'script-src': ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"] }, https);
}

/** HSTS for a site served over https: a year, this host only (other hosts of the domain may not have TLS). */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000';

export const isHttps = (siteUrl: string | undefined) => (siteUrl ?? '').startsWith('https://');

/**
 * The headers every response gets (next.config.ts), and the static files served
 * brotli-compressed without Next (lib/http/precompressed-static.ts) too.
 */
export function securityHeaders(https: boolean): { key: string; value: string }[] {
  return [
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
    ...(https ? [{ key: 'Strict-Transport-Security', value: STRICT_TRANSPORT_SECURITY }] : []),
  ];
}
