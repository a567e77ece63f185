import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { setRequestLocale } from 'next-intl/server';
import { ContentPage } from '@/components/content-page';
import { cachedPage } from '@/lib/content';
import { localeAlternates, titleMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';

const ABOUT_PAGES = ['aims', 'history', 'human-rights'] as const;
type AboutSlug = (typeof ABOUT_PAGES)[number];

function asAboutSlug(value: string): AboutSlug {
  if (!(ABOUT_PAGES as readonly string[]).includes(value)) notFound();
  return value as AboutSlug;
}

// Rendered on first request (pages read the database, which the build does not need),
// then served from Next's cache until a staff edit revalidates it.
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: PageProps<'/[locale]/about/[slug]'>): Promise<Metadata> {
  const { locale: rawLocale, slug: rawSlug } = await params;
  const locale = asLocale(rawLocale);
  const slug = asAboutSlug(rawSlug);
  const page = await cachedPage(slug, locale);
  return { ...(page ? await titleMetadata(locale, page.title) : {}), alternates: localeAlternates(locale, `/about/${slug}`) };
}

export default async function AboutPage({ params }: PageProps<'/[locale]/about/[slug]'>) {
  const { locale: rawLocale, slug: rawSlug } = await params;
  const locale = asLocale(rawLocale);
  setRequestLocale(locale);
  const page = await cachedPage(asAboutSlug(rawSlug), locale);
  if (!page) notFound();
  return <ContentPage title={page.title} body={page.bodyMarkdown} />;
}
