// Every locale's messages: the site's, plus one file per admin area (messages/admin/),
// so each area's wording lives beside the others without one huge file. trouble.<locale>.json
// is imported on its own by the error pages, which must work without the rest.
import type { AppLocale } from '@/lib/i18n/routing';

import siteEN from './en.json';
import overviewEN from './admin/overview.en.json';
import membersEN from './admin/members.en.json';
import importEN from './admin/import.en.json';
import paymentsEN from './admin/payments.en.json';
import giftAidEN from './admin/gift-aid.en.json';
import publicationsEN from './admin/publications.en.json';
import pagesEN from './admin/pages.en.json';
import settingsEN from './admin/settings.en.json';
import auditEN from './admin/audit.en.json';
import troubleEN from './trouble.en.json';
import siteES from './es.json';
import overviewES from './admin/overview.es.json';
import membersES from './admin/members.es.json';
import importES from './admin/import.es.json';
import paymentsES from './admin/payments.es.json';
import giftAidES from './admin/gift-aid.es.json';
import publicationsES from './admin/publications.es.json';
import pagesES from './admin/pages.es.json';
import settingsES from './admin/settings.es.json';
import auditES from './admin/audit.es.json';
import troubleES from './trouble.es.json';

const messages = {
  en: {
    ...siteEN,
    ...overviewEN,
    ...membersEN,
    ...importEN,
    ...paymentsEN,
    ...giftAidEN,
    ...publicationsEN,
    ...pagesEN,
    ...settingsEN,
    ...auditEN,
    ...troubleEN,
  },
  es: {
    ...siteES,
    ...overviewES,
    ...membersES,
    ...importES,
    ...paymentsES,
    ...giftAidES,
    ...publicationsES,
    ...pagesES,
    ...settingsES,
    ...auditES,
    ...troubleES,
  },
};

/** The shape of the messages: English's, which the Spanish must match key for key (tests/unit/messages.test.ts). */
export type SiteMessages = (typeof messages)['en'];

export function messagesFor(locale: AppLocale) {
  return messages[locale];
}
