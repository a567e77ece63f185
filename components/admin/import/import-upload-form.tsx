'use client';

import { useTranslations } from 'next-intl';
import type { ImportUploadState } from '@/lib/membership/import-preview';
import { useUploadForm } from '../use-upload-form';

/** Step 1: choose a CSV and have every row checked (the preview page follows). */
export function ImportUploadForm({ locale, initial }: { locale: string; initial?: ImportUploadState | null }) {
  const t = useTranslations('adminImport');
  const { state, pending, onSubmit } = useUploadForm<ImportUploadState>(initial ?? {}, { failed: () => ({ error: 'failed' }) });
  return (
    <form action={`/api/admin/members/import?locale=${locale}`} method="post" encType="multipart/form-data" onSubmit={onSubmit} className="mt-4 space-y-3">
      <input type="hidden" name="locale" value={locale} />
      {state.error && (
        <p id="import-file-error" role="alert" className="rounded-md border border-brand/40 bg-brand-soft px-3 py-2 text-brand-dark">
          {state.fileName && <span className="font-medium">{state.fileName}: </span>}
          {t(`refusals.${state.error}`, { detail: state.detail ?? '' })}
        </p>
      )}
      <div>
        <label htmlFor="import-file" className="text-sm font-medium">{t('file')}</label>
        <input
          id="import-file"
          name="file"
          type="file"
          accept=".csv,text/csv"
          required
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? 'import-file-error' : undefined}
          className="mt-1 block w-full rounded-md border border-muted/60 bg-white px-3 py-2 text-sm"
        />
      </div>
      <button type="submit" disabled={pending} className="rounded-md bg-brand px-5 py-2.5 font-medium text-white hover:bg-brand-dark disabled:opacity-70">
        {pending ? t('checking') : t('check')}
      </button>
    </form>
  );
}
