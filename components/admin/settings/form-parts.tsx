'use client';

import { useTranslations } from 'next-intl';
import type { SettingsFormState } from '@/app/[locale]/admin/settings/actions';
import { CheckboxField, TextField } from '@/components/ui/field';
import { FormOutcome } from '@/components/ui/notice';

/** A labelled input of a settings form: its error from the state, its value kept after a refused submit. */
export function Field({
  id,
  name,
  label,
  state,
  type = 'text',
  hint,
  inputMode,
  className,
}: {
  id: string;
  name: string;
  label: string;
  state: SettingsFormState;
  type?: string;
  hint?: string;
  inputMode?: 'numeric' | 'decimal';
  className?: string;
}) {
  const t = useTranslations('adminSettings');
  const error = state.fieldErrors?.[name];
  return (
    <TextField
      id={id}
      name={name}
      label={label}
      hint={hint}
      type={type}
      inputMode={inputMode}
      className={className}
      defaultValue={state.values[name]}
      error={error && t(`errors.${error}`)}
    />
  );
}

/** A required "I am sure" box for money and access changes. */
export function Confirm({ id, label, state }: { id: string; label: string; state: SettingsFormState }) {
  const t = useTranslations('adminSettings');
  return <CheckboxField id={id} name="confirm" label={label} error={state.fieldErrors?.confirm && t('errors.confirm')} />;
}

/** The form-wide outcome: saved, or why not (a Stripe error shows Stripe's own words). */
export function Outcome({ state, savedText }: { state: SettingsFormState; savedText: string }) {
  const t = useTranslations('adminSettings');
  return (
    <FormOutcome
      done={state.done && savedText}
      error={
        state.error && (
          <>
            {t(`errors.${state.error}`)}
            {state.vars?.detail && <span className="mt-1 block font-mono text-sm">{state.vars.detail}</span>}
          </>
        )
      }
    />
  );
}
