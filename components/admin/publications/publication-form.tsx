'use client';

import { useTranslations } from 'next-intl';
import type { SiteMessages } from '@/messages';
import type { PublicationFormState } from '@/lib/content/publication-form';
import { isRefused } from '@/lib/forms/state';
import { MAX_UPLOAD_BYTES } from '@/lib/storage/limits';
import { SubmitButton } from '@/components/ui/button';
import { CheckboxField, describedBy, Field, FieldError, TextField } from '@/components/ui/field';
import { Fieldset } from '@/components/ui/fieldset';
import { FormOutcome } from '@/components/ui/notice';
import { cx } from '@/components/ui/styles';
import { useUploadForm } from '../use-upload-form';

const TYPES = ['report', 'case_study', 'briefing', 'submission', 'event_report', 'newsletter'] as const;

export type FormFile = { locale: 'en' | 'es'; fileName: string; size: string };

type Props = {
  locale: string;
  /** The form as the page shows it first: the record, or a refused form's draft. */
  initialState: PublicationFormState;
  topics: { id: string; name: string }[];
  files: FormFile[];
  /** Only an existing newsletter entry may keep the newsletter type. */
  allowNewsletter: boolean;
  typeLabels: Record<string, string>;
  languageNames: Record<'en' | 'es', string>;
};

type FieldErrors = NonNullable<PublicationFormState['fieldErrors']>;

/** A chosen PDF over the limit is refused before anything is sent; the server checks again. */
function precheck(form: HTMLFormElement): PublicationFormState | null {
  const fieldErrors: FieldErrors = {};
  for (const name of ['file_en', 'file_es']) {
    const file = (form.elements.namedItem(name) as HTMLInputElement | null)?.files?.[0];
    if (file && file.size > MAX_UPLOAD_BYTES) fieldErrors[name] = 'tooLarge';
  }
  if (!Object.keys(fieldErrors).length) return null;
  const data = new FormData(form);
  const values = Object.fromEntries([...data.entries()].filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, String(v)]));
  return { values, topics: data.getAll('topics').map(String), fieldErrors };
}

/** A field of the form: its label is adminPublications.fields.<name>. */
type FieldName = keyof SiteMessages['adminPublications']['fields'];

export function PublicationForm({ locale, initialState, topics, files, allowNewsletter, typeLabels, languageNames }: Props) {
  const t = useTranslations('adminPublications');
  const { state, pending, onSubmit } = useUploadForm(initialState, {
    failed: (previous): PublicationFormState => ({ values: previous.values, topics: previous.topics, error: 'failed' }),
    precheck,
  });
  const v = state.values;
  const errors = state.fieldErrors ?? {};
  const isEdit = Boolean(v.id);
  const errorOf = (name: string) => (errors[name] ? t(`errors.${errors[name]}`) : undefined);
  const text = (name: FieldName, opts: { required?: boolean; hint?: string; maxLength?: number } = {}) => (
    <TextField
      id={`pub-${name}`}
      name={name}
      label={t(`fields.${name}`)}
      hint={opts.hint}
      required={opts.required}
      maxLength={opts.maxLength ?? 300}
      defaultValue={v[name]}
      error={errorOf(name)}
      inputClassName="min-w-0"
    />
  );
  const area = (name: FieldName, required?: boolean) => (
    <Field id={`pub-${name}`} label={t(`fields.${name}`)} error={errorOf(name)}>
      {(control) => (
        <textarea
          {...control}
          className={cx(control.className, 'min-w-0')}
          name={name}
          rows={5}
          defaultValue={v[name] ?? ''}
          required={required}
          maxLength={5000}
        />
      )}
    </Field>
  );
  const section = 'grid min-w-0 gap-4 rounded-lg border border-line bg-white p-4 sm:p-5';
  const legend = 'px-1 font-serif text-lg font-semibold';

  // A grid, not space-y: FormOutcome's regions take no room of their own, and the gap spaces what they show.
  return (
    <form
      action={`/api/admin/publications?locale=${locale}`}
      method="post"
      encType="multipart/form-data"
      onSubmit={onSubmit}
      className="mt-6 grid gap-6"
    >
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="id" value={v.id ?? ''} />
      <FormOutcome
        done={state.done && t('saved')}
        error={state.error ? t(`errors.${state.error}`) : isRefused(state) ? t('errors.summary') : undefined}
      />

      <Fieldset id="pub-details" legend={t('sections.details')} legendClassName={legend} className={`${section} sm:grid-cols-2`}>
        <div className="sm:col-span-2">{text('slug', { hint: t('fields.slugHelp'), maxLength: 80 })}</div>
        <Field id="pub-type" label={t('fields.type')} error={errorOf('type')}>
          {(control) => (
            <select {...control} className={cx(control.className, 'min-w-0')} name="type" defaultValue={v.type ?? 'report'}>
              {TYPES.filter((type) => type !== 'newsletter' || allowNewsletter).map((type) => (
                <option key={type} value={type}>
                  {typeLabels[type]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {text('partner', { maxLength: 200 })}
        <TextField
          id="pub-publishedOn"
          name="publishedOn"
          type="date"
          required
          label={t('fields.publishedOn')}
          defaultValue={v.publishedOn}
          error={errorOf('publishedOn')}
          inputClassName="min-w-0"
        />
        <Field id="pub-datePrecision" label={t('fields.datePrecision')}>
          {(control) => (
            <select
              {...control}
              className={cx(control.className, 'min-w-0')}
              name="datePrecision"
              defaultValue={v.datePrecision ?? 'month'}
            >
              {(['day', 'month', 'year'] as const).map((p) => (
                <option key={p} value={p}>
                  {t(`precision.${p}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <CheckboxField
          id="pub-featured"
          name="featured"
          label={t('fields.featured')}
          defaultChecked={v.featured === 'on'}
          className="sm:col-span-2"
        />
      </Fieldset>

      <Fieldset id="pub-english" legend={t('sections.english')} legendClassName={legend} className={section}>
        {text('titleEn', { required: true })}
        {area('summaryEn', true)}
      </Fieldset>

      <Fieldset id="pub-spanish" legend={t('sections.spanish')} legendClassName={legend} className={section}>
        {text('titleEs')}
        {area('summaryEs')}
      </Fieldset>

      <Fieldset id="pub-topics" legend={t('sections.topics')} legendClassName={legend} className={section}>
        {topics.length === 0 ? (
          <p className="text-muted">{t('noTopics')}</p>
        ) : (
          <ul className="grid gap-2 sm:grid-cols-2">
            {topics.map((topic) => (
              <li key={topic.id}>
                <CheckboxField
                  id={`pub-topic-${topic.id}`}
                  name="topics"
                  value={topic.id}
                  label={topic.name}
                  defaultChecked={state.topics.includes(topic.id)}
                />
              </li>
            ))}
          </ul>
        )}
      </Fieldset>

      <Fieldset id="pub-files" legend={t('sections.files')} legendClassName={legend} className={`${section} sm:grid-cols-2`}>
        {(['en', 'es'] as const).map((fileLocale) => {
          const name = `file_${fileLocale}` as const;
          const id = `pub-${name}`;
          const current = files.find((f) => f.locale === fileLocale);
          const hint = current && `${t('fields.current', { name: current.fileName, size: current.size })} ${t('fields.keepHelp')}`;
          const error = errorOf(name);
          // A file refused before it was sent (too large) is read out at once, as the summary is.
          return (
            <Field key={fileLocale} id={id} label={t(`fields.${name}`)} hint={hint} className="min-w-0 break-words">
              {(control) => (
                <>
                  <input
                    {...control}
                    {...describedBy(id, { hint, error })}
                    name={name}
                    type="file"
                    accept="application/pdf,.pdf"
                    className="mt-1 block w-full min-w-0 text-sm file:mr-3 file:rounded-md file:border file:border-brand file:bg-white file:px-3 file:py-1.5 file:text-brand"
                  />
                  <div role="alert">
                    <FieldError id={id}>{error}</FieldError>
                  </div>
                  {current && (
                    <CheckboxField
                      id={`pub-remove_${fileLocale}`}
                      name={`remove_${fileLocale}`}
                      label={t('fields.remove', { language: languageNames[fileLocale] })}
                      defaultChecked={v[`remove_${fileLocale}`] === 'on'}
                      className="mt-2"
                    />
                  )}
                </>
              )}
            </Field>
          );
        })}
      </Fieldset>

      <SubmitButton disabled={pending} className="justify-self-start">
        {isEdit ? t('save') : t('create')}
      </SubmitButton>
    </form>
  );
}
