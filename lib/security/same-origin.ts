import { siteUrl } from '@/lib/env';

// The guard of every route handler that changes state on the strength of the visitor's
// browser: its cookies, or (for /api/auth/confirm) the session cookie it sets. Another site
// can make a browser POST a form here, with the visitor's cookies, or to sign them into
// the attacker's account (login CSRF); the browser always says where the request came
// from, so we refuse anything not sent by a page of this site.
//
// - Sec-Fetch-Site is set by the browser and cannot be set by a page's script. When it is
//   there it must be `same-origin`, and then it decides alone.
// - Without it (browsers before 2023), Origin must be the public origin (SITE_URL), or name the host the request was sent to
//   (X-Forwarded-Host, else Host: what Next.js compares for server actions). A page of
//   another site can set neither. Every browser sends Origin on a POST; `null` (sandboxed
//   frames, privacy redirects) is refused.
// - A request with neither comes from no browser we serve. These routes only serve
//   browsers, so it is refused too.
//
// Server actions need none of this: Next.js compares their Origin with the Host itself.
// Routes whose authority is a signature in the request (Stripe webhooks, the scheduled
// tasks' bearer token, the signed one-click unsubscribe) cannot be borrowed by another
// site and are called by machines that send no Origin; tests/authz/matrix.ts lists
// which is which.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type CrossSiteVerdict = { allowed: true } | { allowed: false; reason: 'sec-fetch-site' | 'origin' | 'no-origin' };

export function judgeRequestOrigin(request: Request): CrossSiteVerdict {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return { allowed: true };
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite !== null && fetchSite !== 'same-origin') return { allowed: false, reason: 'sec-fetch-site' };
  // The browser's own word that a page of this origin sent it: enough, whatever Origin
  // says. (A page whose referrer policy is no-referrer makes its POSTs say `Origin: null`.)
  if (fetchSite === 'same-origin') return { allowed: true };
  const origin = request.headers.get('origin');
  if (origin === null) return { allowed: false, reason: 'no-origin' };
  if (origin === new URL(siteUrl()).origin) return { allowed: true };
  // split() always yields at least one part.
  const addressedTo = (request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? new URL(request.url).host)
    .split(',')[0]!
    .trim();
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return { allowed: false, reason: 'origin' };
  }
  return originHost === addressedTo.toLowerCase() ? { allowed: true } : { allowed: false, reason: 'origin' };
}

/** null when the request may go on; otherwise the 403 to answer with. */
export function refuseCrossSite(request: Request): Response | null {
  const verdict = judgeRequestOrigin(request);
  if (verdict.allowed) return null;
  return Response.json({ error: 'crossSite' }, { status: 403, headers: { 'Cache-Control': 'no-store' } });
}
