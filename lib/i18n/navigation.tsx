import NextLink from 'next/link';
import { getLocale } from 'next-intl/server';
import type { ComponentProps } from 'react';
import { localizedPath, type Href } from './paths';
import type { AppLocale } from './routing';

// Server-side links of the site. next-intl's createNavigation() was here: its <Link> is a
// client component that brought next-intl's runtime into every page's JavaScript.

/** The address of `href` in `locale` (English unprefixed, Spanish under /es). */
export function getPathname({ href, locale }: { href: Href; locale: AppLocale }): string {
  return localizedPath(locale, href);
}

type LinkProps = Omit<ComponentProps<typeof NextLink>, 'href' | 'locale'> & { href: Href; locale?: AppLocale };

/** A link to a page of the site, in the page's language unless `locale` says otherwise. */
export async function Link({ href, locale, ...rest }: LinkProps) {
  const current = (await getLocale()) as AppLocale;
  const target = locale ?? current;
  return <NextLink hrefLang={target === current ? undefined : target} {...rest} href={localizedPath(target, href)} />;
}
