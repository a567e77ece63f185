import { describe, expect, it } from 'vitest';
import { canonicalLibraryQuery, librarySearchQuery, parseLibraryParams } from '@/lib/library/params';
import { libraryStateKey, libraryStateQuery } from '@/lib/library/state-key';

// A library search is cached per normalised query (proxy.ts, issue #16): the same search
// written two ways is one page, and the key always gives back the search it stands for.

const keyOf = (query: string) => libraryStateKey(canonicalLibraryQuery(parseLibraryParams(Object.fromEntries(new URLSearchParams(query)))));

describe('library search keys', () => {
  it('are the same for the same search written differently', () => {
    expect(keyOf('q=%20%20miner%C3%ADa%20%20agua%20&page=1')).toBe(keyOf('page=1&q=miner%C3%ADa+agua'));
    expect(keyOf('type=report&q=water')).toBe(keyOf('q=water&type=report&colour=blue'));
    expect(keyOf('q=water&type=bogus&year=abc')).toBe(keyOf('q=water'));
    expect(keyOf('q=%20&page=1&type=nope')).toBe('');
  });

  it('give back the search, whatever its characters', () => {
    for (const q of ['minería', 'a/b%c&d=e?f#g', '"derechos humanos" -minería', '😀 perú', '+ + +']) {
      const params = new URLSearchParams(libraryStateQuery(keyOf(`q=${encodeURIComponent(q)}&topic=water&page=3`)));
      expect(Object.fromEntries(params)).toEqual({ q: q.replace(/\s+/g, ' ').trim(), topic: 'water', page: '3' });
      expect(keyOf(`q=${encodeURIComponent(q)}`)).toMatch(/^[A-Za-z0-9_-]+$/);
    }
  });

  it('read anything that is not a key as no search', () => {
    for (const key of ['%%%', '../x', 'not base64!', '_-_-', '\u0000']) expect(libraryStateQuery(key)).toBe('');
  });

  it('share the results of searches that differ only in case', () => {
    const a = librarySearchQuery(parseLibraryParams({ q: 'Minería  Agua' }));
    const b = librarySearchQuery(parseLibraryParams({ q: 'minería agua' }));
    expect(a).toEqual(b);
  });
});
