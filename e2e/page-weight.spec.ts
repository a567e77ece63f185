import { expect, test } from '@playwright/test';
import { BUDGET, kib, measurePageWeight, PUBLIC_PAGES } from '../bench/page-weight';

// Issue #16, what a phone downloads: every public page, in both languages, within the
// budgets in bytes (the same build always weighs the same; times are for npm run bench).

test('every public page stays within its JavaScript and font budgets', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  for (const page of PUBLIC_PAGES) {
    const weight = await measurePageWeight(browser, `${baseURL}${page.path}`);
    expect.soft(kib(weight.js.bytes), `${page.path}: JavaScript, KiB brotli`).toBeLessThanOrEqual(BUDGET.jsKiB);
    expect
      .soft(kib(weight.preloadedFonts.bytes), `${page.path}: fonts before the first paint, KiB`)
      .toBeLessThanOrEqual(BUDGET.preloadedFontsKiB);
    // The headings' font is there before the first paint: one file, not four.
    expect.soft(weight.preloadedFonts.files, `${page.path}: fonts preloaded`).toBe(1);
  }
});

test('browsers that accept brotli get the scripts in brotli, the others in gzip', async ({ request }) => {
  const html = await (await request.get('/')).text();
  const scripts = [...html.matchAll(/<script src="(\/_next\/static\/[^"]+\.js)"/g)].map((m) => m[1]!);
  expect(scripts.length).toBeGreaterThan(3);
  for (const src of scripts) {
    // The server compresses a file when first asked for it: that request gets gzip.
    await expect(async () => {
      const response = await request.get(src, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(response.headers()['content-encoding'], src).toBe('br');
      expect(response.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(response.headers()['x-content-type-options']).toBe('nosniff');
      expect((await response.text()).length).toBeGreaterThan(100);
    }).toPass({ timeout: 15_000 });
    const gzip = await request.get(src, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers()['content-encoding'], src).toBe('gzip');
  }
});
