'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { savePageAction, type PageFormState } from '@/app/[locale]/admin/pages/actions';
import { ContentPage } from '@/components/content-page';

const input = 'mt-1 block w-full min-w-0 rounded-md border border-muted/60 bg-white px-3 py-2 text-base';

/**
 * One language of a content page. Both buttons post the form: "Preview" renders the text
 * with the public page's own components without saving, "Save" stores it.
 */
export function PageForm({ locale, initial }: { locale: string; initial: Record<string, string> }) {
  const t = useTranslations('adminPages');
  const [state, action, pending] = useActionState<PageFormState, FormData>(savePageAction, { values: initial });
  const v = state.values;
  const errors = state.fieldErrors ?? {};
  const err = (name: string) =>
    errors[name] ? <p id={`page-${name}-error`} className="mt-1 text-sm font-medium text-brand-dark">{t(`errors.${errors[name]}`)}</p> : null;
  return (
    <>
      <form action={action} className="mt-6 space-y-4">
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="slug" value={v.slug} />
        <input type="hidden" name="pageLocale" value={v.pageLocale} />
        {state.saved && <p role="status" className="rounded-md border border-accent/40 bg-white px-3 py-2">{t('saved')}</p>}
        <div>
          <label htmlFor="page-title" className="text-sm font-medium">{t('fields.title')}</label>
          <input id="page-title" name="title" type="text" required maxLength={200} defaultValue={v.title ?? ''} lang={v.pageLocale}
            aria-invalid={errors.title ? true : undefined} aria-describedby={errors.title ? 'page-title-error' : undefined} className={input} />
          {err('title')}
        </div>
        <div>
          <label htmlFor="page-body" className="text-sm font-medium">{t('fields.bodyMarkdown')}</label>
          <textarea id="page-body" name="bodyMarkdown" rows={18} required defaultValue={v.bodyMarkdown ?? ''} lang={v.pageLocale}
            aria-invalid={errors.bodyMarkdown ? true : undefined} aria-describedby={`page-body-help${errors.bodyMarkdown ? ' page-bodyMarkdown-error' : ''}`}
            className={`${input} font-mono text-sm`} />
          <p id="page-body-help" className="mt-1 text-sm text-muted">{t('fields.bodyHelp')}</p>
          {err('bodyMarkdown')}
        </div>
        <div className="flex flex-wrap gap-3">
          <button type="submit" name="intent" value="preview" disabled={pending} className="rounded-md border border-brand px-5 py-2.5 font-medium text-brand hover:bg-brand-soft disabled:opacity-70">{t('preview')}</button>
          <button type="submit" name="intent" value="save" disabled={pending} className="rounded-md bg-brand px-5 py-2.5 font-medium text-white hover:bg-brand-dark disabled:opacity-70">{t('save')}</button>
        </div>
      </form>
      {state.preview && !state.fieldErrors && (
        <section aria-labelledby="page-preview-heading" className="mt-8 rounded-lg border-2 border-dashed border-line bg-white">
          <h2 id="page-preview-heading" className="border-b border-line px-4 py-2 text-sm font-semibold uppercase tracking-wide text-muted">
            {state.saved ? t('previewSaved') : t('previewTitle')}
          </h2>
          <div lang={v.pageLocale}>
            <ContentPage title={v.title ?? ''} body={v.bodyMarkdown ?? ''} />
          </div>
        </section>
      )}
    </>
  );
}
