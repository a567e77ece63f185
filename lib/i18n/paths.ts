import type { AppLocale } from './routing';

// The site's addresses in each language: English at the root, Spanish under /es (see
// routing.ts). Plain functions, so client components get them without next-intl's
// navigation runtime in the browser (issue #16: about 14 KiB of JavaScript on every page).

export type Href = string | { pathname: string; query?: Record<string, string | number | undefined> };

/** `href` (a path of the site without a language) as the address of `locale`'s page. */
export function localizedPath(locale: AppLocale, href: Href): string {
  let path = typeof href === 'string' ? href : href.pathname;
  if (typeof href !== 'string' && href.query) {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(href.query)) if (value !== undefined) query.set(key, String(value));
    const text = query.toString();
    if (text) path += `?${text}`;
  }
  if (locale === 'en') return path;
  return path === '/' ? '/es' : path.startsWith('/?') || path.startsWith('/#') ? `/es${path.slice(1)}` : `/es${path}`;
}

/** The path of a page without its language: `/es/publications` and `/publications` give `/publications`. */
export function unlocalizedPath(pathname: string): string {
  const match = /^\/(?:es|en)(?=\/|$)/.exec(pathname);
  if (!match) return pathname || '/';
  return pathname.slice(match[0].length) || '/';
}
