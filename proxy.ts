import { NextResponse, type NextRequest } from 'next/server';
import { SESSION_COOKIE_NAMES as SESSION_COOKIES } from '@/lib/auth/session-cookie';
import { isHttps, noncePolicy } from '@/lib/http/csp';
import { siteUrl } from '@/lib/env';

// Turns away visitors with no session cookie, sending them to sign in and back. It is
// never the check: every page, action and route calls a guard from lib/auth.
// The pages it lets through are rendered per request, so they get a Content-Security-
// Policy with this request's nonce (Next puts it on its own scripts, read from the request
// header); see lib/http/csp.ts.

export function proxy(request: NextRequest) {
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
    const policy = noncePolicy(nonce, isHttps(siteUrl()));
    const headers = new Headers(request.headers);
    headers.set('content-security-policy', policy);
    const response = NextResponse.next({ request: { headers } });
    response.headers.set('Content-Security-Policy', policy);
    return response;
  }
  const { pathname, search } = request.nextUrl;
  const spanish = pathname === '/es' || pathname.startsWith('/es/');
  const target = request.nextUrl.clone();
  target.pathname = spanish ? '/es/signin' : '/signin';
  target.search = new URLSearchParams({ callbackUrl: `${pathname}${search}` }).toString();
  return NextResponse.redirect(target);
}

export const config = {
  matcher: [
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
