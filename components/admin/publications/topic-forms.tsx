'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { createTopicAction, renameTopicAction, type TopicFormState } from '@/app/[locale]/admin/publications/topics/actions';
import { SubmitButton } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormOutcome } from '@/components/ui/notice';

/** A topic's name or slug: its error from the state, its value kept after a refused submit. */
function NameField({
  id,
  name,
  label,
  state,
  required = true,
}: {
  id: string;
  name: string;
  label: string;
  state: TopicFormState;
  required?: boolean;
}) {
  const t = useTranslations('adminTopics');
  const error = state.fieldErrors?.[name];
  return (
    <TextField
      id={id}
      name={name}
      label={label}
      required={required}
      maxLength={100}
      defaultValue={state.values[name]}
      error={error && t(`errors.${error}`)}
      className="min-w-0"
      inputClassName="min-w-0"
    />
  );
}

export function NewTopicForm({ locale }: { locale: string }) {
  const t = useTranslations('adminTopics');
  const [state, action] = useActionState<TopicFormState, FormData>(createTopicAction, { values: {} });
  return (
    <form action={action} className="mt-4 grid gap-3 sm:grid-cols-3 sm:items-start">
      <input type="hidden" name="locale" value={locale} />
      <NameField id="topic-new-en" name="nameEn" label={t('nameEn')} state={state} />
      <NameField id="topic-new-es" name="nameEs" label={t('nameEs')} state={state} />
      <NameField id="topic-new-slug" name="slug" label={t('slug')} state={state} required={false} />
      <div className="flex flex-wrap items-center gap-3 sm:col-span-3">
        <SubmitButton size="md">{t('addButton')}</SubmitButton>
        <FormOutcome done={state.done && t('added')} />
      </div>
    </form>
  );
}

/** `describedBy`: the topic's heading, so each "Save names" button says which topic it saves. */
export function RenameTopicForm({
  locale,
  topic,
  describedBy,
}: {
  locale: string;
  topic: { id: string; nameEn: string; nameEs: string };
  describedBy: string;
}) {
  const t = useTranslations('adminTopics');
  const [state, action] = useActionState<TopicFormState, FormData>(renameTopicAction, {
    values: { nameEn: topic.nameEn, nameEs: topic.nameEs },
  });
  return (
    <form action={action} className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="id" value={topic.id} />
      <NameField id={`topic-${topic.id}-en`} name="nameEn" label={t('nameEn')} state={state} />
      <NameField id={`topic-${topic.id}-es`} name="nameEs" label={t('nameEs')} state={state} />
      <div className="flex items-center gap-3">
        <SubmitButton variant="secondary" size="md" aria-describedby={describedBy}>
          {t('rename')}
        </SubmitButton>
        <FormOutcome done={state.done && t('saved')} />
      </div>
    </form>
  );
}
