// /feed.xml and /sitemap.xml as feed readers and crawlers read them: checked for
// well-formedness and parsed by fast-xml-parser, then held to what RFC 4287 (Atom) and the
// sitemaps protocol with hreflang alternates require.
import { expect, test } from '@playwright/test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // Elements that may occur once or many times are always lists.
  isArray: (name) => ['entry', 'link', 'author', 'url', 'xhtml:link'].includes(name),
  parseTagValue: false,
});

function parse(xml: string) {
  const valid = XMLValidator.validate(xml);
  expect(valid, 'well-formed XML').toBe(true);
  return parser.parse(xml);
}

// RFC 3339 date-time as Atom writes it, and W3C Datetime as sitemaps want it: both UTC here.
const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const isRealInstant = (value: string) => RFC3339_UTC.test(value) && !Number.isNaN(Date.parse(value));

type AtomLink = { '@href': string; '@rel'?: string };
type AtomEntry = {
  id: string;
  title: { '#text': string } | string;
  updated: string;
  published?: string;
  link: AtomLink[];
  author?: { name: string }[];
};

test('the Atom feed has what RFC 4287 requires: an author, ids, titles and dates on the feed and every entry', async ({
  request,
  baseURL,
}) => {
  const response = await request.get('/feed.xml');
  expect(response.headers()['content-type']).toContain('application/atom+xml');
  const { feed } = parse(await response.text());
  expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');

  // atom:feed MUST have an atom:author unless every entry has one (4.1.1): the organisation.
  expect(feed.author).toEqual([{ name: 'Peru Support Group' }]);
  expect(feed.id).toBe(`${baseURL}/publications`);
  expect(feed.title['#text']).toBe('Peru Support Group publications');
  expect(isRealInstant(feed.updated), feed.updated).toBe(true);
  expect((feed.link as AtomLink[]).find((l) => l['@rel'] === 'self')?.['@href']).toBe(`${baseURL}/feed.xml`);

  const entries = feed.entry as AtomEntry[];
  expect(entries.length).toBeGreaterThanOrEqual(8);
  for (const entry of entries) {
    expect(entry.id).toMatch(new RegExp(`^${baseURL}/publications/[a-z0-9-]+$`));
    expect(typeof entry.title === 'string' ? entry.title : entry.title['#text']).toBeTruthy();
    expect(isRealInstant(entry.updated), `${entry.id} updated ${entry.updated}`).toBe(true);
    if (entry.published) expect(isRealInstant(entry.published), entry.published).toBe(true);
    expect(entry.link.find((l) => (l['@rel'] ?? 'alternate') === 'alternate')?.['@href']).toBe(entry.id);
  }
  expect(entries.map((e) => (typeof e.title === 'string' ? e.title : e.title['#text']))).toContain(
    'Torture at the Rio Blanco Mine: Academic Case Study',
  );
});

type SitemapUrl = { loc: string; lastmod?: string; 'xhtml:link'?: { '@rel': string; '@hreflang': string; '@href': string }[] };

test('the sitemap has a <url> for each language of every page, each listing all versions and x-default, dated in W3C Datetime', async ({
  request,
  baseURL,
}) => {
  const { urlset } = parse(await (await request.get('/sitemap.xml')).text());
  expect(urlset['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
  expect(urlset['@xmlns:xhtml']).toBe('http://www.w3.org/1999/xhtml');
  const urls = urlset.url as SitemapUrl[];
  const byLoc = new Map(urls.map((u) => [u.loc, u]));
  expect(byLoc.size, 'no page listed twice').toBe(urls.length);

  // Every publication in the feed, and the site's own pages.
  const { feed } = parse(await (await request.get('/feed.xml')).text());
  const publications = (feed.entry as AtomEntry[]).map((e) => new URL(e.id).pathname);
  const paths = ['/', '/publications', '/about/aims', '/about/history', '/about/human-rights', '/join', '/donate', ...publications];
  for (const path of paths) {
    const en = `${baseURL}${path}`;
    const es = `${baseURL}/es${path === '/' ? '' : path}`;
    for (const loc of [en, es]) {
      const url = byLoc.get(loc);
      expect(url, `${loc} is a <url> of its own`).toBeDefined();
      const alternates = Object.fromEntries(
        (url!['xhtml:link'] ?? []).filter((l) => l['@rel'] === 'alternate').map((l) => [l['@hreflang'], l['@href']]),
      );
      expect(alternates, loc).toEqual({ en, es, 'x-default': en });
      if (path.startsWith('/publications/')) expect(url!.lastmod, `${loc} has a lastmod`).toBeDefined();
      if (url!.lastmod !== undefined) expect(isRealInstant(url!.lastmod), `${loc} lastmod ${url!.lastmod}`).toBe(true);
    }
  }
});
