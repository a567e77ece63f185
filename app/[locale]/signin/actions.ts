'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { safeCallbackPath } from '@/lib/auth/magic-link';
import { sendSignInLink } from '@/lib/auth/sign-in-mail';
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

  try {
    const decision = await sendSignInLink(email, callbackUrl);
    if (!decision.allowed) return { email, error: 'tooMany', retryAfterMinutes: Math.ceil(decision.retryAfterSeconds / 60) };
  } catch (error) {
    console.error('[signin] could not send the sign-in mail', error);
    return { email, error: 'sendFailed' };
  }
  redirect(`${getPathname({ href: '/signin/check-email', locale })}?${new URLSearchParams({ email })}`);
}
