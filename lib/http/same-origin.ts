import { siteUrl } from '@/lib/env';

/**
 * A state-changing request that came from our own pages. Browsers send Origin with every
 * POST; it must be the site's public origin (SITE_URL) or this server's own host. Without
 * Origin, Sec-Fetch-Site must say same-origin. Anything else (another site's form, a
 * sandboxed frame's "null") is refused before the request is read.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (origin) {
    if (origin === siteUrl()) return true;
    try {
      return new URL(origin).host === request.headers.get('host');
    } catch {
      return false;
    }
  }
  return request.headers.get('sec-fetch-site') === 'same-origin';
}
