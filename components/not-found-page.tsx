import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import type { AppLocale } from '@/lib/i18n/routing';
import { NotFoundContent } from './not-found-content';

// notFound() on its own answers 404 with an empty document (<html id="__next_error__">, no
// lang, no body): React's server render cannot run the client error boundary that shows
// not-found.tsx, so the page appears only once scripts run (vercel/next.js#62228, open;
// a fix is proposed in #98583). Here the not-found text is the fallback of a Suspense
// boundary whose child calls notFound(): the server renders the fallback inside the
// site's layout, and the error inside the boundary still sets the 404 (Next's prerender
// path takes the status from errors inside boundaries too). In the browser the
// boundary retries, meets the same notFound() and shows not-found.tsx, which draws the
// same NotFoundContent.

function Missing(): never {
  notFound();
}

/**
 * Returned by a page that has nothing to show: a 404 drawn on the server. Only on routes
 * that are prerendered (static, or generateStaticParams): a per-request render does not
 * take the status from an error inside a boundary, so it would answer 200.
 * e2e/no-javascript.spec.ts checks the status of each route that uses it.
 */
export function NotFoundPage({ locale }: { locale: AppLocale }) {
  return (
    <Suspense fallback={<NotFoundContent locale={locale} />}>
      <Missing />
    </Suspense>
  );
}
