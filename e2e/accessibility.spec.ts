import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

const pages = [
  '/',
  '/publications',
  '/publications?q=mineria&type=briefing',
  '/publications?q=zzzqqq',
  '/publications/artisanal-small-scale-gold-mining-peru',
  '/publications/great-water-debate-peru',
  '/about/aims',
  '/about/history',
  '/about/human-rights',
  '/join',
  '/donate',
  '/signin',
  '/signin/check-email?email=someone%40example.org',
  '/signin/link-invalid?reason=expired',
  '/no-such-page',
];
const everyPage = pages.flatMap((p) => [p, p === '/' ? '/es' : `/es${p}`]);

export const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

for (const path of everyPage) {
  test(`${path} has no WCAG 2.2 A/AA violations, at 390 px and 1280 px`, async ({ page }, testInfo) => {
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(path);
      const results = await new AxeBuilder({ page }).withTags(tags).analyze();
      const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(summary, `${path} at ${width}px`).toEqual([]);
      const name = `${path.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home'}-${width}.png`;
      await page.screenshot({ path: `test-results/screenshots/${name}`, fullPage: true });
      await testInfo.attach(name, { path: `test-results/screenshots/${name}`, contentType: 'image/png' });
    }
  });
}
