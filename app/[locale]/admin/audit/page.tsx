import { getTranslations, setRequestLocale } from 'next-intl/server';
import { z } from 'zod';
import { AuditFilterForm } from '@/components/admin/audit/audit-filters';
import { AuditList } from '@/components/admin/audit/audit-list';
import { listAuditActions, listAuditEntries, type AuditFilters } from '@/db/queries/admin-audit';
import { requireRole } from '@/lib/auth/guards';
import { cursorCodec } from '@/lib/http/cursor';
import { parseSearchParams, queryField, queryValue } from '@/lib/http/query';
import { getPathname } from '@/lib/i18n/navigation';
import { titledMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';

export const generateMetadata = titledMetadata('adminAudit', 'title', { private: true });

// Anything malformed in the URL is ignored rather than an error: the filters are hand-editable.
const querySchema = z.object({
  who: z.preprocess(queryValue, z.string().toLowerCase().pipe(z.email()).optional()).catch(undefined),
  what: queryField.matching(/^[a-z0-9_.-]{1,80}$/i),
  entity: queryField.text(200),
  from: queryField.day(),
  to: queryField.day(),
  before: queryField.text(1000),
});

/** Where the older page starts: the id of the last entry shown (ids only grow). */
const auditCursor = cursorCodec('audit', z.object({ id: z.number().int().positive() }));

/** Staff: the append-only audit log, newest first, filtered by who, what, which record and when. */
export default async function AdminAuditPage({ params, searchParams }: PageProps<'/[locale]/admin/audit'>) {
  const locale = asLocale((await params).locale);
  setRequestLocale(locale);
  await requireRole('staff', { returnTo: getPathname({ href: '/admin/audit', locale }), locale });
  const q = parseSearchParams(querySchema, await searchParams);
  const before = auditCursor.decode(q.before)?.id ?? null;
  const filters: AuditFilters = { actorEmail: q.who, action: q.what, entityId: q.entity, from: q.from, to: q.to };
  const [t, page, actions] = await Promise.all([
    getTranslations({ locale, namespace: 'adminAudit' }),
    listAuditEntries(filters, before),
    listAuditActions(),
  ]);
  const base = getPathname({ href: '/admin/audit', locale });
  const keep = new URLSearchParams(
    Object.entries({ who: q.who, what: q.what, entity: q.entity, from: q.from, to: q.to }).filter((e): e is [string, string] =>
      Boolean(e[1]),
    ),
  );
  const link = (before?: number) => {
    const query = new URLSearchParams(keep);
    if (before) query.set('before', auditCursor.encode({ id: before }));
    const s = query.toString();
    return s ? `${base}?${s}` : base;
  };
  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
      <h1 className="font-serif text-3xl font-semibold">{t('title')}</h1>
      <p className="mt-2 text-muted">{t('intro')}</p>
      <AuditFilterForm locale={locale} action={base} filters={filters} actions={actions} />
      {page.unknownActor && (
        <p role="status" className="mt-6 rounded-md border border-accent/40 bg-white px-3 py-2">
          {t('unknownActor', { email: q.who ?? '' })}
        </p>
      )}
      {!page.unknownActor && page.rows.length === 0 && (
        <p role="status" className="mt-6">
          {t('empty')}
        </p>
      )}
      {page.rows.length > 0 && <AuditList locale={locale} rows={page.rows} />}
      <nav aria-label={t('pagination')} className="mt-6 flex flex-wrap gap-4">
        {before && (
          <a href={link()} className="text-brand underline underline-offset-2">
            {t('newest')}
          </a>
        )}
        {page.nextCursor && (
          <a href={link(page.nextCursor)} rel="next" className="text-brand underline underline-offset-2">
            {t('older')}
          </a>
        )}
      </nav>
    </div>
  );
}
