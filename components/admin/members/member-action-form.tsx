'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import type { MemberActionState } from '@/app/[locale]/admin/members/actions';

export type ActionField =
  | { name: string; kind: 'text' | 'date' | 'number' | 'textarea'; hint?: boolean; min?: string; max?: string; step?: string; required?: boolean }
  | { name: string; kind: 'select'; options: { value: string; label: string }[]; required?: boolean }
  | { name: string; kind: 'checkbox' };

const input = 'mt-1 block w-full rounded-md border border-muted/60 bg-white px-3 py-2 text-base';

/**
 * One staff action on a member: its fields, a required confirmation checkbox, and the
 * outcome (what was done, or the errors with the input kept).
 */
export function MemberActionForm({
  id,
  action,
  locale,
  userId,
  fields,
  initial = {},
  confirm = true,
}: {
  id: string;
  action: (state: MemberActionState, formData: FormData) => Promise<MemberActionState>;
  locale: string;
  userId: string;
  fields: ActionField[];
  initial?: Record<string, string>;
  confirm?: boolean;
}) {
  const t = useTranslations('adminMembers.actions');
  const [state, formAction, pending] = useActionState<MemberActionState, FormData>(action, { values: { ...initial, locale, userId } });
  const v = { ...initial, ...state.values };
  const errors = state.fieldErrors ?? {};
  const fid = (name: string) => `${id}-${name}`;
  const described = (name: string, hint?: boolean) => [errors[name] ? `${fid(name)}-error` : '', hint ? `${fid(name)}-hint` : ''].filter(Boolean).join(' ') || undefined;
  const error = (name: string) =>
    errors[name] ? <p id={`${fid(name)}-error`} className="mt-1 text-sm text-brand-dark">{t(`errors.${errors[name]}`)}</p> : null;

  return (
    <form action={formAction} className="grid gap-3" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="font-serif text-lg font-semibold">{t(`${id}.title`)}</h3>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="userId" value={userId} />
      {state.done && <p role="status" className="rounded-md border border-accent/40 bg-white px-3 py-2">{t(`done.${state.done}`, state.doneVars ?? {})}</p>}
      {state.error && <p role="alert" className="rounded-md border border-brand/40 bg-brand-soft px-3 py-2">{t(`errors.${state.error}`, state.doneVars ?? {})}</p>}
      {fields.map((f) => {
        if (f.kind === 'checkbox') {
          return (
            <div key={f.name} className="flex items-start gap-2">
              <input id={fid(f.name)} name={f.name} type="checkbox" defaultChecked={v[f.name] === 'on'} className="mt-1 h-5 w-5 shrink-0" />
              <label htmlFor={fid(f.name)}>{t(`${id}.${f.name}`)}</label>
            </div>
          );
        }
        const common = { id: fid(f.name), name: f.name, defaultValue: v[f.name] ?? '', 'aria-invalid': errors[f.name] ? true : undefined, required: f.required };
        return (
          <div key={f.name}>
            <label htmlFor={fid(f.name)} className="text-sm font-medium">{t(`${id}.${f.name}`)}</label>
            {f.kind === 'select' ? (
              <select {...common} aria-describedby={described(f.name)} className={input}>
                {f.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
              </select>
            ) : f.kind === 'textarea' ? (
              <textarea {...common} rows={4} aria-describedby={described(f.name, f.hint)} className={input} />
            ) : (
              <input {...common} type={f.kind} min={f.min} max={f.max} step={f.step} inputMode={f.kind === 'number' ? 'decimal' : undefined} aria-describedby={described(f.name, f.hint)} className={input} />
            )}
            {'hint' in f && f.hint && <p id={`${fid(f.name)}-hint`} className="mt-1 text-sm text-muted">{t(`${id}.${f.name}Hint`)}</p>}
            {error(f.name)}
          </div>
        );
      })}
      {confirm && (
        <div>
          <div className="flex items-start gap-2">
            <input id={fid('confirm')} name="confirm" type="checkbox" required aria-invalid={errors.confirm ? true : undefined} aria-describedby={errors.confirm ? `${fid('confirm')}-error` : undefined} className="mt-1 h-5 w-5 shrink-0" />
            <label htmlFor={fid('confirm')}>{t(`${id}.confirm`)}</label>
          </div>
          {error('confirm')}
        </div>
      )}
      <button type="submit" disabled={pending} className="justify-self-start rounded-md bg-brand px-5 py-2.5 font-medium text-white hover:bg-brand-dark disabled:opacity-70">{t(`${id}.submit`)}</button>
    </form>
  );
}
