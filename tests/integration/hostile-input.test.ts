import { beforeAll, describe, expect, it } from 'vitest';
import { searchPublications } from '@/db/queries/publications';
import { LIBRARY_PAGE_SIZE, parseLibraryParams } from '@/lib/library/params';
import { seedDemoContent } from '../support/seed';

beforeAll(async () => {
  await seedDemoContent();
});

// What the library page does with a query string: parse leniently, then search.
const run = (raw: Record<string, string | string[]>) =>
  searchPublications('en', { ...parseLibraryParams(raw), pageSize: LIBRARY_PAGE_SIZE });

describe('hostile library input never errors', () => {
  const slugs = async (q: string) => (await run({ q })).items.map((i) => i.slug);
  // Each hostile query against what a reader would expect it to mean: the same results as
  // its plain words, or nothing at all where it is only syntax (never "everything", which
  // is what an injected OR or prefix would give).
  const sameAs: [string, string][] = [
    ['mining & | ! (', 'mining'],
    ['"water debate', 'water debate'],
    ['\u0000\u0001', ''],
    ['😀 perú', 'perú'],
    ['x'.repeat(10_000), 'x'.repeat(200)],
  ];
  for (const [hostile, plain] of sameAs) {
    it(`searches for ${JSON.stringify(hostile.slice(0, 40))} as for ${JSON.stringify(plain.slice(0, 20))}`, async () => {
      const expected = await slugs(plain);
      expect(await slugs(hostile)).toEqual(expected);
    });
  }
  it('finds the plain words of those queries, so the comparisons above mean something', async () => {
    expect(await slugs('mining')).toHaveLength(5);
    expect(await slugs('water debate')).toEqual(['great-water-debate-peru']);
    expect(await slugs('perú')).toHaveLength(7);
  });

  for (const q of ["'; drop table publications; --", '1 OR 1=1', 'a:* & b:*', '<script>alert(1)</script>', '!!! ::: *** &&& |||', '-']) {
    it(`finds nothing for ${JSON.stringify(q)}, not everything`, async () => {
      const result = await run({ q });
      expect(result.page).toBe(1);
      expect(result.total).toBe(0);
    });
  }

  it('"-mining" leaves out what mentions mining', async () => {
    const without = await slugs('-mining');
    const mining = await slugs('mining');
    expect(without).toHaveLength(3);
    expect(without.filter((s) => mining.includes(s))).toEqual([]);
  });

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
