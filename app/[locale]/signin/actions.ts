'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { signIn } from '@/lib/auth';
import { safeCallbackPath } from '@/lib/auth/magic-link';
import { consumeSignInAttempt } from '@/lib/auth/rate-limit';
import { getPathname } from '@/lib/i18n/navigation';

export type SignInFormState = {
  email: string;
  error?: 'invalidEmail' | 'tooMany' | 'sendFailed';
  retryAfterMinutes?: number;
};

const schema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email().max(320)),
  callbackUrl: z.string().max(2000).optional(),
  locale: z.enum(['en', 'es']).catch('en'),
});

// The nearest proxy appends the address it saw to X-Forwarded-For, so the last entry is
// the one a client cannot forge. Without one, only the per-address limit applies.
async function clientIp(): Promise<string | null> {
  const h = await headers();
  return h.get('x-forwarded-for')?.split(',').pop()?.trim() || h.get('x-real-ip') || null;
}

/**
 * Sends a magic link. The answer is the same whether or not the address has an account;
 * only the rate limit (per address and per IP) and mail failures are reported.
 */
export async function requestSignInLink(_previous: SignInFormState, formData: FormData): Promise<SignInFormState> {
  const raw = { email: String(formData.get('email') ?? ''), callbackUrl: formData.get('callbackUrl') ?? undefined, locale: formData.get('locale') };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { email: raw.email, error: 'invalidEmail' };
  const { email, locale } = parsed.data;
  const callbackUrl = safeCallbackPath(parsed.data.callbackUrl, getPathname({ href: '/account', locale }));

  const decision = await consumeSignInAttempt(email, await clientIp());
  if (!decision.allowed) return { email, error: 'tooMany', retryAfterMinutes: Math.ceil(decision.retryAfterSeconds / 60) };

  try {
    await signIn('email', { email, redirectTo: callbackUrl, redirect: false });
  } catch (error) {
    console.error('[signin] could not send the sign-in mail', error);
    return { email, error: 'sendFailed' };
  }
  redirect(`${getPathname({ href: '/signin/check-email', locale })}?${new URLSearchParams({ email })}`);
}
