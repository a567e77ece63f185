// Typed messages: a key that messages/ does not have fails the typecheck, in t() and in
// every form's error code (`errors.${code}`). English gives the shape; the Spanish must
// have the same keys (tests/unit/messages.test.ts).
import type { AppLocale } from '@/lib/i18n/routing';
import type { SiteMessages } from '@/messages';

declare module 'next-intl' {
  interface AppConfig {
    Locale: AppLocale;
    Messages: SiteMessages;
  }
}
