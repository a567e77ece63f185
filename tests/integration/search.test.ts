import { beforeAll, describe, expect, it } from 'vitest';
import { searchPublications, type LibraryQuery } from '@/db/queries/publications';
import { seedDemoContent } from '../support/seed';

const search = (query: Partial<LibraryQuery>, locale: 'en' | 'es' = 'en') =>
  searchPublications(locale, { page: 1, pageSize: 50, ...query });
const slugs = async (query: Partial<LibraryQuery>, locale: 'en' | 'es' = 'en') => (await search(query, locale)).items.map((p) => p.slug);

beforeAll(async () => {
  await seedDemoContent();
});

describe('library search', () => {
  it('lists every published publication newest first when there is no query', async () => {
    const result = await search({});
    expect(result.total).toBe(8);
    const dates = result.items.map((p) => p.publishedOn);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('ranks publications about Río Blanco first for "rio blanco"', async () => {
    const found = await slugs({ q: 'rio blanco' });
    expect(found.slice(0, 2).sort()).toEqual(['mining-development-peru-rio-blanco-piura', 'rio-blanco-torture-case-study']);
  });

  it('finds minería when the reader types mineria without the accent, and with it', async () => {
    const withoutAccent = await slugs({ q: 'mineria' });
    const withAccent = await slugs({ q: 'minería' });
    expect(withoutAccent).toContain('artisanal-small-scale-gold-mining-peru');
    expect(withoutAccent.sort()).toEqual(withAccent.sort());
  });

  it('stems Spanish words: "derechos humanos" finds the UPR submission', async () => {
    expect(await slugs({ q: 'derechos humanos' }, 'es')).toContain('upr-submission-human-rights-concerns-2017');
  });

  it('stems English words: "mines" finds mining publications', async () => {
    expect(await slugs({ q: 'mines' })).toContain('artisanal-small-scale-gold-mining-peru');
  });

  it('matches topic names: "water" finds the water publication by its topic', async () => {
    expect(await slugs({ q: 'water' })).toContain('great-water-debate-peru');
  });

  it('supports quoted phrases and -word exclusion', async () => {
    const mining = await slugs({ q: 'mining' });
    const notGold = await slugs({ q: 'mining -gold' });
    expect(mining).toContain('artisanal-small-scale-gold-mining-peru');
    expect(notGold).not.toContain('artisanal-small-scale-gold-mining-peru');
    expect(notGold.length).toBeGreaterThan(0);
    expect(await slugs({ q: '"truth and reconciliation"' })).toContain('truth-reconciliation-commission-five-years');
  });

  it('shows English with a fallback flag when there is no Spanish translation', async () => {
    const result = await search({ q: 'water' }, 'es');
    const water = result.items.find((p) => p.slug === 'great-water-debate-peru');
    expect(water?.isFallback).toBe(true);
    expect(water?.title).toMatch(/Water/);
    const asm = (await search({ q: 'minería artesanal' }, 'es')).items.find((p) => p.slug === 'artisanal-small-scale-gold-mining-peru');
    expect(asm?.isFallback).toBe(false);
  });
});

describe('library filters', () => {
  it('filters by type', async () => {
    const result = await search({ type: 'briefing' });
    expect(result.total).toBe(4);
    expect(result.items.every((p) => p.type === 'briefing')).toBe(true);
  });

  it('filters by topic', async () => {
    const result = await search({ topic: 'water' });
    expect(result.items.map((p) => p.slug)).toEqual(['great-water-debate-peru']);
  });

  it('filters by year', async () => {
    const result = await search({ year: 2009 });
    expect(result.items.map((p) => p.slug).sort()).toEqual(['gender-relations-women-peru', 'truth-reconciliation-commission-five-years']);
  });

  it('filters by file language', async () => {
    expect(await slugs({ lang: 'es' })).toEqual(['artisanal-small-scale-gold-mining-peru']);
  });

  it('combines filters with a query', async () => {
    expect(await slugs({ q: 'mining', type: 'report', topic: 'extractive-industries' })).toEqual([
      'mining-development-peru-rio-blanco-piura',
    ]);
    expect(await slugs({ q: 'mining', year: 2009 })).toEqual([]);
    expect(await slugs({ type: 'briefing', year: 2009 })).toHaveLength(2);
  });

  it('returns nothing for a topic that does not exist', async () => {
    expect((await search({ topic: 'no-such-topic' })).total).toBe(0);
  });
});

describe('library pagination', () => {
  it('splits results into pages with no overlap', async () => {
    const pages = await Promise.all([1, 2, 3].map((page) => search({ page, pageSize: 3 })));
    expect(pages.map((p) => p.items.length)).toEqual([3, 3, 2]);
    expect(pages[0]!.pageCount).toBe(3);
    const all = pages.flatMap((p) => p.items.map((i) => i.slug));
    expect(new Set(all).size).toBe(8);
  });

  it('clamps a page past the end to the last page', async () => {
    const result = await search({ page: 99, pageSize: 3 });
    expect(result.page).toBe(3);
    expect(result.items).toHaveLength(2);
  });

  it('reports one empty page when nothing matches', async () => {
    const result = await search({ q: 'zzzzqqq', page: 5 });
    expect(result).toMatchObject({ total: 0, page: 1, pageCount: 1, items: [] });
  });
});
