'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { localizedPath, unlocalizedPath } from '@/lib/i18n/paths';
import type { AppLocale } from '@/lib/i18n/routing';

/** A header link that marks the current section for screen readers and sighted users. */
export function NavLink({
  locale,
  href,
  exact = false,
  children,
}: {
  locale: AppLocale;
  href: string;
  exact?: boolean;
  children: React.ReactNode;
}) {
  const pathname = unlocalizedPath(usePathname());
  const current = pathname === href || (!exact && pathname.startsWith(`${href}/`));
  return (
    <Link
      href={localizedPath(locale, href)}
      aria-current={current ? 'page' : undefined}
      className={`inline-block rounded-md px-2 py-2 hover:bg-brand-soft sm:px-3 ${current ? 'font-semibold text-brand underline decoration-2 underline-offset-4' : 'text-ink'}`}
    >
      {children}
    </Link>
  );
}
