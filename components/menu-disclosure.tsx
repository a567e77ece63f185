'use client';

import { useEffect, useRef, type ReactNode } from 'react';
import { usePathname } from '@/lib/i18n/navigation';

/**
 * The phone header's "Menu": a <details>, so it opens and closes without JavaScript. With
 * JavaScript the page changes without a new document, so it is closed here when the
 * address changes, and Escape closes it as it does other menus.
 */
export function MenuDisclosure({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);
  return (
    <details
      ref={ref}
      className="group"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !ref.current?.open) return;
        ref.current.open = false;
        ref.current.querySelector('summary')?.focus();
      }}
    >
      <summary className="inline-flex cursor-pointer list-none items-center gap-2 rounded-md border border-line px-3 py-1.5 text-sm font-medium hover:bg-brand-soft [&::-webkit-details-marker]:hidden">
        <span aria-hidden="true" className="leading-none">
          ☰
        </span>
        <span>{label}</span>
        <span aria-hidden="true" className="inline-block text-xs group-open:rotate-180">
          ▾
        </span>
      </summary>
      {children}
    </details>
  );
}
