import { getTranslations, setRequestLocale } from 'next-intl/server';
import { z } from 'zod';
import { MemberAccessNotice } from '@/components/member-access-notice';
import { listIssueYears, listPublishedIssues } from '@/db/queries/newsletters';
import { requireUser } from '@/lib/auth/guards';
import { queryField } from '@/lib/http/query';
import { getPathname, Link } from '@/lib/i18n/navigation';
import { titledMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';
import { accessOf } from '@/lib/membership/viewer';
import { SubmitButton } from '@/components/ui/button';
import { Field, TextField } from '@/components/ui/field';

export const generateMetadata = titledMetadata('newsletters', 'title', { private: true });

const archiveQuery = z.object({ q: queryField.text(200), year: queryField.int(1901, 2199) });

/** The member-only archive. Others see titles and dates only, with the way in. */
export default async function NewsletterArchivePage({ params, searchParams }: PageProps<'/[locale]/members/newsletters'>) {
  const locale = asLocale((await params).locale);
  setRequestLocale(locale);
  const user = await requireUser({ returnTo: getPathname({ href: '/members/newsletters', locale }), locale });
  const query = await searchParams;
  const { q, year } = archiveQuery.parse(query);
  const access = await accessOf(user);
  const member = access.kind === 'active';
  const [issues, years, t] = await Promise.all([
    listPublishedIssues(member ? { q, year } : {}),
    listIssueYears(),
    getTranslations({ locale, namespace: 'newsletters' }),
  ]);
  const dateFormat = new Intl.DateTimeFormat(locale === 'es' ? 'es-ES' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return (
    <div className="mx-auto max-w-4xl px-4 py-10 sm:px-6">
      <h1 className="font-serif text-3xl font-semibold">{t('title')}</h1>
      <MemberAccessNotice locale={locale} access={access} />
      {member && (
        <form method="get" role="search" className="mt-6 flex flex-wrap items-end gap-3">
          <TextField
            id="nl-q"
            name="q"
            type="search"
            label={t('search')}
            defaultValue={q ?? ''}
            maxLength={200}
            className="min-w-0 flex-1"
          />
          <Field id="nl-year" label={t('year')}>
            {(control) => (
              <select {...control} name="year" defaultValue={year ? String(year) : ''}>
                <option value="">{t('anyYear')}</option>
                {years.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <SubmitButton size="md">{t('searchButton')}</SubmitButton>
        </form>
      )}
      {issues.length === 0 ? (
        <p className="mt-6 text-muted">{t('none')}</p>
      ) : (
        <ol className="mt-6 divide-y divide-line rounded-lg border border-line bg-white">
          {/* Issues are written in English: lang="en" lets screen readers on /es read them right. */}
          {issues.map((issue) => (
            <li key={issue.id} className="p-4">
              <p className="text-sm text-muted">
                {t('number', { number: issue.number })} ·{' '}
                <time dateTime={issue.issuedOn}>{dateFormat.format(new Date(`${issue.issuedOn}T00:00:00Z`))}</time>
              </p>
              <h2 lang="en" className="mt-1 font-serif text-lg font-semibold">
                {member ? (
                  <Link href={`/members/newsletters/${issue.number}`} className="hover:underline">
                    {issue.title}
                  </Link>
                ) : (
                  issue.title
                )}
              </h2>
              {member && issue.summary && (
                <p lang="en" className="mt-1 text-[0.95rem] text-muted">
                  {issue.summary}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
