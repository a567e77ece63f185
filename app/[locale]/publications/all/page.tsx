import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { Library } from '@/components/library';
import { cachedLibraryFacets, cachedLibraryFirstPage } from '@/lib/content';
import { localeAlternates, titleMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';

// /publications with no query string is rewritten here (next.config.ts), so the library's
// landing page is served from the cache like the other public pages.
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: PageProps<'/[locale]/publications/all'>): Promise<Metadata> {
  const locale = asLocale((await params).locale);
  const t = await getTranslations({ locale, namespace: 'library' });
  return { ...(await titleMetadata(locale, t('title'))), alternates: localeAlternates(locale, '/publications') };
}

export default async function LibraryLandingPage({ params }: PageProps<'/[locale]/publications/all'>) {
  const locale = asLocale((await params).locale);
  setRequestLocale(locale);
  const [facets, result] = await Promise.all([cachedLibraryFacets(locale), cachedLibraryFirstPage(locale)]);
  return <Library locale={locale} filters={{ page: 1 }} facets={facets} result={result} />;
}
