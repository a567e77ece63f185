import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ImportProgressRefresh } from '@/components/admin/import/import-progress-refresh';
import { ImportPreviewTables } from '@/components/admin/import/import-preview-tables';
import { findImport } from '@/db/queries/member-import';
import type { StoredRow } from '@/lib/membership/member-import';
import { requireRole } from '@/lib/auth/guards';
import type { RowError } from '@/lib/csv/member-import';
import { getPathname, Link } from '@/lib/i18n/navigation';
import { titledMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';
import { startMemberImport } from '../actions';

export const generateMetadata = titledMetadata('adminImport', 'title', { private: true });

/** One import: the preview with its errors, then the confirm step, progress and final counts. */
export default async function MemberImportDetailPage({ params }: PageProps<'/[locale]/admin/members/import/[id]'>) {
  const { locale: rawLocale, id } = await params;
  const locale = asLocale(rawLocale);
  setRequestLocale(locale);
  await requireRole('staff', { returnTo: getPathname({ href: `/admin/members/import/${id}`, locale }), locale });
  const job = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? await findImport(id) : null;
  if (!job) notFound();
  const t = await getTranslations({ locale, namespace: 'adminImport' });
  const rows = job.rows as StoredRow[];
  const errors = job.rowErrors as RowError[];
  const count = (outcome: StoredRow['outcome']) => rows.filter((r) => r.outcome === outcome).length;
  const self = getPathname({ href: `/admin/members/import/${job.id}`, locale });
  const primary = 'rounded-md bg-brand px-5 py-2.5 font-medium text-white hover:bg-brand-dark';
  const panel = 'mt-6 rounded-lg border p-4';
  return (
    <div className="mx-auto max-w-5xl px-4 py-10 sm:px-6">
      <p>
        <Link href="/admin/members/import" className="text-sm text-brand underline underline-offset-2">
          ← {t('title')}
        </Link>
      </p>
      <h1 className="mt-3 font-serif text-3xl font-semibold [overflow-wrap:anywhere]">{t('previewTitle', { file: job.fileName })}</h1>

      {job.status === 'previewed' && (
        <p className="mt-2">
          {t('summary', { total: rows.length, create: count('create'), update: count('update'), unchanged: count('unchanged') })}
          {errors.length > 0 && <strong className="ml-1 text-brand-dark">{t('errorSummary', { count: errors.length })}</strong>}
        </p>
      )}

      {job.status === 'running' && (
        <div className={`${panel} border-line bg-white`}>
          <ImportProgressRefresh />
          <p role="status" aria-live="polite">
            {t('progress', { processed: job.processedRows, total: job.totalRows })}
          </p>
          <progress
            className="mt-2 h-3 w-full"
            value={job.processedRows}
            max={Math.max(job.totalRows, 1)}
            aria-label={t('progress', { processed: job.processedRows, total: job.totalRows })}
          />
          <p className="mt-2">
            <a href={self} className="text-brand underline underline-offset-2">
              {t('refresh')}
            </a>
          </p>
        </div>
      )}

      {job.status === 'done' && (
        <div className={`${panel} border-accent/40 bg-white`}>
          <p role="status" className="font-medium">
            {t('done', { created: job.createdCount, updated: job.updatedCount, unchanged: job.skippedCount })}
          </p>
          <p className="mt-2 flex flex-wrap gap-4">
            <Link href="/admin/members" className="text-brand underline underline-offset-2">
              {t('membersLink')}
            </Link>
            <Link href="/admin/members/import" className="text-brand underline underline-offset-2">
              {t('another')}
            </Link>
            <a href={getPathname({ href: '/admin/members/export', locale })} download className="text-brand underline underline-offset-2">
              {t('exportMembers')}
            </a>
          </p>
        </div>
      )}

      {job.status === 'failed' && (
        <div className={`${panel} border-brand/40 bg-brand-soft text-brand-dark`}>
          <p role="alert">{t('failed', { processed: job.processedRows, total: job.totalRows, error: job.lastError ?? '' })}</p>
        </div>
      )}

      {(job.status === 'previewed' || job.status === 'failed') && errors.length === 0 && rows.length > 0 && (
        <form action={startMemberImport} className="mt-6 space-y-3 rounded-lg border border-line bg-white p-4">
          <input type="hidden" name="locale" value={locale} />
          <input type="hidden" name="id" value={job.id} />
          <div className="flex items-start gap-2">
            <input id="import-confirm" name="confirm" type="checkbox" required className="mt-1 h-5 w-5" />
            <label htmlFor="import-confirm">{t('confirm', { count: job.totalRows - job.processedRows })}</label>
          </div>
          <button type="submit" className={primary}>
            {job.status === 'failed' ? t('resume') : t('start')}
          </button>
        </form>
      )}

      {job.status === 'previewed' && <ImportPreviewTables locale={locale} rows={rows} errors={errors} />}
      {job.status === 'previewed' && errors.length > 0 && (
        <p className="mt-6">
          <Link href="/admin/members/import" className={primary}>
            {t('another')}
          </Link>
        </p>
      )}
    </div>
  );
}
