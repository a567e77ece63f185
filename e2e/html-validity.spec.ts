// The HTML a visitor's browser, a screen reader or a crawler gets, checked by a validator
// that is not ours: html-validate's `standard` rules (the HTML spec's content models,
// attributes and their values, ids, references) and its `a11y` rules (ARIA used where it
// means something). Every public page, both languages, as the production server sends it
// (the source, before any script runs), plus the pages a refused form renders without
// JavaScript. The titles, og:title and /favicon.ico are checked here too.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { HtmlValidate } from 'html-validate';
import { personaCookie } from './support/db';
import { uniqueEmail } from './support/mail';
import { snap } from './support/screens';

const validator = new HtmlValidate({ extends: ['html-validate:standard', 'html-validate:a11y'] });

/** Each problem as one line a person can act on: rule, message, where. */
async function problems(html: string): Promise<string[]> {
  const report = await validator.validateString(html);
  return report.results.flatMap((r) =>
    r.messages.map((m) => `${m.ruleId}: ${m.message} (line ${m.line}:${m.column}, ${m.selector ?? 'document'})`),
  );
}

const es = (path: string) => (path === '/' ? '/es' : `/es${path}`);

const pages: { path: string; status?: number; signedIn?: boolean }[] = [
  { path: '/' },
  { path: '/publications' },
  { path: '/publications?q=mining&type=report' },
  { path: '/publications?topic=water&year=2008&lang=en' },
  { path: '/publications?q=zzzqqq' },
  // The longest seeded title (cut in <title>) and one without a Spanish version.
  { path: '/publications/artisanal-small-scale-gold-mining-peru' },
  { path: '/publications/great-water-debate-peru' },
  { path: '/about/aims' },
  { path: '/about/history' },
  { path: '/about/human-rights' },
  { path: '/join' },
  // Step 2 of joining is for a signed-in visitor without a live membership.
  { path: '/join/individual', signedIn: true },
  { path: '/donate' },
  { path: '/signin' },
  { path: '/signin?callbackUrl=%2Fmembers' },
  { path: '/signin/check-email?email=someone%40example.org' },
  { path: '/signin/link-invalid?reason=expired' },
  { path: '/no-such-page', status: 404 },
].flatMap((p) => [p, { ...p, path: es(p.path) }]);

let lapsedCookie: string;
test.beforeAll(async () => {
  const persona = await personaCookie('lapsed');
  lapsedCookie = `${persona.cookie.name}=${persona.cookie.value}`;
});

async function source(request: APIRequestContext, path: string, signedIn = false) {
  const response = await request.get(path, { maxRedirects: 0, headers: signedIn ? { cookie: lapsedCookie } : {} });
  return { response, html: await response.text() };
}

const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];
const decode = (text: string) =>
  text
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'");

test.describe('every public page is valid HTML', () => {
  for (const { path, status = 200, signedIn } of pages) {
    test(`${path}${signedIn ? ' (signed in)' : ''}`, async ({ request }) => {
      const { response, html } = await source(request, path, signedIn);
      expect(response.status(), path).toBe(status);
      expect(response.headers()['content-type']).toContain('text/html');
      expect(await problems(html), path).toEqual([]);

      // A title a search result or a tab can show whole.
      const title = titleOf(html);
      expect(title, `${path} has a <title>`).toBeTruthy();
      expect(decode(title!).length, `${path}: "${title}"`).toBeLessThanOrEqual(70);
    });
  }
});

test.describe('titles', () => {
  for (const path of ['/publications/artisanal-small-scale-gold-mining-peru', '/es/publications/artisanal-small-scale-gold-mining-peru']) {
    test(`${path}: a long title is cut in <title> only; the heading and og:title keep it whole`, async ({ page }) => {
      await page.goto(path);
      const heading = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
      expect(heading.length).toBeGreaterThan(55);
      await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', heading);
      const title = await page.title();
      expect(title.length).toBeLessThanOrEqual(70);
      // The start of the heading, whole or cut at a word with an ellipsis.
      expect(heading.startsWith(title.replace(/…$/, ''))).toBe(true);
    });
  }

  test('a short title keeps the site name; the home page names the site and what it does', async ({ page }) => {
    await page.goto('/publications');
    await expect(page).toHaveTitle('Publications · Peru Support Group');
    await page.goto('/es');
    await expect(page).toHaveTitle('Peru Support Group: Derechos humanos y desarrollo en el Perú');
    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute(
      'content',
      'Peru Support Group: Derechos humanos, inclusión social y desarrollo sostenible en el Perú',
    );
  });
});

test.describe('a refused form without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  async function expectValid(page: Page) {
    expect(await problems(await page.content()), page.url()).toEqual([]);
  }

  test('sign-in comes back on the page it was sent from, return address kept, in Spanish, and a good address is sent', async ({ page }) => {
    await page.goto('/es/signin?callbackUrl=%2Fmembers');
    await page.getByLabel('Correo electrónico').fill('not-an-address');
    await page.getByRole('button', { name: 'Enviarme un enlace de acceso' }).click();
    await expect(page).toHaveURL(/\/es\/signin\?callbackUrl=%2Fmembers$/);
    await expect(page.getByText('Escriba un correo electrónico válido, como nombre@ejemplo.org.')).toBeVisible();
    await expect(page.getByLabel('Correo electrónico')).toHaveValue('not-an-address');
    await expect(page.locator('input[type="hidden"][name="callbackUrl"]')).toHaveValue('/members');
    await expectValid(page);
    await snap(page, 'signin-refused-no-js-es');

    await page.getByLabel('Correo electrónico').fill(uniqueEmail('no-js'));
    await page.getByRole('button', { name: 'Enviarme un enlace de acceso' }).click();
    await expect(page).toHaveURL(/\/es\/signin\/check-email\?/);
  });

  test('donate comes back on /donate with the amount refused and what was typed', async ({ page }) => {
    await page.goto('/donate?checkout=cancelled');
    await page.getByLabel('Other amount', { exact: true }).check();
    await page.getByLabel('Other amount in pounds (£1 to £10,000)').fill('lots');
    await page.getByLabel('Email address').fill('donor@example.org');
    await page.getByRole('button', { name: 'Continue to payment' }).click();
    await expect(page).toHaveURL(/\/donate$/);
    await expect(page.getByText('Choose an amount, or enter one between £1 and £10,000, like 15 or 15.50.')).toBeVisible();
    await expect(page.getByLabel('Other amount in pounds (£1 to £10,000)')).toHaveValue('lots');
    await expect(page.getByLabel('Email address')).toHaveValue('donor@example.org');
    await expectValid(page);
    await snap(page, 'donate-refused-no-js');
  });
});

test.describe('the icon', () => {
  test('/favicon.ico is an icon, and pages link to it', async ({ request }) => {
    const response = await request.get('/favicon.ico');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
    const ico = await response.body();
    // ICONDIR: reserved 0, type 1 (icon), then a count of images, each a PNG here.
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) {
      const offset = ico.readUInt32LE(6 + 16 * i + 12);
      expect(ico.subarray(offset + 1, offset + 4).toString('latin1'), `image ${i}`).toBe('PNG');
    }
    for (const path of ['/', '/es/publications']) {
      const html = await (await request.get(path)).text();
      expect(html, path).toMatch(/<link rel="icon" href="\/favicon\.ico(\?[^"]*)?"/);
    }
  });
});
