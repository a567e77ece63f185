import { NextResponse, type NextRequest } from 'next/server';
import { SESSION_COOKIE_NAMES as SESSION_COOKIES } from '@/lib/auth/session-cookie';
import { isHttps, noncePolicy } from '@/lib/http/csp';
import { canonicalLibraryQuery, parseLibraryParams } from '@/lib/library/params';
import { LIBRARY_SEARCH_SEGMENT, libraryStateKey } from '@/lib/library/state-key';
import { siteUrl } from '@/lib/env';

// Two jobs, each on its own paths (the matcher below). Library searches are rewritten to
// their cached page (librarySearch). On the signed-in areas, it turns away visitors with
// no session cookie, sending them to sign in and back; that is never the check: every
// page, action and route calls a guard from lib/auth. The pages it lets through there are
// rendered per request, so they get a Content-Security-Policy with this request's nonce
// (Next puts it on its own scripts, read from the request header); see lib/http/csp.ts.

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (pathname === '/publications' || pathname === '/es/publications') return librarySearch(request);
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
    const policy = noncePolicy(nonce, isHttps(siteUrl()));
    const headers = new Headers(request.headers);
    headers.set('content-security-policy', policy);
    const response = NextResponse.next({ request: { headers } });
    response.headers.set('Content-Security-Policy', policy);
    return response;
  }
  const { search } = request.nextUrl;
  const spanish = pathname === '/es' || pathname.startsWith('/es/');
  const target = request.nextUrl.clone();
  target.pathname = spanish ? '/es/signin' : '/signin';
  target.search = new URLSearchParams({ callbackUrl: `${pathname}${search}` }).toString();
  return NextResponse.redirect(target);
}

/**
 * A search or filtered view of the library, rewritten to the page of its normalised query
 * (app/[locale]/publications/search/[key]): rendered once, then served from Next's cache
 * until a staff edit, like the library's landing. Issue #16: about 60 req/s rendered per
 * request, against the 200 wanted. Nothing the visitor sees changes, the address included.
 */
function librarySearch(request: NextRequest) {
  const spanish = request.nextUrl.pathname.startsWith('/es');
  const query = canonicalLibraryQuery(parseLibraryParams(Object.fromEntries(request.nextUrl.searchParams)));
  const target = request.nextUrl.clone();
  target.search = '';
  target.pathname = `/${spanish ? 'es' : 'en'}/publications/${query ? `${LIBRARY_SEARCH_SEGMENT}/${libraryStateKey(query)}` : 'all'}`;
  return NextResponse.rewrite(target);
}

export const config = {
  // The library only when its address has a query (the landing is rewritten by
  // next.config.ts, without running this). Literal, as Next reads it at build time: one
  // entry for each of LIBRARY_QUERY_KEYS in next.config.ts, in each language.
  matcher: [
    { source: '/publications', has: [{ type: 'query', key: 'q' }] },
    { source: '/publications', has: [{ type: 'query', key: 'type' }] },
    { source: '/publications', has: [{ type: 'query', key: 'topic' }] },
    { source: '/publications', has: [{ type: 'query', key: 'year' }] },
    { source: '/publications', has: [{ type: 'query', key: 'lang' }] },
    { source: '/publications', has: [{ type: 'query', key: 'page' }] },
    { source: '/es/publications', has: [{ type: 'query', key: 'q' }] },
    { source: '/es/publications', has: [{ type: 'query', key: 'type' }] },
    { source: '/es/publications', has: [{ type: 'query', key: 'topic' }] },
    { source: '/es/publications', has: [{ type: 'query', key: 'year' }] },
    { source: '/es/publications', has: [{ type: 'query', key: 'lang' }] },
    { source: '/es/publications', has: [{ type: 'query', key: 'page' }] },
    '/account',
    '/account/:path*',
    '/members',
    '/members/:path*',
    '/admin',
    '/admin/:path*',
    '/es/account',
    '/es/account/:path*',
    '/es/members',
    '/es/members/:path*',
    '/es/admin',
    '/es/admin/:path*',
  ],
};
