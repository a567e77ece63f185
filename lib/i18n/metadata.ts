import type { Metadata } from 'next';
import { siteUrl } from '@/lib/env';
import { getPathname } from './navigation';
import { routing, type AppLocale } from './routing';

type Href = Parameters<typeof getPathname>[0]['href'];

/** Canonical URL and hreflang alternates for a page that exists in both languages. */
export function localeAlternates(locale: AppLocale, href: Href): Metadata['alternates'] {
  const url = (l: AppLocale) => `${siteUrl()}${getPathname({ href, locale: l })}`;
  const languages: Record<string, string> = Object.fromEntries(routing.locales.map((l) => [l, url(l)]));
  languages['x-default'] = url(routing.defaultLocale);
  return { canonical: url(locale), languages };
}
