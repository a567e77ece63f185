'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { requestSignInLink, type SignInFormState } from '@/app/[locale]/signin/actions';

/** Works without JavaScript too: the form posts to the server action and re-renders with its state. */
export function SignInForm({ locale, callbackUrl, email = '', submitLabel }: { locale: string; callbackUrl?: string; email?: string; submitLabel?: string }) {
  const t = useTranslations('signin');
  const [state, action, pending] = useActionState<SignInFormState, FormData>(requestSignInLink, { email });
  const errorId = 'signin-email-error';
  return (
    <form action={action} className="mt-6 space-y-4" noValidate>
      <input type="hidden" name="locale" value={locale} />
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <div>
        <label htmlFor="signin-email" className="font-medium">{t('emailLabel')}</label>
        <input
          id="signin-email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.email}
          aria-invalid={state.error === 'invalidEmail' || undefined}
          aria-describedby={state.error ? errorId : undefined}
          className="mt-1 block w-full rounded-md border border-muted/60 bg-white px-3 py-2 text-base"
        />
      </div>
      {state.error && (
        <p id={errorId} role="alert" className="rounded-md border border-brand/40 bg-brand-soft px-3 py-2 text-brand-dark">
          {state.error === 'tooMany' ? t('tooMany', { minutes: state.retryAfterMinutes ?? 15 }) : t(state.error)}
        </p>
      )}
      <button type="submit" disabled={pending} className="rounded-md bg-brand px-5 py-2.5 font-medium text-white hover:bg-brand-dark disabled:opacity-70">
        {pending ? t('sending') : (submitLabel ?? t('submit'))}
      </button>
    </form>
  );
}
