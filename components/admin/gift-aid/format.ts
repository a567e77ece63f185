import type { AppLocale } from '@/lib/i18n/routing';

const intl = (locale: AppLocale) => (locale === 'es' ? 'es-ES' : 'en-GB');

/** "1 Jun 2026": a moment, as the UK day it fell on. */
export function shortDate(date: Date, locale: AppLocale): string {
  return new Intl.DateTimeFormat(intl(locale), { dateStyle: 'medium', timeZone: 'Europe/London' }).format(date);
}

/** "1 Jun 2026" from a calendar day "2026-06-01". */
export function shortDay(isoDay: string, locale: AppLocale): string {
  return new Intl.DateTimeFormat(intl(locale), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${isoDay}T12:00:00Z`));
}

/** "£30.00" / "30,00 £": always with pence, as amounts on a claim are compared line by line. */
export function money(pence: number, locale: AppLocale): string {
  return new Intl.NumberFormat(intl(locale), {
    style: 'currency',
    currency: 'GBP',
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: 2,
  }).format(pence / 100);
}
