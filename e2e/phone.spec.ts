import { expect, test, type Page } from '@playwright/test';
import { personaCookie } from './support/db';
import { snap } from './support/screens';

// Reading on a phone (390 px, the width of most current phones), in both languages.

test.use({ viewport: { width: 390, height: 900 } });

/** The rows the header's visible controls take, and whether the site's name keeps to one line. */
async function headerLayout(page: Page) {
  return page.getByRole('banner').evaluate((header) => {
    const boxes = [...header.querySelectorAll('a, summary')]
      .filter((el) => el.checkVisibility())
      .map((el) => el.getBoundingClientRect())
      .sort((a, b) => a.top - b.top);
    let rows = 0;
    let bottom = -Infinity;
    for (const box of boxes) {
      if (box.top >= bottom - 1) {
        rows += 1;
        bottom = box.bottom;
      } else bottom = Math.max(bottom, box.bottom);
    }
    const name = header.querySelector('a[href="/"] span, a[href="/es"] span')!;
    const range = document.createRange();
    range.selectNodeContents(name);
    return { rows, nameLines: range.getClientRects().length, overflow: document.documentElement.scrollWidth - window.innerWidth };
  });
}

for (const signedIn of [false, true]) {
  test(`the header fits in two rows and the name on one line, in both languages${signedIn ? ', signed in' : ''}`, async ({
    page,
    context,
  }) => {
    if (signedIn) await context.addCookies([(await personaCookie('member')).cookie]);
    for (const path of ['/publications', '/es/publications']) {
      await page.goto(path);
      await page.evaluate(async () => {
        await document.fonts.ready;
      });
      expect(await headerLayout(page), path).toEqual({ rows: 2, nameLines: 1, overflow: 0 });
      await expect(page.getByRole('banner').getByRole('link', { name: path.startsWith('/es') ? 'Hágase socio' : 'Join' })).toBeVisible();
      await page.screenshot({
        path: `test-results/screenshots/phone-header${path.replace(/\//g, '_')}${signedIn ? '-signed-in' : ''}.png`,
      });
    }
  });
}

test('the Menu lists every section and closes once one is chosen', async ({ page }) => {
  for (const [path, menu, sections] of [
    ['/', 'Menu', ['Publications', 'Our aims', 'History', 'Human rights', 'Donate', 'My account']],
    ['/es', 'Menú', ['Publicaciones', 'Nuestros objetivos', 'Historia', 'Derechos humanos', 'Donar', 'Mi cuenta']],
  ] as const) {
    await page.goto(path);
    const banner = page.getByRole('banner');
    await banner.getByText(menu, { exact: true }).click();
    const nav = banner.getByRole('navigation');
    await expect(nav.getByRole('link')).toHaveText([...sections]);
    await snap(page, `phone-menu${path.replace(/\//g, '_')}`);
    await nav.getByRole('link', { name: sections[2] }).click();
    await expect(page).toHaveURL(/\/about\/history$/);
    await expect(nav).toBeHidden();
  }
});

test('the search box shows its whole placeholder, on small phones and in the desktop sidebar too', async ({ page }) => {
  for (const [path, width] of ['/publications', '/es/publications'].flatMap((p) => [320, 390, 1280].map((w) => [p, w] as const))) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(path);
    await page.evaluate(async () => {
      await document.fonts.ready;
    });
    const fit = await page.locator('#library-q').evaluate((input: HTMLInputElement) => {
      const style = getComputedStyle(input);
      const context = document.createElement('canvas').getContext('2d')!;
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return { placeholder: input.placeholder, text: Math.ceil(context.measureText(input.placeholder).width), room };
    });
    expect(fit.placeholder, path).not.toBe('');
    expect(fit.text, `${path} at ${width} px: “${fit.placeholder}”`).toBeLessThanOrEqual(fit.room);
  }
});

test('a publication’s PDFs open in the browser, with a download link beside each', async ({ page }) => {
  for (const [path, read, save] of [
    ['/publications/artisanal-small-scale-gold-mining-peru', 'Read the English version', 'Download English version'],
    ['/es/publications/artisanal-small-scale-gold-mining-peru', 'Leer la versión en inglés', 'Descargar versión en inglés'],
  ] as const) {
    await page.goto(path);
    const item = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: read }) });
    const opened = await page.request.get((await item.getByRole('link', { name: read }).getAttribute('href'))!);
    expect(opened.status()).toBe(200);
    expect(opened.headers()['content-type']).toBe('application/pdf');
    expect(opened.headers()['content-disposition']).toMatch(/^inline; filename="[^"]+\.pdf"/);
    expect((await opened.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const download = item.getByRole('link', { name: save });
    await expect(download).toHaveAttribute('download', /\.pdf$/);
    const saved = await page.request.get((await download.getAttribute('href'))!);
    expect(saved.headers()['content-disposition']).toMatch(/^attachment; filename="[^"]+\.pdf"/);
    await snap(page, `phone-downloads${path.startsWith('/es') ? '-es' : ''}`);
  }
});
