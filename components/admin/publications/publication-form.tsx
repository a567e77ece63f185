'use client';

import { useTranslations } from 'next-intl';
import type { PublicationFormState } from '@/lib/content/publication-form';
import { MAX_UPLOAD_BYTES } from '@/lib/storage/limits';
import { useUploadForm } from '../use-upload-form';

const input = 'mt-1 block w-full min-w-0 rounded-md border border-muted/60 bg-white px-3 py-2 text-base';
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

/** A chosen PDF over the limit is refused before anything is sent; the server checks again. */
function precheck(form: HTMLFormElement, previous: PublicationFormState): PublicationFormState | null {
  const fieldErrors: Record<string, string> = {};
  for (const name of ['file_en', 'file_es']) {
    const file = (form.elements.namedItem(name) as HTMLInputElement | null)?.files?.[0];
    if (file && file.size > MAX_UPLOAD_BYTES) fieldErrors[name] = 'tooLarge';
  }
  if (!Object.keys(fieldErrors).length) return null;
  const data = new FormData(form);
  const values = Object.fromEntries([...data.entries()].filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, String(v)]));
  return { ...previous, values, topics: data.getAll('topics').map(String), fieldErrors, saved: false };
}

export function PublicationForm({ locale, initialState, topics, files, allowNewsletter, typeLabels, languageNames }: Props) {
  const t = useTranslations('adminPublications');
  const { state, pending, onSubmit } = useUploadForm(initialState, {
    failed: (previous) => ({ ...previous, fieldErrors: { form: 'failed' }, saved: false }),
    precheck,
  });
  const v = state.values;
  const errors = state.fieldErrors ?? {};
  const isEdit = Boolean(v.id);
  const described = (name: string, help?: boolean) =>
    [errors[name] ? `pub-${name}-error` : '', help ? `pub-${name}-help` : ''].filter(Boolean).join(' ') || undefined;
  const error = (name: string) =>
    errors[name] ? <p id={`pub-${name}-error`} className="mt-1 text-sm font-medium text-brand-dark">{t(`errors.${errors[name]}`)}</p> : null;
  const text = (name: string, opts: { required?: boolean; help?: string; maxLength?: number } = {}) => (
    <div>
      <label htmlFor={`pub-${name}`} className="text-sm font-medium">{t(`fields.${name}`)}</label>
      <input id={`pub-${name}`} name={name} type="text" defaultValue={v[name] ?? ''} required={opts.required} maxLength={opts.maxLength ?? 300}
        aria-invalid={errors[name] ? true : undefined} aria-describedby={described(name, Boolean(opts.help))} className={input} />
      {opts.help && <p id={`pub-${name}-help`} className="mt-1 text-sm text-muted">{opts.help}</p>}
      {error(name)}
    </div>
  );
  const area = (name: string, required?: boolean) => (
    <div>
      <label htmlFor={`pub-${name}`} className="text-sm font-medium">{t(`fields.${name}`)}</label>
      <textarea id={`pub-${name}`} name={name} rows={5} defaultValue={v[name] ?? ''} required={required} maxLength={5000}
        aria-invalid={errors[name] ? true : undefined} aria-describedby={described(name)} className={input} />
      {error(name)}
    </div>
  );
  const section = 'grid gap-4 rounded-lg border border-line bg-white p-4 sm:p-5';
  const legend = 'px-1 font-serif text-lg font-semibold';

  return (
    <form action={`/api/admin/publications?locale=${locale}`} method="post" encType="multipart/form-data" onSubmit={onSubmit} className="mt-6 space-y-6">
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="id" value={v.id ?? ''} />
      {state.saved && <p role="status" className="rounded-md border border-accent/40 bg-white px-3 py-2">{t('saved')}</p>}
      {Object.keys(errors).length > 0 && (
        <p role="alert" className="rounded-md border border-brand/40 bg-brand-soft px-3 py-2 font-medium text-brand-dark">
          {errors.form ? t(`errors.${errors.form}`) : t('errors.summary')}
        </p>
      )}

      <fieldset className={`${section} sm:grid-cols-2`}>
        <legend className={legend}>{t('sections.details')}</legend>
        <div className="sm:col-span-2">{text('slug', { help: t('fields.slugHelp'), maxLength: 80 })}</div>
        <div>
          <label htmlFor="pub-type" className="text-sm font-medium">{t('fields.type')}</label>
          <select id="pub-type" name="type" defaultValue={v.type ?? 'report'} aria-invalid={errors.type ? true : undefined} aria-describedby={described('type')} className={input}>
            {TYPES.filter((type) => type !== 'newsletter' || allowNewsletter).map((type) => (
              <option key={type} value={type}>{typeLabels[type]}</option>
            ))}
          </select>
          {error('type')}
        </div>
        {text('partner', { maxLength: 200 })}
        <div>
          <label htmlFor="pub-publishedOn" className="text-sm font-medium">{t('fields.publishedOn')}</label>
          <input id="pub-publishedOn" name="publishedOn" type="date" required defaultValue={v.publishedOn ?? ''}
            aria-invalid={errors.publishedOn ? true : undefined} aria-describedby={described('publishedOn')} className={input} />
          {error('publishedOn')}
        </div>
        <div>
          <label htmlFor="pub-datePrecision" className="text-sm font-medium">{t('fields.datePrecision')}</label>
          <select id="pub-datePrecision" name="datePrecision" defaultValue={v.datePrecision ?? 'month'} className={input}>
            {(['day', 'month', 'year'] as const).map((p) => <option key={p} value={p}>{t(`precision.${p}`)}</option>)}
          </select>
        </div>
        <div className="flex items-center gap-2 sm:col-span-2">
          <input id="pub-featured" name="featured" type="checkbox" defaultChecked={v.featured === 'on'} className="h-5 w-5" />
          <label htmlFor="pub-featured">{t('fields.featured')}</label>
        </div>
      </fieldset>

      <fieldset className={section}>
        <legend className={legend}>{t('sections.english')}</legend>
        {text('titleEn', { required: true })}
        {area('summaryEn', true)}
      </fieldset>

      <fieldset className={section}>
        <legend className={legend}>{t('sections.spanish')}</legend>
        {text('titleEs')}
        {area('summaryEs')}
      </fieldset>

      <fieldset className={section}>
        <legend className={legend}>{t('sections.topics')}</legend>
        {topics.length === 0 ? (
          <p className="text-muted">{t('noTopics')}</p>
        ) : (
          <ul className="grid gap-2 sm:grid-cols-2">
            {topics.map((topic) => (
              <li key={topic.id} className="flex items-start gap-2">
                <input id={`pub-topic-${topic.id}`} name="topics" type="checkbox" value={topic.id} defaultChecked={state.topics.includes(topic.id)} className="mt-1 h-5 w-5 shrink-0" />
                <label htmlFor={`pub-topic-${topic.id}`}>{topic.name}</label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>

      <fieldset className={`${section} sm:grid-cols-2`}>
        <legend className={legend}>{t('sections.files')}</legend>
        {(['en', 'es'] as const).map((fileLocale) => {
          const name = `file_${fileLocale}`;
          const current = files.find((f) => f.locale === fileLocale);
          return (
            <div key={fileLocale} className="min-w-0">
              <label htmlFor={`pub-${name}`} className="text-sm font-medium">{t(`fields.${name}`)}</label>
              {current && (
                <p id={`pub-${name}-help`} className="mt-1 break-words text-sm text-muted">
                  {t('fields.current', { name: current.fileName, size: current.size })} {t('fields.keepHelp')}
                </p>
              )}
              <input id={`pub-${name}`} name={name} type="file" accept="application/pdf,.pdf"
                aria-invalid={errors[name] ? true : undefined} aria-describedby={described(name, Boolean(current))}
                className="mt-1 block w-full min-w-0 text-sm file:mr-3 file:rounded-md file:border file:border-brand file:bg-white file:px-3 file:py-1.5 file:text-brand" />
              {errors[name] && <p id={`pub-${name}-error`} role="alert" className="mt-1 text-sm font-medium text-brand-dark">{t(`errors.${errors[name]}`)}</p>}
              {current && (
                <div className="mt-2 flex items-center gap-2">
                  <input id={`pub-remove_${fileLocale}`} name={`remove_${fileLocale}`} type="checkbox" defaultChecked={v[`remove_${fileLocale}`] === 'on'} className="h-5 w-5" />
                  <label htmlFor={`pub-remove_${fileLocale}`}>{t('fields.remove', { language: languageNames[fileLocale] })}</label>
                </div>
              )}
            </div>
          );
        })}
      </fieldset>

      <button type="submit" disabled={pending} className="rounded-md bg-brand px-5 py-2.5 font-medium text-white hover:bg-brand-dark disabled:opacity-70">
        {isEdit ? t('save') : t('create')}
      </button>
    </form>
  );
}
