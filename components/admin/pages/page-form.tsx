'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { savePageAction, type PageFormState } from '@/app/[locale]/admin/pages/actions';
import { ContentPage } from '@/components/content-page';
import { SubmitButton } from '@/components/ui/button';
import { Field, TextField } from '@/components/ui/field';
import { FormOutcome } from '@/components/ui/notice';
import { cx } from '@/components/ui/styles';

/**
 * One language of a content page. Both buttons post the form: "Preview" renders the text
 * with the public page's own components without saving, "Save" stores it.
 */
export function PageForm({ locale, initial }: { locale: string; initial: Record<string, string> }) {
  const t = useTranslations('adminPages');
  const [state, action] = useActionState<PageFormState, FormData>(savePageAction, { values: initial });
  const v = state.values;
  const errorOf = (name: string) => {
    const error = state.fieldErrors?.[name];
    return error && t(`errors.${error}`);
  };
  // A grid, not space-y: FormOutcome's regions take no room of their own, and the gap spaces what they show.
  return (
    <>
      <form action={action} className="mt-6 grid gap-4">
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="slug" value={v.slug} />
        <input type="hidden" name="pageLocale" value={v.pageLocale} />
        <FormOutcome done={state.done === 'saved' && t('saved')} />
        <TextField
          id="page-title"
          name="title"
          label={t('fields.title')}
          required
          maxLength={200}
          defaultValue={v.title}
          lang={v.pageLocale}
          error={errorOf('title')}
          inputClassName="min-w-0"
        />
        <Field id="page-body" label={t('fields.bodyMarkdown')} hint={t('fields.bodyHelp')} error={errorOf('bodyMarkdown')}>
          {(control) => (
            <textarea
              {...control}
              className={cx(control.className, 'min-w-0 font-mono text-sm')}
              name="bodyMarkdown"
              rows={18}
              required
              defaultValue={v.bodyMarkdown ?? ''}
              lang={v.pageLocale}
            />
          )}
        </Field>
        <div className="flex flex-wrap gap-3">
          <SubmitButton variant="secondary" name="intent" value="preview">
            {t('preview')}
          </SubmitButton>
          <SubmitButton name="intent" value="save">
            {t('save')}
          </SubmitButton>
        </div>
      </form>
      {state.done && (
        <section aria-labelledby="page-preview-heading" className="mt-8 rounded-lg border-2 border-dashed border-line bg-white">
          <h2 id="page-preview-heading" className="border-b border-line px-4 py-2 text-sm font-semibold uppercase tracking-wide text-muted">
            {state.done === 'saved' ? t('previewSaved') : t('previewTitle')}
          </h2>
          <div lang={v.pageLocale}>
            <ContentPage title={v.title ?? ''} body={v.bodyMarkdown ?? ''} />
          </div>
        </section>
      )}
    </>
  );
}
