import type { Locale } from '@/db/schema';

const intlLocale = (locale: Locale) => (locale === 'es' ? 'es-ES' : 'en-GB');

/** Integer pence to "£30" or "£30.50". */
export function formatPence(pence: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale), {
    style: 'currency',
    currency: 'GBP',
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: pence % 100 === 0 ? 0 : 2,
  }).format(pence / 100);
}

export function formatBytes(bytes: number, locale: Locale): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** "February 2016" / "febrero de 2016", at the precision the date was recorded with. */
export function formatPublicationDate(isoDate: string, precision: 'day' | 'month' | 'year', locale: Locale): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  const options: Intl.DateTimeFormatOptions =
    precision === 'year'
      ? { year: 'numeric', timeZone: 'UTC' }
      : precision === 'month'
        ? { year: 'numeric', month: 'long', timeZone: 'UTC' }
        : { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(intlLocale(locale), options).format(date);
}

/** "PDF" from "application/pdf". */
export function formatLabel(contentType: string): string {
  const known: Record<string, string> = {
    'application/pdf': 'PDF',
    'application/msword': 'DOC',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  };
  return known[contentType] ?? contentType.split('/').pop()!.toUpperCase();
}

/** "26 November 2026" / "26 de noviembre de 2026", in UK time. */
export function formatLongDate(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone: 'Europe/London' }).format(date);
}
