'use client';

import { useTranslations } from 'next-intl';
import type { ImportUploadState } from '@/lib/membership/import-preview';
import { SubmitButton } from '@/components/ui/button';
import { describedBy, Field, FieldError } from '@/components/ui/field';
import { useUploadForm } from '../use-upload-form';

const id = 'import-file';

/** Step 1: choose a CSV and have every row checked (the preview page follows). */
export function ImportUploadForm({ locale, initial }: { locale: string; initial?: ImportUploadState | null }) {
  const t = useTranslations('adminImport');
  const { state, pending, onSubmit } = useUploadForm<ImportUploadState>(initial ?? { values: {} }, {
    failed: () => ({ values: {}, error: 'failed' }),
  });
  const fileName = state.vars?.fileName;
  // The form's one field: why the file was refused (named, when it had a name) is that field's error, read out at once.
  const error = state.error && (
    <>
      {fileName && <span className="font-medium">{fileName}: </span>}
      {t(`refusals.${state.error}`, { detail: state.vars?.detail ?? '' })}
    </>
  );
  return (
    <form
      action={`/api/admin/members/import?locale=${locale}`}
      method="post"
      encType="multipart/form-data"
      onSubmit={onSubmit}
      className="mt-4 space-y-3"
    >
      <input type="hidden" name="locale" value={locale} />
      <Field id={id} label={t('file')}>
        {(control) => (
          <>
            <input {...control} {...describedBy(id, { error })} name="file" type="file" accept=".csv,text/csv" required />
            <div role="alert">
              <FieldError id={id}>{error}</FieldError>
            </div>
          </>
        )}
      </Field>
      <SubmitButton disabled={pending}>{pending ? t('checking') : t('check')}</SubmitButton>
    </form>
  );
}
