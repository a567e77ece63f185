'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useTransition } from 'react';
import troubleEn from '@/messages/trouble.en.json';
import troubleEs from '@/messages/trouble.es.json';
import { buttonClass } from '@/components/ui/styles';

// The error pages' texts come straight from messages/trouble.<locale>.json: they render
// when the rest of the site could not (no layout, no message provider, no database).

export function troubleMessages(locale: string) {
  return (locale === 'es' ? troubleEs : troubleEn).trouble;
}

/** "The site is having trouble, try again", focused so a screen reader announces it. */
export function Trouble({ locale, reset }: { locale: string; reset: () => void }) {
  const t = troubleMessages(locale);
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div role="alert" className="mx-auto max-w-3xl px-4 py-16 sm:px-6">
      <h1 ref={heading} tabIndex={-1} className="font-serif text-3xl font-semibold focus:outline-none">
        {t.title}
      </h1>
      <p className="mt-3 text-muted">{t.text}</p>
      <ul className="mt-6 flex flex-wrap gap-3">
        <li>
          {/* An empty href reloads this very address, which is "try again" without JavaScript too. */}
          <a
            href=""
            aria-disabled={pending || undefined}
            onClick={(event) => {
              event.preventDefault();
              startTransition(() => {
                router.refresh();
                reset();
              });
            }}
            className={buttonClass({ size: 'md', className: 'inline-block' })}
          >
            {t.retry}
          </a>
        </li>
        <li>
          <a href={locale === 'es' ? '/es' : '/'} className="inline-block rounded-md border border-brand px-4 py-2 font-medium text-brand">
            {t.home}
          </a>
        </li>
      </ul>
    </div>
  );
}
