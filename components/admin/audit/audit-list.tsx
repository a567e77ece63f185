import { getTranslations } from 'next-intl/server';
import type { AuditRow } from '@/db/queries/admin-audit';
import { formatLongDate } from '@/lib/format';
import type { AppLocale } from '@/lib/i18n/routing';

const time = (date: Date, locale: AppLocale) =>
  new Intl.DateTimeFormat(locale === 'es' ? 'es-ES' : 'en-GB', { timeStyle: 'medium', timeZone: 'Europe/London' }).format(date);

/** A value of the entry's data, on one line: objects as compact JSON, long text cut. */
function show(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

/** Entries as cards (one per entry, readable at 360 px), data as a compact key: value list. */
export async function AuditList({ locale, rows }: { locale: AppLocale; rows: AuditRow[] }) {
  const t = await getTranslations({ locale, namespace: 'adminAudit' });
  return (
    <ol className="mt-6 divide-y divide-line rounded-lg border border-line bg-white" aria-label={t('listLabel')}>
      {rows.map((row) => {
        const entries = Object.entries(row.data);
        return (
          <li key={row.id} className="grid gap-1 p-3 text-sm sm:grid-cols-[12rem_1fr] sm:gap-4">
            <div>
              <time dateTime={row.createdAt.toISOString()} className="block font-medium">
                {formatLongDate(row.createdAt, locale)}
              </time>
              <span className="text-muted">
                {time(row.createdAt, locale)} · #{row.id}
              </span>
            </div>
            <div className="min-w-0">
              <p className="flex flex-wrap gap-x-3">
                <span className="font-mono font-semibold">{row.action}</span>
                <span className="break-all text-muted">{row.actorEmail ?? (row.actorUserId ? t('deletedActor') : t('system'))}</span>
              </p>
              <p className="break-all text-muted">
                {row.entityType}
                {row.entityId && (
                  <>
                    : <span className="font-mono">{row.entityId}</span>
                  </>
                )}
              </p>
              {entries.length > 0 && (
                <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 font-mono text-xs">
                  {entries.map(([key, value]) => (
                    <div key={key} className="contents">
                      <dt className="text-muted">{key}:</dt>
                      <dd className="break-all">{show(value)}</dd>
                    </div>
                  ))}
                </dl>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
