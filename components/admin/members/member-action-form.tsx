'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import type { MemberActionState } from '@/app/[locale]/admin/members/actions';
import { SubmitButton } from '@/components/ui/button';
import { CheckboxField, describedBy, Field, FieldHint } from '@/components/ui/field';
import { FormOutcome } from '@/components/ui/notice';

export type ActionField =
  | { name: string; kind: 'text' | 'date' | 'number' | 'textarea'; hint?: boolean; min?: string; max?: string; step?: string; required?: boolean }
  | { name: string; kind: 'select'; options: { value: string; label: string }[]; required?: boolean }
  | { name: string; kind: 'checkbox' };

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
  const [state, formAction] = useActionState<MemberActionState, FormData>(action, { values: { ...initial, locale, userId } });
  const v = { ...initial, ...state.values };
  const fid = (name: string) => `${id}-${name}`;
  const errorOf = (name: string) => {
    const code = state.fieldErrors?.[name];
    return code && t(`errors.${code}`);
  };

  return (
    <form action={formAction} className="grid gap-3" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="font-serif text-lg font-semibold">{t(`${id}.title`)}</h3>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="userId" value={userId} />
      <FormOutcome done={state.done && t(`done.${state.done}`, state.vars ?? {})} error={state.error && t(`errors.${state.error}`, state.vars ?? {})} />
      {fields.map((f) => {
        if (f.kind === 'checkbox') {
          return <CheckboxField key={f.name} id={fid(f.name)} name={f.name} label={t(`${id}.${f.name}`)} defaultChecked={v[f.name] === 'on'} error={errorOf(f.name)} />;
        }
        const error = errorOf(f.name);
        // The hint sits under the control, as the forms of the member page have it.
        const hint = 'hint' in f && f.hint ? t(`${id}.${f.name}Hint`) : undefined;
        return (
          <Field key={f.name} id={fid(f.name)} label={t(`${id}.${f.name}`)} error={error}>
            {(control) => {
              const common = { ...control, ...describedBy(fid(f.name), { hint, error }), name: f.name, defaultValue: v[f.name] ?? '', required: f.required };
              return (
                <>
                  {f.kind === 'select' ? (
                    <select {...common}>
                      {f.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                    </select>
                  ) : f.kind === 'textarea' ? (
                    <textarea {...common} rows={4} />
                  ) : (
                    <input {...common} type={f.kind} min={f.min} max={f.max} step={f.step} inputMode={f.kind === 'number' ? 'decimal' : undefined} />
                  )}
                  <FieldHint id={fid(f.name)}>{hint}</FieldHint>
                </>
              );
            }}
          </Field>
        );
      })}
      {confirm && <CheckboxField id={fid('confirm')} name="confirm" label={t(`${id}.confirm`)} required error={errorOf('confirm')} />}
      <SubmitButton className="justify-self-start">{t(`${id}.submit`)}</SubmitButton>
    </form>
  );
}
