import type { Metadata } from 'next';
import { setRequestLocale } from 'next-intl/server';
import { ContentPage } from '@/components/content-page';
import { NotFoundPage } from '@/components/not-found-page';
import { cachedPage } from '@/lib/content';
import { localeAlternates, notFoundMetadata, titleMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';

const ABOUT_PAGES = ['aims', 'history', 'human-rights'] as const;
type AboutSlug = (typeof ABOUT_PAGES)[number];

function isAboutSlug(value: string): value is AboutSlug {
  return (ABOUT_PAGES as readonly string[]).includes(value);
}

// Rendered on first request (pages read the database, which the build does not need),
// then served from Next's cache until a staff edit revalidates it.
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: PageProps<'/[locale]/about/[slug]'>): Promise<Metadata> {
  const { locale: rawLocale, slug: rawSlug } = await params;
  const locale = asLocale(rawLocale);
  const page = isAboutSlug(rawSlug) ? await cachedPage(rawSlug, locale) : null;
  if (!page) return notFoundMetadata(locale);
  return { ...(await titleMetadata(locale, page.title)), alternates: localeAlternates(locale, `/about/${rawSlug}`) };
}

export default async function AboutPage({ params }: PageProps<'/[locale]/about/[slug]'>) {
  const { locale: rawLocale, slug: rawSlug } = await params;
  const locale = asLocale(rawLocale);
  setRequestLocale(locale);
  const page = isAboutSlug(rawSlug) ? await cachedPage(rawSlug, locale) : null;
  if (!page) return <NotFoundPage locale={locale} />;
  return <ContentPage title={page.title} body={page.bodyMarkdown} />;
}
