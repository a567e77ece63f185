import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { PageForm } from '@/components/admin/pages/page-form';
import { ClientMessages } from '@/components/client-messages';
import { findPageForEdit } from '@/db/queries/admin-pages';
import { localeEnum, pageSlugEnum, type Locale, type PageSlug } from '@/db/schema';
import { requireRole } from '@/lib/auth/guards';
import { getPathname, Link } from '@/lib/i18n/navigation';
import { titledMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';

export const generateMetadata = titledMetadata('adminPages', 'title', { private: true });

const PUBLIC_PATHS: Record<PageSlug, string> = {
  aims: '/about/aims',
  history: '/about/history',
  'human-rights': '/about/human-rights',
  'why-join': '/join',
};

/** Staff: edit one language of one content page, with a preview. */
export default async function EditContentPage({ params }: PageProps<'/[locale]/admin/pages/[slug]/[lang]'>) {
  const { locale: rawLocale, slug: rawSlug, lang } = await params;
  const locale = asLocale(rawLocale);
  setRequestLocale(locale);
  await requireRole('staff', { returnTo: getPathname({ href: `/admin/pages/${rawSlug}/${lang}`, locale }), locale });
  if (!(pageSlugEnum.enumValues as readonly string[]).includes(rawSlug) || !(localeEnum.enumValues as readonly string[]).includes(lang))
    notFound();
  const slug = rawSlug as PageSlug;
  const pageLocale = lang as Locale;
  const [t, page] = await Promise.all([getTranslations({ locale, namespace: 'adminPages' }), findPageForEdit(slug, pageLocale)]);
  return (
    <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6">
      <p>
        <Link href="/admin/pages" className="text-sm text-brand underline underline-offset-2">
          ← {t('back')}
        </Link>
      </p>
      <h1 className="mt-3 font-serif text-3xl font-semibold">
        {t('editTitle', { page: t(`pages.${slug}`), language: t(`languages.${pageLocale}`) })}
      </h1>
      <p className="mt-2">
        <Link href={PUBLIC_PATHS[slug]} locale={pageLocale} className="text-brand underline underline-offset-2">
          {t('viewPublic')}
        </Link>
      </p>
      <ClientMessages namespaces={['adminPages']}>
        <PageForm locale={locale} initial={{ slug, pageLocale, title: page?.title ?? '', bodyMarkdown: page?.bodyMarkdown ?? '' }} />
      </ClientMessages>
    </div>
  );
}
