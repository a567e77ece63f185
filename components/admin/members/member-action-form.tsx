'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import type { MemberActionState } from '@/app/[locale]/admin/members/actions';
import { SubmitButton } from '@/components/ui/button';
import { CheckboxField, describedBy, Field, FieldHint } from '@/components/ui/field';
import { FormOutcome } from '@/components/ui/notice';
import type { SiteMessages } from '@/messages';

type Actions = SiteMessages['adminMembers']['actions'];
/** The member forms: each has a title and a submit text in adminMembers.actions. */
export type MemberFormId = { [K in keyof Actions]: Actions[K] extends { title: string; submit: string } ? K : never }[keyof Actions];
/** A field of form F: its name is the key of its label in the form's messages. */
type FieldName<F extends MemberFormId> = Exclude<Extract<keyof Actions[F], string>, 'title' | 'submit' | 'confirm'>;
/** A field with a hint: the form's messages have `<name>Hint`. */
type HintedName<F extends MemberFormId> = { [N in FieldName<F>]: `${N}Hint` extends keyof Actions[F] ? N : never }[FieldName<F>];

export type ActionField<F extends MemberFormId = MemberFormId> =
  | { name: FieldName<F>; kind: 'text' | 'date' | 'number' | 'textarea'; min?: string; max?: string; step?: string; required?: boolean }
  | {
      name: HintedName<F>;
      kind: 'text' | 'date' | 'number' | 'textarea';
      hint: true;
      min?: string;
      max?: string;
      step?: string;
      required?: boolean;
    }
  | { name: FieldName<F>; kind: 'select'; options: { value: string; label: string }[]; required?: boolean }
  | { name: FieldName<F>; kind: 'checkbox' };

/**
 * One staff action on a member: its fields, a required confirmation checkbox, and the
 * outcome (what was done, or the errors with the input kept).
 */
export function MemberActionForm<F extends MemberFormId>({
  id,
  action,
  locale,
  userId,
  fields,
  initial = {},
  confirm = true,
}: {
  id: F;
  action: (state: MemberActionState, formData: FormData) => Promise<MemberActionState>;
  locale: string;
  userId: string;
  fields: ActionField<F>[];
  initial?: Record<string, string>;
  confirm?: boolean;
}) {
  const typed = useTranslations('adminMembers.actions');
  // The keys below are built from `id` and the field names, which the props' types check
  // against the messages (MemberFormId, FieldName); the compiler cannot follow them into
  // the template strings, so the lookup takes them as checked.
  const t = typed as unknown as (key: string, values?: Record<string, string>) => string;
  const [state, formAction] = useActionState<MemberActionState, FormData>(action, { values: { ...initial, locale, userId } });
  const v = { ...initial, ...state.values };
  const fid = (name: string) => `${id}-${name}`;
  const errorOf = (name: string) => {
    const code = state.fieldErrors?.[name];
    return code && t(`errors.${code}`);
  };

  return (
    <form action={formAction} className="grid gap-3" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="font-serif text-lg font-semibold">
        {t(`${id}.title`)}
      </h3>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="userId" value={userId} />
      <FormOutcome
        done={state.done && t(`done.${state.done}`, state.vars ?? {})}
        error={state.error && t(`errors.${state.error}`, state.vars ?? {})}
      />
      {fields.map((f) => {
        if (f.kind === 'checkbox') {
          return (
            <CheckboxField
              key={f.name}
              id={fid(f.name)}
              name={f.name}
              label={t(`${id}.${f.name}`)}
              defaultChecked={v[f.name] === 'on'}
              error={errorOf(f.name)}
            />
          );
        }
        const error = errorOf(f.name);
        // The hint sits under the control, as the forms of the member page have it.
        const hint = 'hint' in f && f.hint ? t(`${id}.${f.name}Hint`) : undefined;
        return (
          <Field key={f.name} id={fid(f.name)} label={t(`${id}.${f.name}`)} error={error}>
            {(control) => {
              const common = {
                ...control,
                ...describedBy(fid(f.name), { hint, error }),
                name: f.name,
                defaultValue: v[f.name] ?? '',
                required: f.required,
              };
              return (
                <>
                  {f.kind === 'select' ? (
                    <select {...common}>
                      {f.options.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  ) : f.kind === 'textarea' ? (
                    <textarea {...common} rows={4} />
                  ) : (
                    <input
                      {...common}
                      type={f.kind}
                      min={f.min}
                      max={f.max}
                      step={f.step}
                      inputMode={f.kind === 'number' ? 'decimal' : undefined}
                    />
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
