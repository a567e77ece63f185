import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { siteUrl } from '@/lib/env';
import { getPathname } from './navigation';
import { asLocale } from './params';
import { routing, type AppLocale } from './routing';

type Href = Parameters<typeof getPathname>[0]['href'];

/** Canonical URL and hreflang alternates for a page that exists in both languages. */
export function localeAlternates(locale: AppLocale, href: Href): Metadata['alternates'] {
  const url = (l: AppLocale) => `${siteUrl()}${getPathname({ href, locale: l })}`;
  const languages: Record<string, string> = Object.fromEntries(routing.locales.map((l) => [l, url(l)]));
  languages['x-default'] = url(routing.defaultLocale);
  return { canonical: url(locale), languages };
}

/**
 * Metadata for a page titled by one message. Private pages (sign-in, account) are kept
 * out of search engines.
 */
export function titledMetadata(namespace: string, key: string, opts: { private?: boolean; path?: Href } = {}) {
  return async ({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> => {
    const locale = asLocale((await params).locale);
    const t = await getTranslations({ locale, namespace });
    return {
      title: t(key),
      ...(opts.path ? { alternates: localeAlternates(locale, opts.path) } : {}),
      ...(opts.private ? { robots: { index: false } } : {}),
    };
  };
}
