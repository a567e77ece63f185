'use client';

import { useTranslations } from 'next-intl';
import type { SettingsFormState } from '@/app/[locale]/admin/settings/actions';

export const inputClass = 'mt-1 block w-full rounded-md border border-muted/60 bg-white px-3 py-2 text-base';
export const buttonClass = 'rounded-md bg-brand px-4 py-2 font-medium text-white hover:bg-brand-dark disabled:opacity-70';

/** A labelled input whose error is tied to it for screen readers; the value survives a failed submit. */
export function Field({ id, name, label, state, type = 'text', hint, inputMode, className }: { id: string; name: string; label: string; state: SettingsFormState; type?: string; hint?: string; inputMode?: 'numeric' | 'decimal'; className?: string }) {
  const t = useTranslations('adminSettings');
  const error = state.fieldErrors?.[name];
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="text-sm font-medium">{label}</label>
      {hint && <p id={`${id}-hint`} className="text-sm text-muted">{hint}</p>}
      <input id={id} name={name} type={type} inputMode={inputMode} defaultValue={state.values[name] ?? ''} aria-invalid={error ? true : undefined} aria-describedby={described} className={inputClass} />
      {error && <p id={`${id}-error`} className="mt-1 text-sm text-brand-dark">{t(`errors.${error}`)}</p>}
    </div>
  );
}

/** A required "I am sure" box for money and access changes. */
export function Confirm({ id, label, state }: { id: string; label: string; state: SettingsFormState }) {
  const t = useTranslations('adminSettings');
  const error = state.fieldErrors?.confirm;
  return (
    <div>
      <div className="flex items-start gap-2">
        <input id={id} name="confirm" type="checkbox" className="mt-1 size-4" aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
        <label htmlFor={id} className="text-sm">{label}</label>
      </div>
      {error && <p id={`${id}-error`} className="mt-1 text-sm text-brand-dark">{t('errors.confirm')}</p>}
    </div>
  );
}

/** The form-wide outcome: saved, or why not (a Stripe error shows Stripe's own words). */
export function Outcome({ state, savedText }: { state: SettingsFormState; savedText: string }) {
  const t = useTranslations('adminSettings');
  if (state.saved) return <p role="status" className="rounded-md border border-accent/40 bg-white px-3 py-2">{savedText}</p>;
  if (state.error)
    return (
      <p role="alert" className="rounded-md border border-brand/50 bg-white px-3 py-2 text-brand-dark">
        {t(`errors.${state.error}`)}
        {state.detail && <span className="mt-1 block font-mono text-sm">{state.detail}</span>}
      </p>
    );
  return null;
}
