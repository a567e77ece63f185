'use client';

import { usePathname, useSearchParams, useSelectedLayoutSegments } from 'next/navigation';
import { Suspense } from 'react';
import { localizedPath, unlocalizedPath } from '@/lib/i18n/paths';
import type { AppLocale } from '@/lib/i18n/routing';
import { LIBRARY_SEARCH_SEGMENT, libraryStateQuery } from '@/lib/library/state-key';

type Props = { locale: AppLocale; label: string; ariaLabel: string };

// A plain link to the same page in the other language (works without JavaScript).
function SwitcherLink({ locale, label, ariaLabel, query, path }: Props & { query: string; path?: string }) {
  const current = usePathname();
  const pathname = path ?? unlocalizedPath(current);
  const other: AppLocale = locale === 'en' ? 'es' : 'en';
  const href = localizedPath(other, pathname) + (query ? `?${query}` : '');
  return (
    <a
      href={href}
      hrefLang={other}
      lang={other}
      aria-label={ariaLabel}
      className="rounded-md border border-line px-3 py-1.5 text-sm font-medium hover:bg-brand-soft"
    >
      {label}
    </a>
  );
}

// Keeps the search and filters when switching; static pages render the fallback.
function SwitcherWithQuery(props: Props) {
  const query = useSearchParams().toString();
  return <SwitcherLink {...props} query={query} />;
}

export function LanguageSwitcher(props: Props) {
  // A library search is a cached page (proxy.ts): its query is in the route, where the
  // server's render can read it, so the link keeps the search without JavaScript too.
  const [section, kind, key] = useSelectedLayoutSegments();
  if (section === 'publications' && kind === LIBRARY_SEARCH_SEGMENT && key) {
    return <SwitcherLink {...props} path="/publications" query={libraryStateQuery(key)} />;
  }
  return (
    <Suspense fallback={<SwitcherLink {...props} query="" />}>
      <SwitcherWithQuery {...props} />
    </Suspense>
  );
}
