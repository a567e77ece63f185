import { notFound } from 'next/navigation';
import { hasLocale } from 'next-intl';
import { routing, type AppLocale } from './routing';

/** The `[locale]` route parameter, or a 404 for anything but a supported locale. */
export function asLocale(value: string): AppLocale {
  if (!hasLocale(routing.locales, value)) notFound();
  return value;
}
