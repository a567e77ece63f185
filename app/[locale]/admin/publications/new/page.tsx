import { getTranslations, setRequestLocale } from 'next-intl/server';
import { PublicationEditor } from '@/components/admin/publications/publication-editor';
import { listTopicsWithUsage } from '@/db/queries/admin-topics';
import { requireRole } from '@/lib/auth/guards';
import { publicationFormStateSchema } from '@/lib/content/publication-form';
import { getPathname, Link } from '@/lib/i18n/navigation';
import { titledMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';
import { takeFormDraft } from '@/lib/storage/drafts';

export const generateMetadata = titledMetadata('adminPublications', 'newTitle', { private: true });

export default async function NewPublicationPage({ params, searchParams }: PageProps<'/[locale]/admin/publications/new'>) {
  const locale = asLocale((await params).locale);
  setRequestLocale(locale);
  const staff = await requireRole('staff', { returnTo: getPathname({ href: '/admin/publications/new', locale }), locale });
  const [t, topics, draft] = await Promise.all([
    getTranslations({ locale, namespace: 'adminPublications' }),
    listTopicsWithUsage(),
    searchParams.then((query) => takeFormDraft(staff.id, 'publication', query.draft, publicationFormStateSchema)),
  ]);
  return (
    <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6">
      <p>
        <Link href="/admin/publications" className="text-sm text-brand underline underline-offset-2">
          ← {t('back')}
        </Link>
      </p>
      <h1 className="mt-3 font-serif text-3xl font-semibold">{t('newTitle')}</h1>
      <PublicationEditor locale={locale} publication={null} topics={topics} draft={draft} />
    </div>
  );
}
