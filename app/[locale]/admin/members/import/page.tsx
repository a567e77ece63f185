import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ImportUploadForm } from '@/components/admin/import/import-upload-form';
import { ClientMessages } from '@/components/client-messages';
import { listRecentImports } from '@/db/queries/member-import';
import { requireRole } from '@/lib/auth/guards';
import { getPathname, Link } from '@/lib/i18n/navigation';
import { titledMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';
import { importUploadStateSchema } from '@/lib/membership/import-preview';
import { takeFormDraft } from '@/lib/storage/drafts';

export const generateMetadata = titledMetadata('adminImport', 'title', { private: true });

const COLUMN_HELP = [
  ['email', 'email', true],
  ['name / first name, last name', 'name', true],
  ['address line 1, address line 2, city, postcode, country', 'address', false],
  ['tier', 'tier', true],
  ['source', 'source', false],
  ['start date, end date', 'dates', false],
  ['newsletter', 'newsletter', false],
  ['notes', 'notes', false],
] as const;

/** Staff: upload a CSV of members; every row is checked before anything is imported. */
export default async function MemberImportPage({ params, searchParams }: PageProps<'/[locale]/admin/members/import'>) {
  const locale = asLocale((await params).locale);
  setRequestLocale(locale);
  const staff = await requireRole('staff', { returnTo: getPathname({ href: '/admin/members/import', locale }), locale });
  const [t, recent, refused] = await Promise.all([
    getTranslations({ locale, namespace: 'adminImport' }),
    listRecentImports(),
    searchParams.then((query) => takeFormDraft(staff.id, 'member-import', query.draft, importUploadStateSchema)),
  ]);
  const dateTime = new Intl.DateTimeFormat(locale === 'es' ? 'es-ES' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/London',
  });
  return (
    <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6">
      <p>
        <Link href="/admin/members" className="text-sm text-brand underline underline-offset-2">
          ← {t('backToMembers')}
        </Link>
      </p>
      <h1 className="mt-3 font-serif text-3xl font-semibold">{t('title')}</h1>
      <p className="mt-2 text-muted">{t('intro')}</p>

      <section aria-labelledby="upload-heading" className="mt-6 rounded-lg border border-line bg-white p-5">
        <h2 id="upload-heading" className="font-serif text-xl font-semibold">
          {t('uploadTitle')}
        </h2>
        <ClientMessages namespaces={['adminImport']}>
          <ImportUploadForm locale={locale} initial={refused} />
        </ClientMessages>
      </section>

      <section aria-labelledby="columns-heading" className="mt-6">
        <h2 id="columns-heading" className="font-serif text-xl font-semibold">
          {t('columnsTitle')}
        </h2>
        <p className="mt-1 text-sm text-muted">{t('columnsHelp')}</p>
        <p className="mt-2">
          <a
            href={getPathname({ href: '/admin/members/import/template', locale })}
            download
            className="font-medium text-brand underline underline-offset-2"
          >
            {t('template')}
          </a>
        </p>
        <dl className="mt-3 divide-y divide-line rounded-lg border border-line bg-white">
          {COLUMN_HELP.map(([headers, key, required]) => (
            <div key={key} className="grid gap-1 p-3 sm:grid-cols-[14rem_1fr] sm:gap-4">
              <dt className="font-mono text-sm">
                {headers}
                {required && <span className="ml-2 font-sans text-xs font-medium text-brand-dark">({t('required')})</span>}
              </dt>
              <dd className="text-sm">{t(`columnHelp.${key}`)}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="recent-heading" className="mt-8">
        <h2 id="recent-heading" className="font-serif text-xl font-semibold">
          {t('recentTitle')}
        </h2>
        {recent.length === 0 ? (
          <p className="mt-2 text-muted">{t('noImports')}</p>
        ) : (
          <ul className="mt-3 divide-y divide-line rounded-lg border border-line bg-white">
            {recent.map((item) => (
              <li key={item.id} className="flex flex-wrap items-baseline justify-between gap-2 p-3">
                <Link
                  href={`/admin/members/import/${item.id}`}
                  className="font-medium text-brand underline underline-offset-2 [overflow-wrap:anywhere]"
                >
                  {item.fileName}
                </Link>
                <span className="text-sm text-muted">
                  {t(`status.${item.status}`)} · {t('recentRow', { rows: item.totalRows, errors: item.errorCount })} ·{' '}
                  {dateTime.format(item.createdAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
