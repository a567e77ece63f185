import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { Markdown } from '@/components/markdown';
import { NewsletterIssueForm } from '@/components/newsletter-issue-form';
import { SendProgress } from '@/components/send-progress';
import { sendProgress } from '@/db/queries/newsletter-deliveries';
import { findIssue } from '@/db/queries/newsletters';
import { releasedPublicationSlug } from '@/db/queries/newsletter-release';
import { requireRole } from '@/lib/auth/guards';
import { getPathname, Link } from '@/lib/i18n/navigation';
import { titledMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';
import { issueFormStateSchema } from '@/lib/newsletter/issue-form';
import { takeFormDraft } from '@/lib/storage/drafts';
import { publishNewsletterIssue, sendNewsletterTest, sendNewsletterToMembers } from '../actions';

export const generateMetadata = titledMetadata('adminNewsletters', 'title', { private: true });

export default async function AdminNewsletterIssuePage({ params, searchParams }: PageProps<'/[locale]/admin/newsletters/[id]'>) {
  const { locale: rawLocale, id } = await params;
  const locale = asLocale(rawLocale);
  setRequestLocale(locale);
  const staff = await requireRole('staff', { returnTo: getPathname({ href: `/admin/newsletters/${id}`, locale }), locale });
  const issue = /^[0-9a-f-]{36}$/.test(id) ? await findIssue(id) : null;
  if (!issue) notFound();
  const [t, progress, { test, draft: draftId }] = await Promise.all([
    getTranslations({ locale, namespace: 'adminNewsletters' }),
    sendProgress(issue.id),
    searchParams,
  ]);
  const draft = await takeFormDraft(staff.id, 'newsletter', draftId, issueFormStateSchema);
  const button = 'rounded-md border border-brand px-4 py-2 font-medium text-brand hover:bg-brand-soft';
  return (
    <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6">
      <p>
        <Link href="/admin/newsletters" className="text-sm text-brand underline underline-offset-2">
          ← {t('title')}
        </Link>
      </p>
      <h1 className="mt-3 font-serif text-3xl font-semibold">
        {issue.number}: {issue.title}
      </h1>
      <p className="mt-1 text-muted">
        {issue.published ? t('published') : t('draft')}
        {issue.pdfStorageKey ? ` · ${t('hasPdf')}` : ''}
      </p>
      {issue.releasedPublicationId && (
        <p className="mt-1">
          <Link href={`/publications/${releasedPublicationSlug(issue.number)}`} className="text-brand underline underline-offset-2">
            {t('released')}
          </Link>
        </p>
      )}

      <section aria-labelledby="preview-heading" className="mt-6 rounded-lg border border-line bg-white p-5">
        <h2 id="preview-heading" className="font-serif text-xl font-semibold">
          {t('preview')}
        </h2>
        <p className="mt-2 text-muted">{issue.summary}</p>
        {issue.bodyMarkdown && (
          <div className="mt-4">
            <Markdown>{issue.bodyMarkdown}</Markdown>
          </div>
        )}
      </section>

      <section aria-labelledby="send-heading" className="mt-6 rounded-lg border border-line bg-white p-5">
        <h2 id="send-heading" className="font-serif text-xl font-semibold">
          {t('sendTitle')}
        </h2>
        <div className="mt-3 flex flex-wrap gap-3">
          <form action={publishNewsletterIssue}>
            <input type="hidden" name="locale" value={locale} />
            <input type="hidden" name="id" value={issue.id} />
            <input type="hidden" name="publish" value={issue.published ? 'false' : 'true'} />
            <button type="submit" className={button}>
              {issue.published ? t('unpublish') : t('publish')}
            </button>
          </form>
          <form action={sendNewsletterTest}>
            <input type="hidden" name="locale" value={locale} />
            <input type="hidden" name="id" value={issue.id} />
            <button type="submit" className={button}>
              {t('sendTest')}
            </button>
          </form>
        </div>
        {test === 'sent' && (
          <p role="status" className="mt-2">
            {t('testSent')}
          </p>
        )}
        {issue.published && (
          <form action={sendNewsletterToMembers} className="mt-4 space-y-2">
            <input type="hidden" name="locale" value={locale} />
            <input type="hidden" name="id" value={issue.id} />
            <div className="flex items-start gap-2">
              <input id="nl-confirm-send" name="confirm" type="checkbox" className="mt-1 h-5 w-5" required />
              <label htmlFor="nl-confirm-send">{t('confirmSend')}</label>
            </div>
            <button type="submit" className="rounded-md bg-brand px-4 py-2 font-medium text-white hover:bg-brand-dark">
              {t('sendAll')}
            </button>
          </form>
        )}
        <ClientMessages namespaces={['adminNewsletters']}>
          <SendProgress issueId={issue.id} initial={progress} />
        </ClientMessages>
      </section>

      <h2 className="mt-10 font-serif text-2xl font-semibold">{t('edit')}</h2>
      <ClientMessages namespaces={['adminNewsletters']}>
        <NewsletterIssueForm
          locale={locale}
          initial={
            draft ?? {
              values: {
                id: issue.id,
                number: String(issue.number),
                title: issue.title,
                issuedOn: issue.issuedOn,
                summary: issue.summary,
                bodyMarkdown: issue.bodyMarkdown,
                publicAfterMonths: issue.publicAfterMonths === null ? '' : String(issue.publicAfterMonths),
              },
            }
          }
        />
      </ClientMessages>
    </div>
  );
}
