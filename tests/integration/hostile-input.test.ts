import { beforeAll, describe, expect, it } from 'vitest';
import { searchPublications } from '@/db/queries/publications';
import { LIBRARY_PAGE_SIZE, parseLibraryParams } from '@/lib/library/params';
import { seedDemoContent } from '../support/seed';

beforeAll(async () => {
  await seedDemoContent();
});

// What the library page does with a query string: parse leniently, then search.
const run = (raw: Record<string, string | string[]>) => searchPublications('en', { ...parseLibraryParams(raw), pageSize: LIBRARY_PAGE_SIZE });

describe('hostile library input never errors', () => {
  const queries = [
    'x'.repeat(10_000),
    "'; drop table publications; --",
    '1 OR 1=1',
    'mining & | ! (',
    '!!! ::: *** &&& |||',
    '"unterminated quote',
    '-',
    '-mining',
    'a:* & b:*',
    '<script>alert(1)</script>',
    '\u0000\u0001',
    '😀 perú',
  ];
  for (const q of queries) {
    it(`searches for ${JSON.stringify(q.slice(0, 40))} without an error`, async () => {
      const result = await run({ q });
      expect(result.page).toBe(1);
      expect(Array.isArray(result.items)).toBe(true);
    });
  }

  it('keeps the publications table after an SQL-looking query', async () => {
    await run({ q: "'; drop table publications; --" });
    expect((await run({})).total).toBe(8);
  });

  it('ignores unknown filter values instead of failing', async () => {
    const params = parseLibraryParams({ type: 'nonsense', year: 'abc', lang: 'fr', topic: '../../etc', page: 'abc' });
    expect(params).toEqual({ page: 1 });
    expect((await run({ type: 'nonsense', year: '99999', lang: 'xx' })).total).toBe(8);
  });

  it('treats page=-1 and page=abc as the first page', async () => {
    expect(parseLibraryParams({ page: '-1' }).page).toBe(1);
    expect(parseLibraryParams({ page: 'abc' }).page).toBe(1);
    expect(parseLibraryParams({ page: '1e9' }).page).toBe(1);
    expect((await run({ page: '-1' })).page).toBe(1);
  });

  it('uses the first value when a parameter is repeated', async () => {
    expect(parseLibraryParams({ type: ['report', 'briefing'] }).type).toBe('report');
  });

  it('cuts a 10,000-character query down to 200 characters', () => {
    expect(parseLibraryParams({ q: 'y'.repeat(10_000) }).q).toHaveLength(200);
  });
});
