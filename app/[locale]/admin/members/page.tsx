import { getTranslations, setRequestLocale } from 'next-intl/server';
import { MemberFilters } from '@/components/admin/members/member-filters';
import { MemberList } from '@/components/admin/members/member-list';
import { listTiersForStaff } from '@/db/queries/admin-members';
import { memberFilterSchema } from '@/lib/membership/staff/member-filter';
import { searchMembers } from '@/lib/membership/member-search';
import { requireRole } from '@/lib/auth/guards';
import { getPathname, Link } from '@/lib/i18n/navigation';
import { titledMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';
import { parseSearchParams, queryValue } from '@/lib/http/query';

export const generateMetadata = titledMetadata('adminMembers', 'title', { private: true });

/** Staff: find members by name, email or postcode; filter, sort and page through them. */
export default async function AdminMembersPage({ params, searchParams }: PageProps<'/[locale]/admin/members'>) {
  const locale = asLocale((await params).locale);
  setRequestLocale(locale);
  await requireRole('staff', { returnTo: getPathname({ href: '/admin/members', locale }), locale });
  const query = await searchParams;
  const filter = parseSearchParams(memberFilterSchema, query);
  const after = queryValue(query.after) ?? null;
  const [t, tiers, page] = await Promise.all([
    getTranslations({ locale, namespace: 'adminMembers' }),
    listTiersForStaff(),
    searchMembers(filter, { after, limit: 50 }),
  ]);

  // The filter as a query string (defaults left out), for the pages, the export and "first page".
  const filterQuery = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || (key === 'sort' && value === 'name') || (key === 'dir' && value === 'asc')) continue;
    filterQuery.set(key, String(value));
  }
  const base = getPathname({ href: '/admin/members', locale });
  const withQuery = (extra: Record<string, string> = {}) => {
    const q = new URLSearchParams(filterQuery);
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    const s = q.toString();
    return s ? `${base}?${s}` : base;
  };
  const exportQuery = filterQuery.toString();
  const linkClass = 'rounded-md border border-line bg-white px-4 py-2 font-medium text-brand hover:border-brand';

  return (
    <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="font-serif text-3xl font-semibold">{t('title')}</h1>
          <p className="mt-1 text-muted">{t('intro')}</p>
        </div>
        <div className="flex flex-wrap gap-2 text-sm">
          <Link href="/admin/members/import" className={linkClass}>
            {t('importCsv')}
          </Link>
          <a
            href={`${getPathname({ href: '/admin/members/export', locale })}${exportQuery ? `?${exportQuery}` : ''}`}
            className={linkClass}
          >
            {t('exportCsv')}
          </a>
        </div>
      </div>
      <MemberFilters
        locale={locale}
        filter={filter}
        tiers={tiers.map((x) => ({ slug: x.slug, name: locale === 'es' ? x.nameEs : x.nameEn }))}
        clearHref={base}
      />
      <MemberList locale={locale} rows={page.rows} />
      <nav aria-label={t('pagination')} className="mt-6 flex flex-wrap items-center justify-between gap-3">
        {after ? (
          <a className={linkClass} href={withQuery()}>
            {t('firstPage')}
          </a>
        ) : (
          <span />
        )}
        {page.next ? (
          <a className={linkClass} rel="next" href={withQuery({ after: page.next })}>
            {t('nextPage')}
          </a>
        ) : (
          <span />
        )}
      </nav>
    </div>
  );
}
