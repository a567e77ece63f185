import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { PublicationEditor } from '@/components/admin/publications/publication-editor';
import { findAdminPublication } from '@/db/queries/admin-publications';
import { listTopicsWithUsage } from '@/db/queries/admin-topics';
import { requireRole } from '@/lib/auth/guards';
import { publicationFormStateSchema } from '@/lib/content/publication-form';
import { getPathname, Link } from '@/lib/i18n/navigation';
import { titledMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';
import { takeFormDraft } from '@/lib/storage/drafts';
import { deletePublicationAction, setPublicationStatusAction } from '../actions';

export const generateMetadata = titledMetadata('adminPublications', 'editTitle', { private: true });

const NOTICES = { saved: 'created', published: 'publishedNotice', unpublished: 'unpublishedNotice' } as const;

export default async function EditPublicationPage({ params, searchParams }: PageProps<'/[locale]/admin/publications/[id]'>) {
  const { locale: rawLocale, id } = await params;
  const locale = asLocale(rawLocale);
  setRequestLocale(locale);
  const staff = await requireRole('staff', { returnTo: getPathname({ href: `/admin/publications/${id}`, locale }), locale });
  const publication = /^[0-9a-f-]{36}$/.test(id) ? await findAdminPublication(id) : null;
  if (!publication) notFound();
  const [t, query, topics] = await Promise.all([
    getTranslations({ locale, namespace: 'adminPublications' }),
    searchParams,
    listTopicsWithUsage(),
  ]);
  const draft = await takeFormDraft(staff.id, 'publication', query.draft, publicationFormStateSchema);
  const notice = (Object.keys(NOTICES) as (keyof typeof NOTICES)[]).find((key) => query[key] === '1');
  const deleteProblem = query.delete === 'confirm' ? 'deleteNeedsConfirm' : query.delete === 'released' ? 'deleteReleased' : null;
  const published = publication.status === 'published';
  const outline = 'rounded-md border border-brand px-4 py-2 font-medium text-brand hover:bg-brand-soft';

  return (
    <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6">
      <p>
        <Link href="/admin/publications" className="text-sm text-brand underline underline-offset-2">
          ← {t('back')}
        </Link>
      </p>
      <h1 className="mt-3 break-words font-serif text-3xl font-semibold">{publication.en?.title ?? publication.slug}</h1>
      {notice && (
        <p role="status" className="mt-4 rounded-md border border-accent/40 bg-white px-3 py-2">
          {t(NOTICES[notice])}
        </p>
      )}

      <section aria-labelledby="publish-heading" className="mt-6 rounded-lg border border-line bg-white p-4 sm:p-5">
        <h2 id="publish-heading" className="font-serif text-xl font-semibold">
          {t('publishTitle')}
        </h2>
        <p className="mt-2">{published ? t('isPublished') : t('isDraft')}</p>
        {publication.releasedFromIssue !== null && (
          <p className="mt-1 text-muted">{t('releasedFrom', { number: publication.releasedFromIssue })}</p>
        )}
        <div className="mt-3 flex flex-wrap items-center gap-4">
          <form action={setPublicationStatusAction}>
            <input type="hidden" name="locale" value={locale} />
            <input type="hidden" name="id" value={publication.id} />
            <input type="hidden" name="publish" value={published ? 'false' : 'true'} />
            <button
              type="submit"
              className={published ? outline : 'rounded-md bg-brand px-4 py-2 font-medium text-white hover:bg-brand-dark'}
            >
              {published ? t('unpublish') : t('publish')}
            </button>
          </form>
          {published && (
            <Link href={`/publications/${publication.slug}`} className="text-brand underline underline-offset-2">
              {t('viewPublic')}
            </Link>
          )}
        </div>
      </section>

      <h2 className="mt-10 font-serif text-2xl font-semibold">{t('editTitle')}</h2>
      <PublicationEditor locale={locale} publication={publication} topics={topics} draft={draft} />

      <section aria-labelledby="delete-heading" className="mt-10 rounded-lg border border-brand/40 bg-white p-4 sm:p-5">
        <h2 id="delete-heading" className="font-serif text-xl font-semibold">
          {t('deleteTitle')}
        </h2>
        {deleteProblem && (
          <p role="alert" className="mt-2 font-medium text-brand-dark">
            {t(deleteProblem)}
          </p>
        )}
        <form action={deletePublicationAction} className="mt-3 space-y-3">
          <input type="hidden" name="locale" value={locale} />
          <input type="hidden" name="id" value={publication.id} />
          <div className="flex items-start gap-2">
            <input id="pub-delete-confirm" name="confirm" type="checkbox" required className="mt-1 h-5 w-5 shrink-0" />
            <label htmlFor="pub-delete-confirm">{t('deleteConfirm')}</label>
          </div>
          <button type="submit" className={outline}>
            {t('deleteButton')}
          </button>
        </form>
      </section>
    </div>
  );
}
