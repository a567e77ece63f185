// What a public page costs a phone in bytes, measured in a real browser: the JavaScript it
// loads, compressed as the server sends it (brotli to browsers that accept it, every
// current one: lib/http/precompressed-static.ts; gzip to the others, shown too), and the
// fonts it preloads, which are fetched before the first paint. Bytes, not times: the same build always weighs the same,
// so the budgets below can be held by a test (e2e/page-weight.spec.ts) as well as printed
// by `npm run bench`.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';

/** Issue #16: every public page within these (JavaScript brotli-compressed). */
export const BUDGET = { jsKiB: 130, preloadedFontsKiB: 100 } as const;

/** The public pages the budgets are for, in both languages. */
export const PUBLIC_PAGES = [
  { name: 'home', path: '/' },
  { name: 'library', path: '/publications' },
  { name: 'search', path: '/publications?q=mineria' },
  { name: 'publication', path: '/publications/eiti-global-meeting-lima-2016' },
  { name: 'about', path: '/about/aims' },
  { name: 'join', path: '/join' },
  { name: 'donate', path: '/donate' },
  { name: 'sign in', path: '/signin' },
  { name: 'home (es)', path: '/es' },
  { name: 'library (es)', path: '/es/publications' },
  { name: 'publication (es)', path: '/es/publications/eiti-global-meeting-lima-2016' },
  { name: 'join (es)', path: '/es/join' },
] as const;

export type PageWeight = {
  path: string;
  /** Scripts the page loaded, brotli-compressed as the server sends them. */
  js: { files: number; bytes: number };
  /** The same scripts gzip-compressed, as a browser without brotli gets them. */
  jsGzip: { files: number; bytes: number };
  /** Fonts named by <link rel="preload" as="font">: downloaded before the first paint. */
  preloadedFonts: { files: number; bytes: number };
  /** Every font the page ended up downloading (woff2 is compressed already). */
  fonts: { files: number; bytes: number };
};

export const kib = (bytes: number) => bytes / 1024;

/** As lib/http/precompressed-static.ts compresses (a browser may first get gzip, while it does). */
const brotli = (body: Buffer) =>
  brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  }).length;

/** Loads `url` in a fresh browser context (nothing cached) and adds up what it fetched. */
export async function measurePageWeight(browser: Browser, url: string): Promise<PageWeight> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  try {
    const page = await context.newPage();
    const bodies: Promise<{ url: string; kind: string; bytes: number; gzip: number }>[] = [];
    page.on('response', (response) => {
      const kind = response.request().resourceType();
      if (kind !== 'script' && kind !== 'font') return;
      bodies.push(
        response.body().then(
          (body) => ({ url: response.url(), kind, bytes: kind === 'script' ? brotli(body) : body.length, gzip: gzipSync(body).length }),
          () => ({ url: response.url(), kind, bytes: 0, gzip: 0 }),
        ),
      );
    });
    const answer = await page.goto(url, { waitUntil: 'load' });
    if (!answer?.ok()) throw new Error(`${url} answered ${answer?.status()}`);
    // Scripts that hydration or an idle callback asks for count too.
    await page.waitForLoadState('networkidle');
    const preloads = await page.$$eval('link[rel="preload"][as="font"]', (links) => links.map((l) => (l as HTMLLinkElement).href));
    const fetched = await Promise.all(bodies);
    const sum = (rows: { bytes: number }[]) => ({ files: rows.length, bytes: rows.reduce((n, r) => n + r.bytes, 0) });
    const fonts = fetched.filter((r) => r.kind === 'font');
    const scripts = fetched.filter((r) => r.kind === 'script');
    return {
      path: new URL(url).pathname + new URL(url).search,
      js: sum(scripts),
      jsGzip: sum(scripts.map((r) => ({ bytes: r.gzip }))),
      preloadedFonts: sum(fonts.filter((r) => preloads.includes(r.url))),
      fonts: sum(fonts),
    };
  } finally {
    await context.close();
  }
}

export function printPageWeights(rows: PageWeight[]) {
  const pad = (s: string, n: number) => s.padEnd(n);
  const k = (b: { files: number; bytes: number }) => `${kib(b.bytes).toFixed(1)} KiB / ${b.files}`;
  console.log(`\npage weight (budgets: JS <= ${BUDGET.jsKiB} KiB brotli, fonts before the first paint <= ${BUDGET.preloadedFontsKiB} KiB)`);
  console.log(`  ${pad('page', 48)} ${pad('JS br / files', 18)} ${pad('JS gzip', 11)} ${pad('fonts preloaded', 18)} fonts loaded`);
  for (const r of rows)
    console.log(
      `  ${pad(r.path, 48)} ${pad(k(r.js), 18)} ${pad(`${kib(r.jsGzip.bytes).toFixed(1)} KiB`, 11)} ${pad(k(r.preloadedFonts), 18)} ${k(r.fonts)}`,
    );
}
