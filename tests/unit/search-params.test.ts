import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseSearchParams, queryField } from '@/lib/http/query';

const schema = z.object({
  q: queryField.text(10),
  page: queryField.int(1, 50),
  sort: queryField.oneOf(['name', 'date']),
  day: queryField.day(),
});

describe('parseSearchParams', () => {
  it('reads the first value of each parameter, cleaned, as the schema says', () => {
    expect(parseSearchParams(schema, { q: ['  mining\u0000 ', 'second'], page: '3', sort: 'date', day: '2024-02-29' })).toEqual({
      q: 'mining',
      page: 3,
      sort: 'date',
      day: '2024-02-29',
    });
    expect(parseSearchParams(schema, new URLSearchParams('q=a&q=b&page=2'))).toEqual({ q: 'a', page: 2 });
  });

  it('drops what is malformed, blank, too long or unknown, and never throws', () => {
    expect(parseSearchParams(schema, { q: '', page: '0', sort: 'drop table', day: '2024-02-30', other: 'x' })).toEqual({});
    expect(parseSearchParams(schema, { q: 'a'.repeat(50), page: 'NaN' })).toEqual({ q: 'a'.repeat(10) });
  });
});
