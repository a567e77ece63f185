import { getTranslations, setRequestLocale } from 'next-intl/server';
import { z } from 'zod';
import { publicationTypeEnum } from '@/db/schema';
import { requireRole } from '@/lib/auth/guards';
import { formatPublicationDate } from '@/lib/format';
import { listPublicationsForStaff } from '@/lib/content/publication-list';
import { parseSearchParams, queryField } from '@/lib/http/query';
import { getPathname, Link } from '@/lib/i18n/navigation';
import { titledMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';

export const generateMetadata = titledMetadata('adminPublications', 'title', { private: true });

const PAGE_SIZE = 50;
const filtersSchema = z.object({
  q: queryField.text(200),
  status: queryField.oneOf(['draft', 'published']),
  type: queryField.oneOf(publicationTypeEnum.enumValues),
  after: queryField.text(1000),
  before: queryField.text(1000),
  deleted: queryField.text(100),
});

const field = 'mt-1 block w-full min-w-0 rounded-md border border-muted/60 bg-white px-3 py-2 text-base';

/** Staff: every publication, searchable and filtered by URL (a GET form), 50 a page by keyset. */
export default async function AdminPublicationsPage({ params, searchParams }: PageProps<'/[locale]/admin/publications'>) {
  const locale = asLocale((await params).locale);
  setRequestLocale(locale);
  await requireRole('staff', { returnTo: getPathname({ href: '/admin/publications', locale }), locale });
  const filters = parseSearchParams(filtersSchema, await searchParams);
  const [t, tAll, result] = await Promise.all([
    getTranslations({ locale, namespace: 'adminPublications' }),
    getTranslations({ locale }),
    listPublicationsForStaff({ ...filters, q: filters.q || undefined, pageSize: PAGE_SIZE }),
  ]);
  const base = getPathname({ href: '/admin/publications', locale });
  const kept = Object.fromEntries(
    Object.entries({ q: filters.q, status: filters.status, type: filters.type }).filter(([, v]) => v),
  ) as Record<string, string>;
  const pageHref = (cursor: Record<string, string>) => `${base}?${new URLSearchParams({ ...kept, ...cursor })}`;
  const link = 'rounded-md border border-line bg-white px-4 py-2 font-medium text-brand hover:border-brand';

  return (
    <div className="mx-auto max-w-5xl px-4 py-10 sm:px-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="font-serif text-3xl font-semibold">{t('title')}</h1>
        <div className="flex flex-wrap gap-3">
          <Link href="/admin/publications/topics" className="text-brand underline underline-offset-2">
            {t('manageTopics')}
          </Link>
          <Link href="/admin/publications/new" className="rounded-md bg-brand px-4 py-2 font-medium text-white hover:bg-brand-dark">
            {t('new')}
          </Link>
        </div>
      </div>
      <p className="mt-2 text-muted">{t('intro')}</p>
      {filters.deleted && (
        <p role="status" className="mt-4 rounded-md border border-accent/40 bg-white px-3 py-2">
          {t('deleted', { slug: filters.deleted })}
        </p>
      )}

      <form
        method="get"
        action={base}
        role="search"
        className="mt-6 grid gap-3 rounded-lg border border-line bg-white p-4 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-end"
      >
        <div>
          <label htmlFor="pubs-q" className="text-sm font-medium">
            {t('search')}
          </label>
          <input id="pubs-q" name="q" type="search" defaultValue={filters.q ?? ''} maxLength={200} className={field} />
        </div>
        <div>
          <label htmlFor="pubs-status" className="text-sm font-medium">
            {t('status')}
          </label>
          <select id="pubs-status" name="status" defaultValue={filters.status ?? ''} className={field}>
            <option value="">{t('any')}</option>
            <option value="draft">{t('statuses.draft')}</option>
            <option value="published">{t('statuses.published')}</option>
          </select>
        </div>
        <div>
          <label htmlFor="pubs-type" className="text-sm font-medium">
            {t('type')}
          </label>
          <select id="pubs-type" name="type" defaultValue={filters.type ?? ''} className={field}>
            <option value="">{t('any')}</option>
            {publicationTypeEnum.enumValues.map((type) => (
              <option key={type} value={type}>
                {tAll(`types.${type}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex items-center gap-3">
          <button type="submit" className="rounded-md bg-brand px-4 py-2 font-medium text-white hover:bg-brand-dark">
            {t('apply')}
          </button>
          <Link href="/admin/publications" className="text-brand underline underline-offset-2">
            {t('clear')}
          </Link>
        </div>
      </form>

      <h2 id="pubs-results" className="sr-only">
        {t('results')}
      </h2>
      {result.items.length === 0 ? (
        <p className="mt-6 text-muted">{t('none')}</p>
      ) : (
        <ul aria-labelledby="pubs-results" className="mt-6 divide-y divide-line rounded-lg border border-line bg-white">
          {result.items.map((p) => (
            <li key={p.id} className="grid gap-1 p-3 sm:grid-cols-[1fr_auto] sm:gap-4">
              <div className="min-w-0">
                <Link href={`/admin/publications/${p.id}`} className="break-words font-medium text-brand underline underline-offset-2">
                  {p.titleEn}
                </Link>
                <p className="break-words text-sm text-muted">
                  {tAll(`types.${p.type}`)} · {formatPublicationDate(p.publishedOn, p.datePrecision, locale)} · /{p.slug}
                </p>
                <p className="text-sm text-muted">
                  {p.fileLocales.length
                    ? t('files', { languages: p.fileLocales.map((l) => tAll(`languages.${l}`)).join(', ') })
                    : t('noFiles')}
                  {!p.hasSpanish && ` · ${t('spanishMissing')}`}
                </p>
              </div>
              <p className="flex flex-wrap items-start gap-2 self-start text-sm sm:justify-end">
                <span
                  className={`rounded-full px-2.5 py-0.5 ${p.status === 'published' ? 'bg-accent text-white' : 'border border-muted/60 text-muted'}`}
                >
                  {t(`statuses.${p.status}`)}
                </span>
                {p.featured && <span className="rounded-full bg-brand-soft px-2.5 py-0.5 text-brand-dark">{t('featured')}</span>}
              </p>
            </li>
          ))}
        </ul>
      )}

      {(result.prevCursor || result.nextCursor) && (
        <nav aria-label={t('pagination')} className="mt-6 flex flex-wrap items-center justify-between gap-3">
          {result.prevCursor ? (
            <span className="flex flex-wrap gap-3">
              <a className={link} href={pageHref({})}>
                ⇤ {t('first')}
              </a>
              <a className={link} rel="prev" href={pageHref({ before: result.prevCursor })}>
                ← {t('previous')}
              </a>
            </span>
          ) : (
            <span />
          )}
          {result.nextCursor ? (
            <a className={link} rel="next" href={pageHref({ after: result.nextCursor })}>
              {t('next')} →
            </a>
          ) : (
            <span />
          )}
        </nav>
      )}
    </div>
  );
}
