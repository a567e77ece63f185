'use client';

import type { ComponentProps } from 'react';
import { Link, usePathname } from '@/lib/i18n/navigation';

/** A header link that marks the current section for screen readers and sighted users. */
export function NavLink({
  href,
  exact = false,
  children,
}: {
  href: ComponentProps<typeof Link>['href'] & string;
  exact?: boolean;
  children: React.ReactNode;
}) {
  const pathname = usePathname();
  const current = pathname === href || (!exact && pathname.startsWith(`${href}/`));
  return (
    <Link
      href={href}
      aria-current={current ? 'page' : undefined}
      className={`inline-block rounded-md px-2 py-2 hover:bg-brand-soft sm:px-3 ${current ? 'font-semibold text-brand underline decoration-2 underline-offset-4' : 'text-ink'}`}
    >
      {children}
    </Link>
  );
}
