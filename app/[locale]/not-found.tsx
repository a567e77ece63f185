import { getLocale } from 'next-intl/server';
import { NotFoundContent } from '@/components/not-found-content';
import type { AppLocale } from '@/lib/i18n/routing';

// What the browser shows once a notFound() reaches the segment's boundary. Pages that have
// nothing to show return NotFoundPage instead, which the server renders with the same content.
export default async function NotFound() {
  return <NotFoundContent locale={(await getLocale()) as AppLocale} />;
}
