import { siteUrl } from '@/lib/env';
import { NextRequest } from 'next/server';
import { z } from 'zod';
import { findLiveVerificationToken } from '@/db/queries/users';
import { handlers } from '@/lib/auth';
import { hashVerificationToken, safeCallbackPath } from '@/lib/auth/magic-link';
import { authEnv } from '@/lib/env';
import { getPathname } from '@/lib/i18n/navigation';
import { refuseCrossSite } from '@/lib/security/same-origin';

const formSchema = z.object({
  token: z.string().min(16).max(200),
  email: z.email().max(320),
  callbackUrl: z.string().max(2000).optional(),
  locale: z.enum(['en', 'es']).default('en'),
});

/**
 * The "Sign in" button of the confirm page posts here. Only this POST uses up the
 * magic-link token: it checks the token, then hands the request to Auth.js's own
 * callback (in this process: no Auth.js endpoint is served over HTTP), which creates the
 * session and sets its cookie. A POST from another site is refused before the body is
 * read: it would sign the visitor into someone else's account (login CSRF).
 */
export async function POST(request: Request) {
  const refused = refuseCrossSite(request);
  if (refused) return refused;
  const form = Object.fromEntries(await request.formData().catch(() => new FormData()));
  const parsed = formSchema.safeParse(form);
  // The site's public origin (SITE_URL), not request.url's: behind nginx, or as the
  // standalone server, request.url names the address the server listens on.
  const origin = new URL(siteUrl()).origin;
  const locale = parsed.success ? parsed.data.locale : 'en';
  const invalid = (reason: 'used' | 'expired') => {
    const email = parsed.success ? parsed.data.email : '';
    const path = getPathname({ href: '/signin/link-invalid', locale });
    return Response.redirect(`${origin}${path}?${new URLSearchParams({ reason, email })}`, 303);
  };
  if (!parsed.success) return invalid('used');

  const { token, email, callbackUrl } = parsed.data;
  const status = await findLiveVerificationToken(email, hashVerificationToken(token, authEnv().AUTH_SECRET));
  if (status === null) return invalid('used');
  if (status === 'expired') return invalid('expired');

  const callback = new URL('/api/auth/callback/email', origin);
  callback.search = new URLSearchParams({ token, email, callbackUrl: safeCallbackPath(callbackUrl) }).toString();
  const response = await handlers.GET(new NextRequest(callback, { method: 'GET', headers: request.headers }));
  // A redirect answering a POST must become a GET.
  const location = response.headers.get('location');
  if (location && response.status >= 300 && response.status < 400) {
    const headers = new Headers(response.headers);
    return new Response(null, { status: 303, headers });
  }
  return response;
}
