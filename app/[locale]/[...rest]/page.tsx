import type { Metadata } from 'next';
import { setRequestLocale } from 'next-intl/server';
import { NotFoundPage } from '@/components/not-found-page';
import { notFoundMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';

// Prerendered on first request like the other public pages, which NotFoundPage needs to
// answer 404 (see there). Each unknown address is then a cache entry of Next's in-memory
// cache, which is bounded (least recently used go first).
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: PageProps<'/[locale]/[...rest]'>): Promise<Metadata> {
  return notFoundMetadata(asLocale((await params).locale));
}

// Any path under a locale that no page claims renders the localised 404.
export default async function CatchAll({ params }: PageProps<'/[locale]/[...rest]'>) {
  const locale = asLocale((await params).locale);
  setRequestLocale(locale);
  return <NotFoundPage locale={locale} />;
}
