import { NextResponse, type NextRequest } from 'next/server';
import { SESSION_COOKIE_NAMES as SESSION_COOKIES } from '@/lib/auth/session-cookie';

// Only turns away visitors with no session cookie, sending them to sign in and back.
// It is never the check: every page, action and route calls a guard from lib/auth.

export function proxy(request: NextRequest) {
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
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
