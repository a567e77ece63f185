import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { NewsletterIssueForm } from '@/components/newsletter-issue-form';
import { listAllIssues } from '@/db/queries/newsletters';
import { requireRole } from '@/lib/auth/guards';
import { getPathname, Link } from '@/lib/i18n/navigation';
import { titledMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';
import { issueFormStateSchema } from '@/lib/newsletter/issue-form';
import { takeFormDraft } from '@/lib/storage/drafts';

export const generateMetadata = titledMetadata('adminNewsletters', 'title', { private: true });

export default async function AdminNewslettersPage({ params, searchParams }: PageProps<'/[locale]/admin/newsletters'>) {
  const locale = asLocale((await params).locale);
  setRequestLocale(locale);
  const staff = await requireRole('staff', { returnTo: getPathname({ href: '/admin/newsletters', locale }), locale });
  const [issues, t, draft] = await Promise.all([
    listAllIssues(),
    getTranslations({ locale, namespace: 'adminNewsletters' }),
    searchParams.then((query) => takeFormDraft(staff.id, 'newsletter', query.draft, issueFormStateSchema)),
  ]);
  const next = (issues[0]?.number ?? 0) + 1;
  return (
    <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6">
      <h1 className="font-serif text-3xl font-semibold">{t('title')}</h1>
      <ul className="mt-6 divide-y divide-line rounded-lg border border-line bg-white">
        {issues.map((issue) => (
          <li key={issue.id} className="flex flex-wrap items-baseline justify-between gap-2 p-3">
            <Link href={`/admin/newsletters/${issue.id}`} className="font-medium text-brand underline underline-offset-2">
              {issue.number}: {issue.title}
            </Link>
            <span className="text-sm text-muted">{issue.published ? t('published') : t('draft')}</span>
          </li>
        ))}
      </ul>
      <h2 className="mt-10 font-serif text-2xl font-semibold">{t('new')}</h2>
      <ClientMessages namespaces={['adminNewsletters']}>
        <NewsletterIssueForm
          locale={locale}
          initial={draft ?? { values: { number: String(next), issuedOn: new Date().toISOString().slice(0, 10) } }}
        />
      </ClientMessages>
    </div>
  );
}
