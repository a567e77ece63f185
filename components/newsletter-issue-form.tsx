'use client';

import { useTranslations } from 'next-intl';
import { useUploadForm } from '@/components/admin/use-upload-form';
import type { IssueFormState } from '@/lib/newsletter/issue-form';
import { MAX_UPLOAD_BYTES } from '@/lib/storage/limits';

const input = 'mt-1 block w-full rounded-md border border-muted/60 bg-white px-3 py-2 text-base';

/** A chosen PDF over the limit is refused before anything is sent; the server checks again. */
function precheck(form: HTMLFormElement): IssueFormState | null {
  const file = (form.elements.namedItem('pdf') as HTMLInputElement | null)?.files?.[0];
  if (!file || file.size <= MAX_UPLOAD_BYTES) return null;
  const values = Object.fromEntries([...new FormData(form).entries()].filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, String(v)]));
  return { values, fieldErrors: { pdf: 'tooLarge' } };
}

/** `initial`: the issue's fields, or (no JavaScript) a refused form's draft, or a save that led here. */
export function NewsletterIssueForm({ locale, initial }: { locale: string; initial: IssueFormState }) {
  const t = useTranslations('adminNewsletters');
  const { state, pending, onSubmit } = useUploadForm(initial, {
    failed: (previous) => ({ ...previous, fieldErrors: { pdf: 'failed' }, saved: false }),
    precheck,
  });
  const v = state.values;
  const errors = state.fieldErrors ?? {};
  const field = (name: string, type = 'text') => (
    <div>
      <label htmlFor={`nl-${name}`} className="text-sm font-medium">{t(`fields.${name}`)}</label>
      <input id={`nl-${name}`} name={name} type={type} defaultValue={v[name] ?? ''} aria-invalid={errors[name] ? true : undefined} aria-describedby={errors[name] ? `nl-${name}-error` : undefined} className={input} />
      {errors[name] && <p id={`nl-${name}-error`} className="mt-1 text-sm text-brand-dark">{t(`errors.${errors[name]}`)}</p>}
    </div>
  );
  return (
    <form action={`/api/admin/newsletters?locale=${locale}`} method="post" encType="multipart/form-data" onSubmit={onSubmit} className="mt-6 grid gap-4 sm:grid-cols-2">
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="id" value={v.id ?? ''} />
      {state.saved && <p role="status" className="rounded-md border border-accent/40 bg-white px-3 py-2 sm:col-span-2">{t('saved')}</p>}
      {field('number', 'number')}
      {field('issuedOn', 'date')}
      <div className="sm:col-span-2">{field('title')}</div>
      <div className="sm:col-span-2">
        <label htmlFor="nl-summary" className="text-sm font-medium">{t('fields.summary')}</label>
        <textarea id="nl-summary" name="summary" rows={3} defaultValue={v.summary ?? ''} className={input} />
      </div>
      <div className="sm:col-span-2">
        <label htmlFor="nl-body" className="text-sm font-medium">{t('fields.bodyMarkdown')}</label>
        <textarea id="nl-body" name="bodyMarkdown" rows={10} defaultValue={v.bodyMarkdown ?? ''} className={`${input} font-mono text-sm`} />
      </div>
      {field('publicAfterMonths', 'number')}
      <div>
        <label htmlFor="nl-pdf" className="text-sm font-medium">{t('fields.pdf')}</label>
        <input id="nl-pdf" name="pdf" type="file" accept="application/pdf" aria-invalid={errors.pdf ? true : undefined} aria-describedby={errors.pdf ? 'nl-pdf-error' : undefined} className="mt-1 block w-full text-sm" />
        {errors.pdf && <p id="nl-pdf-error" role="alert" className="mt-1 text-sm text-brand-dark">{t(`errors.${errors.pdf}`)}</p>}
      </div>
      <button type="submit" disabled={pending} className="rounded-md bg-brand px-5 py-2.5 font-medium text-white hover:bg-brand-dark disabled:opacity-70 sm:col-span-2 sm:justify-self-start">{t('save')}</button>
    </form>
  );
}
