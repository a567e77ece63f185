import { defineRouting } from 'next-intl/routing';

// English at the root, Spanish under /es. No proxy: next.config.ts rewrites unprefixed
// paths to /en so public pages stay static.
export const routing = defineRouting({
  locales: ['en', 'es'],
  defaultLocale: 'en',
  localePrefix: 'as-needed',
  localeDetection: false,
  localeCookie: false,
});

export type AppLocale = (typeof routing.locales)[number];
