import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { Markdown } from '@/components/markdown';
import { MemberAccessNotice } from '@/components/member-access-notice';
import { findPublishedIssue } from '@/db/queries/newsletters';
import { requireUser } from '@/lib/auth/guards';
import { formatBytes, formatPublicationDate } from '@/lib/format';
import { getPathname, Link } from '@/lib/i18n/navigation';
import { titledMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';
import { accessOf } from '@/lib/membership/viewer';

export const generateMetadata = titledMetadata('newsletters', 'title', { private: true });

export default async function NewsletterIssuePage({ params }: PageProps<'/[locale]/members/newsletters/[number]'>) {
  const { locale: rawLocale, number: rawNumber } = await params;
  const locale = asLocale(rawLocale);
  setRequestLocale(locale);
  const user = await requireUser({ returnTo: getPathname({ href: `/members/newsletters/${rawNumber}`, locale }), locale });
  const number = /^\d{1,7}$/.test(rawNumber) ? Number(rawNumber) : NaN;
  const issue = Number.isFinite(number) ? await findPublishedIssue(number) : null;
  if (!issue) notFound();
  const [access, t] = await Promise.all([accessOf(user), getTranslations({ locale, namespace: 'newsletters' })]);
  const member = access.kind === 'active';
  return (
    <article className="mx-auto max-w-3xl px-4 py-10 sm:px-6">
      <p>
        <Link href="/members/newsletters" className="text-sm text-brand underline underline-offset-2">
          ← {t('back')}
        </Link>
      </p>
      <p className="mt-4 text-sm text-muted">
        {t('number', { number: issue.number })} ·{' '}
        <time dateTime={issue.issuedOn}>{formatPublicationDate(issue.issuedOn, 'month', locale)}</time>
      </p>
      <h1 lang="en" className="mt-1 font-serif text-3xl font-semibold">
        {issue.title}
      </h1>
      <MemberAccessNotice locale={locale} access={access} />
      {member && (
        <>
          {issue.summary && (
            <p lang="en" className="mt-4 text-lg text-muted">
              {issue.summary}
            </p>
          )}
          {issue.pdfStorageKey && (
            <a
              href={getPathname({ href: `/members/newsletters/${issue.number}/pdf`, locale })}
              className="mt-6 inline-block rounded-md border border-brand px-4 py-2 font-medium text-brand hover:bg-brand-soft"
            >
              {t('downloadPdf', { size: formatBytes(issue.pdfByteSize ?? 0, locale) })}
            </a>
          )}
          {issue.bodyMarkdown && (
            <div lang="en" className="mt-8">
              <Markdown>{issue.bodyMarkdown}</Markdown>
            </div>
          )}
        </>
      )}
    </article>
  );
}
