'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { Suspense } from 'react';
import { localizedPath, unlocalizedPath } from '@/lib/i18n/paths';
import type { AppLocale } from '@/lib/i18n/routing';

type Props = { locale: AppLocale; label: string; ariaLabel: string };

// A plain link to the same page in the other language (works without JavaScript).
function SwitcherLink({ locale, label, ariaLabel, query }: Props & { query: string }) {
  const pathname = unlocalizedPath(usePathname());
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
  return (
    <Suspense fallback={<SwitcherLink {...props} query="" />}>
      <SwitcherWithQuery {...props} />
    </Suspense>
  );
}
