'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { createTopicAction, renameTopicAction, type TopicFormState } from '@/app/[locale]/admin/publications/topics/actions';

const input = 'mt-1 block w-full min-w-0 rounded-md border border-muted/60 bg-white px-3 py-2 text-base';

function Field({ id, name, label, value, error, required = true }: { id: string; name: string; label: string; value?: string; error?: string; required?: boolean }) {
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="text-sm font-medium">{label}</label>
      <input id={id} name={name} type="text" defaultValue={value ?? ''} required={required} maxLength={100}
        aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} className={input} />
      {error && <p id={`${id}-error`} className="mt-1 text-sm font-medium text-brand-dark">{error}</p>}
    </div>
  );
}

export function NewTopicForm({ locale }: { locale: string }) {
  const t = useTranslations('adminTopics');
  const [state, action, pending] = useActionState<TopicFormState, FormData>(createTopicAction, { values: {} });
  const e = state.fieldErrors ?? {};
  const err = (name: string) => (e[name] ? t(`errors.${e[name]}`) : undefined);
  return (
    <form action={action} className="mt-4 grid gap-3 sm:grid-cols-3 sm:items-start">
      <input type="hidden" name="locale" value={locale} />
      <Field id="topic-new-en" name="nameEn" label={t('nameEn')} value={state.values.nameEn} error={err('nameEn')} />
      <Field id="topic-new-es" name="nameEs" label={t('nameEs')} value={state.values.nameEs} error={err('nameEs')} />
      <Field id="topic-new-slug" name="slug" label={t('slug')} value={state.values.slug} error={err('slug')} required={false} />
      <div className="flex flex-wrap items-center gap-3 sm:col-span-3">
        <button type="submit" disabled={pending} className="rounded-md bg-brand px-4 py-2 font-medium text-white hover:bg-brand-dark disabled:opacity-70">{t('addButton')}</button>
        {state.saved && <p role="status">{t('added')}</p>}
      </div>
    </form>
  );
}

/** `describedBy`: the topic's heading, so each "Save names" button says which topic it saves. */
export function RenameTopicForm({ locale, topic, describedBy }: { locale: string; topic: { id: string; nameEn: string; nameEs: string }; describedBy: string }) {
  const t = useTranslations('adminTopics');
  const [state, action, pending] = useActionState<TopicFormState, FormData>(renameTopicAction, { values: { nameEn: topic.nameEn, nameEs: topic.nameEs } });
  const e = state.fieldErrors ?? {};
  const err = (name: string) => (e[name] ? t(`errors.${e[name]}`) : undefined);
  return (
    <form action={action} className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="id" value={topic.id} />
      <Field id={`topic-${topic.id}-en`} name="nameEn" label={t('nameEn')} value={state.values.nameEn} error={err('nameEn')} />
      <Field id={`topic-${topic.id}-es`} name="nameEs" label={t('nameEs')} value={state.values.nameEs} error={err('nameEs')} />
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} aria-describedby={describedBy} className="rounded-md border border-brand px-4 py-2 font-medium text-brand hover:bg-brand-soft disabled:opacity-70">{t('rename')}</button>
        {state.saved && <p role="status">{t('saved')}</p>}
      </div>
    </form>
  );
}
