'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { requestSignInLink, type SignInFormState } from '@/app/[locale]/signin/actions';
import { SubmitButton } from '@/components/ui/button';
import { describedBy, Field, FieldError } from '@/components/ui/field';
import { FormOutcome } from '@/components/ui/notice';
import { isRefused } from '@/lib/forms/state';

const id = 'signin-email';

/** Works without JavaScript too: the form posts to the server action and re-renders with its state. */
/** `permalink`: the page the form is on (lib/forms/permalink.ts), where it posts without JavaScript. */
export function SignInForm({
  locale,
  permalink,
  callbackUrl,
  email = '',
  submitLabel,
}: {
  locale: string;
  permalink: string;
  callbackUrl?: string;
  email?: string;
  submitLabel?: string;
}) {
  const t = useTranslations('signin');
  const [state, action, pending] = useActionState<SignInFormState, FormData>(requestSignInLink, { values: { email } }, permalink);
  // The address is the form's one field: any refused input is "not a valid address", read out at once.
  const sent = state.error === 'tooMany' || state.error === 'sendFailed';
  const emailError = isRefused(state) && !sent ? t('invalidEmail') : undefined;
  // A grid, not space-y: FormOutcome's regions take no room of their own, and the gap spaces what they show.
  return (
    <form action={action} className="mt-6 grid gap-4" noValidate>
      <input type="hidden" name="locale" value={locale} />
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <Field id={id} label={t('emailLabel')}>
        {(control) => (
          <>
            <input
              {...control}
              {...describedBy(id, { error: emailError })}
              name="email"
              type="email"
              autoComplete="email"
              required
              defaultValue={state.values.email ?? ''}
            />
            <div role="alert">
              <FieldError id={id}>{emailError}</FieldError>
            </div>
          </>
        )}
      </Field>
      <FormOutcome
        error={
          state.error === 'tooMany'
            ? t('tooMany', { minutes: Number(state.vars?.minutes ?? 15) })
            : state.error === 'sendFailed'
              ? t('sendFailed')
              : undefined
        }
      />
      <SubmitButton className="justify-self-start">{pending ? t('sending') : (submitLabel ?? t('submit'))}</SubmitButton>
    </form>
  );
}
