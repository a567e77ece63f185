import { describe, expect, it } from 'vitest';
import { formatBytes, formatLabel, formatPence, formatPublicationDate } from '@/lib/format';

describe('formatting for readers', () => {
  it('shows a month-precision date as month and year in each language', () => {
    expect(formatPublicationDate('2016-02-01', 'month', 'en')).toBe('February 2016');
    expect(formatPublicationDate('2016-02-01', 'month', 'es')).toBe('febrero de 2016');
    expect(formatPublicationDate('2016-02-24', 'day', 'en')).toBe('24 February 2016');
    expect(formatPublicationDate('2016-01-01', 'year', 'en')).toBe('2016');
  });

  it('shows prices in pounds', () => {
    expect(formatPence(3000, 'en')).toBe('£30');
    expect(formatPence(1550, 'en')).toBe('£15.50');
    expect(formatPence(7500, 'es')).toMatch(/75\s?£|£\s?75/);
  });

  it('shows file sizes and formats', () => {
    expect(formatBytes(900, 'en')).toBe('900 B');
    expect(formatBytes(2150, 'en')).toBe('2.1 KB');
    expect(formatBytes(5 * 1024 * 1024, 'en')).toBe('5 MB');
    expect(formatLabel('application/pdf')).toBe('PDF');
  });
});
