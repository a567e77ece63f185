'use client';

import { useTranslations } from 'next-intl';
import type { SiteMessages } from '@/messages';
import { useUploadForm } from '@/components/admin/use-upload-form';
import { SubmitButton } from '@/components/ui/button';
import { describedBy, Field, FieldError, TextField } from '@/components/ui/field';
import { FormOutcome } from '@/components/ui/notice';
import { cx } from '@/components/ui/styles';
import type { IssueFormState } from '@/lib/newsletter/issue-form';
import { MAX_UPLOAD_BYTES } from '@/lib/storage/limits';

/** A chosen PDF over the limit is refused before anything is sent; the server checks again. */
function precheck(form: HTMLFormElement): IssueFormState | null {
  const file = (form.elements.namedItem('pdf') as HTMLInputElement | null)?.files?.[0];
  if (!file || file.size <= MAX_UPLOAD_BYTES) return null;
  const values = Object.fromEntries(
    [...new FormData(form).entries()].filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, String(v)]),
  );
  return { values, fieldErrors: { pdf: 'tooLarge' } };
}

/** `initial`: the issue's fields, or (no JavaScript) a refused form's draft, or a save that led here. */
/** A field of the form: its label is adminNewsletters.fields.<name>. */
type FieldName = keyof SiteMessages['adminNewsletters']['fields'];

export function NewsletterIssueForm({ locale, initial }: { locale: string; initial: IssueFormState }) {
  const t = useTranslations('adminNewsletters');
  const { state, pending, onSubmit } = useUploadForm(initial, {
    failed: (previous): IssueFormState => ({ values: previous.values, fieldErrors: { pdf: 'failed' } }),
    precheck,
  });
  const v = state.values;
  const errorOf = (name: string) => {
    const error = state.fieldErrors?.[name];
    return error && t(`errors.${error}`);
  };
  const field = (name: FieldName, type = 'text') => (
    <TextField id={`nl-${name}`} name={name} type={type} label={t(`fields.${name}`)} defaultValue={v[name]} error={errorOf(name)} />
  );
  const area = (id: string, name: FieldName, rows: number, className?: string) => (
    <Field id={id} label={t(`fields.${name}`)} className="sm:col-span-2">
      {(control) => (
        <textarea {...control} className={cx(control.className, className)} name={name} rows={rows} defaultValue={v[name] ?? ''} />
      )}
    </Field>
  );
  const pdfError = errorOf('pdf');
  return (
    <form
      action={`/api/admin/newsletters?locale=${locale}`}
      method="post"
      encType="multipart/form-data"
      onSubmit={onSubmit}
      className="mt-6 grid gap-4 sm:grid-cols-2"
    >
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="id" value={v.id ?? ''} />
      <FormOutcome done={state.done && t('saved')} className="sm:col-span-2" />
      {field('number', 'number')}
      {field('issuedOn', 'date')}
      <div className="sm:col-span-2">{field('title')}</div>
      {area('nl-summary', 'summary', 3)}
      {area('nl-body', 'bodyMarkdown', 10, 'font-mono text-sm')}
      {field('publicAfterMonths', 'number')}
      {/* The PDF's refusal (not a PDF, too large, storage full) is read out at once. */}
      <Field id="nl-pdf" label={t('fields.pdf')}>
        {(control) => (
          <>
            <input
              {...control}
              {...describedBy('nl-pdf', { error: pdfError })}
              name="pdf"
              type="file"
              accept="application/pdf"
              className="mt-1 block w-full text-sm"
            />
            <div role="alert">
              <FieldError id="nl-pdf">{pdfError}</FieldError>
            </div>
          </>
        )}
      </Field>
      <SubmitButton disabled={pending} className="sm:col-span-2 sm:justify-self-start">
        {t('save')}
      </SubmitButton>
    </form>
  );
}
