'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { safeCallbackPath } from '@/lib/auth/magic-link';
import { sendSignInLink } from '@/lib/auth/sign-in-mail';
import { formAction, guards } from '@/lib/forms/action';
import type { FormState } from '@/lib/forms/state';
import { getPathname } from '@/lib/i18n/navigation';
import { logFor } from '@/lib/log';

/**
 * Why no link was sent: the messages are signin.<code>. Any refused field reads as
 * `invalidEmail`, the form's only field; `tooMany` names the minutes to wait in `vars`.
 */
export type SignInError = 'invalidEmail' | 'tooMany' | 'sendFailed';
export type SignInFormState = FormState<SignInError>;

const schema = z.object({
  email: z.string('invalidEmail').trim().toLowerCase().pipe(z.email('invalidEmail').max(320, 'invalidEmail')),
  callbackUrl: z.string().max(2000).optional(),
});

/**
 * Sends a magic link. The answer is the same whether or not the address has an account;
 * only the rate limit (per address and per IP) and mail failures are reported.
 */
export const requestSignInLink = formAction(
  { schema, guard: guards.anyone(), codes: ['invalidEmail'] },
  async ({ email, callbackUrl }, { values, locale }): Promise<SignInFormState> => {
    const back = safeCallbackPath(callbackUrl, getPathname({ href: '/account', locale }));
    // The address comes back as it will be used (trimmed, lower case).
    const kept = { ...values, email };
    try {
      const decision = await sendSignInLink(email, back);
      if (!decision.allowed)
        return { values: kept, error: 'tooMany', vars: { minutes: String(Math.ceil(decision.retryAfterSeconds / 60)) } };
    } catch (error) {
      logFor('signin').error({ err: error }, 'could not send a sign-in mail');
      return { values: kept, error: 'sendFailed' };
    }
    redirect(`${getPathname({ href: '/signin/check-email', locale })}?${new URLSearchParams({ email })}`);
  },
);
