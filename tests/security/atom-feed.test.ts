// Hole 6: a publication title containing "]]>" twice broke out of the feed's CDATA and
// injected XML into /feed.xml. Hostile titles must come back out of a strict XML parser
// exactly as staff typed them.
import { SaxesParser } from 'saxes';
import { describe, expect, it, vi } from 'vitest';
import { getSql } from '@/db/client';
import { atomXml } from '@/lib/feed/atom';
import { firstRow } from '../support/rows';

// The feed reads through unstable_cache, which needs Next's request scope; read straight through.
vi.mock('next/cache', () => ({ revalidateTag: () => {}, unstable_cache: (fn: unknown) => fn }));
const { GET } = await import('@/app/feed.xml/route');

type Parsed = { entries: { title: string; summary: string }[]; elements: string[] };

/** Parses with saxes (strict, namespace-aware): any well-formedness error throws. */
function parseAtom(xml: string): Parsed {
  const parser = new SaxesParser({ xmlns: true });
  const parsed: Parsed = { entries: [], elements: [] };
  const stack: string[] = [];
  let text = '';
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    stack.push(tag.local);
    parsed.elements.push(`${tag.uri}|${tag.local}`);
    if (tag.local === 'entry') parsed.entries.push({ title: '', summary: '' });
    text = '';
  });
  parser.on('text', (t) => void (text += t));
  parser.on('closetag', (tag) => {
    stack.pop();
    const entry = parsed.entries.at(-1);
    if (entry && stack.at(-1) === 'entry' && (tag.local === 'title' || tag.local === 'summary')) entry[tag.local] = text;
    text = '';
  });
  parser.write(xml).close();
  return parsed;
}

const HOSTILE = [
  'Mining ]]><injected xmlns="http://www.w3.org/2005/Atom"/> and ]]><entry><title>forged</title></entry>',
  'Water & land < rights > "quoted" \'single\' &amp; &lt;',
  '<![CDATA[ nested ]]> ]]> ]]>',
  'Tabs\tand\nnew lines\r\nstay',
];
// Characters XML 1.0 cannot carry at all are dropped, never passed through.
const CONTROL = { stored: 'Bell\u0007 form\u000c feed\u001f end\ufffe', shown: 'Bell form feed end' };

async function publish(slug: string, title: string, publishedOn: string) {
  const sql = getSql();
  const pub = firstRow(
    await sql<{ id: string }[]>`
    insert into publications (slug, type, status, published_on) values (${slug}, 'report', 'published', ${publishedOn}) returning id`,
  );
  await sql`insert into publication_translations (publication_id, locale, title, summary) values (${pub.id}, 'en', ${title}, ${`Summary of ${title}`})`;
}

describe('the Atom feed with hostile titles', () => {
  it('parses strictly and gives back every title and summary as typed', async () => {
    for (const [i, title] of [...HOSTILE, CONTROL.stored].entries()) await publish(`hostile-${i}`, title, `2030-01-0${i + 1}`);
    const response = await GET();
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const feed = parseAtom(await response.text());

    const titles = feed.entries.map((e) => e.title);
    const expected = [...HOSTILE, CONTROL.shown].map((t) => t.replace(/\r\n/g, '\n'));
    for (const title of expected) expect(titles).toContain(title);
    for (const title of expected) expect(feed.entries.find((e) => e.title === title)?.summary).toBe(`Summary of ${title}`);
    // Nothing was injected: only Atom's own elements, and one entry per publication.
    expect(feed.elements.filter((e) => e.endsWith('|injected'))).toEqual([]);
    expect(titles).not.toContain('forged');
    expect(new Set(feed.elements.map((e) => e.split('|')[0]))).toEqual(new Set(['http://www.w3.org/2005/Atom']));
  });

  it('drops characters XML cannot hold (NUL, lone surrogates) instead of writing them', () => {
    const xml = atomXml({
      id: 'urn:x',
      title: 'Feed\u0000',
      link: 'https://example.org/?a=1&b="2"',
      selfLink: 'https://example.org/feed.xml',
      language: 'en',
      author: 'A',
      updated: new Date(0),
      entries: [
        { id: 'urn:y', title: 'Lone \ud800 surrogate\u0000 and 😀', link: 'https://example.org/', summary: 's', updated: new Date(0) },
      ],
    });
    expect(parseAtom(xml).entries[0]!.title).toBe('Lone  surrogate and 😀');
  });
});
