import type { Metadata } from 'next';
import type { MessageKeys, Messages, NamespaceKeys, NestedKeyOf, NestedValueOf } from 'next-intl';
import { getTranslations } from 'next-intl/server';
import { siteUrl } from '@/lib/env';
import { getPathname } from './navigation';
import { asLocale } from './params';
import { routing, type AppLocale } from './routing';
import { fitTitle } from './title';

type Href = Parameters<typeof getPathname>[0]['href'];

/** Canonical URL and hreflang alternates for a page that exists in both languages. */
export function localeAlternates(locale: AppLocale, href: Href): Metadata['alternates'] {
  const url = (l: AppLocale) => `${siteUrl()}${getPathname({ href, locale: l })}`;
  const languages: Record<string, string> = Object.fromEntries(routing.locales.map((l) => [l, url(l)]));
  languages['x-default'] = url(routing.defaultLocale);
  return { canonical: url(locale), languages };
}

/** A page's title metadata: the fitted <title>, and og:title in full. */
export async function titleMetadata(locale: AppLocale, title: string): Promise<Pick<Metadata, 'title' | 'openGraph'>> {
  const t = await getTranslations({ locale, namespace: 'meta' });
  return { title: fitTitle(title, t('siteName')), openGraph: { title } };
}

/**
 * Metadata for a page titled by one message. Private pages (sign-in, account) are kept
 * out of search engines.
 */
type Namespace = NamespaceKeys<Messages, NestedKeyOf<Messages>>;
type KeyOf<N extends Namespace> = MessageKeys<NestedValueOf<Messages, N>, NestedKeyOf<NestedValueOf<Messages, N>>>;

export function titledMetadata<N extends Namespace>(namespace: N, key: KeyOf<N>, opts: { private?: boolean; path?: Href } = {}) {
  return async ({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> => {
    const locale = asLocale((await params).locale);
    // The key was checked against the namespace at the call; inside, next-intl's types of
    // a namespace chosen by a type parameter are too large for the compiler.
    const t = (await getTranslations({ locale, namespace })) as unknown as (key: string) => string;
    return {
      ...(await titleMetadata(locale, t(key))),
      ...(opts.path ? { alternates: localeAlternates(locale, opts.path) } : {}),
      ...(opts.private ? { robots: { index: false } } : {}),
    };
  };
}

/** The 404 page's title (Next adds its own noindex to a 404). */
export async function notFoundMetadata(locale: AppLocale): Promise<Metadata> {
  const t = await getTranslations({ locale, namespace: 'notFound' });
  return { title: t('title') };
}
