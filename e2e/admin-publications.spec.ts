import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { demoPdf } from '../db/seed/pdf';
import { personaCookie } from './support/db';

// Staff come from sessions written into the database (quicker than mail).

const axe = async (page: Page) =>
  (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()).violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`,
  );

async function signInAsStaff(page: Page) {
  const staff = await personaCookie('staff');
  await page.context().addCookies([staff.cookie]);
}

/** A visitor with no session, so they get the cached public pages. */
async function visitor(browser: Browser) {
  const context = await browser.newContext();
  return { page: await context.newPage(), close: () => context.close() };
}

async function screenshots(page: Page, name: string) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `test-results/screenshots/admin_${name}-${width}.png`, fullPage: true });
  }
}

test('staff publish a publication with English and Spanish PDFs; the public library shows it on the next request', async ({
  page,
  browser,
}) => {
  const stamp = Date.now().toString(36);
  const titleEn = `Coastal fisheries after the oil spill ${stamp}`;
  const titleEs = `La pesca costera tras el derrame ${stamp}`;
  const reader = await visitor(browser);
  // The library landing page is cached before the change.
  await reader.page.goto('/publications');
  await expect(reader.page.getByRole('link', { name: titleEn })).toHaveCount(0);

  await signInAsStaff(page);
  await page.setViewportSize({ width: 360, height: 900 });
  await page.goto('/admin/publications/new');
  await page.getByLabel('Title in English').fill(titleEn);
  await page.getByLabel('Summary in English').fill('How the fishing communities of Ventanilla are recovering.');
  await page.getByLabel('Title in Spanish').fill(titleEs);
  await page.getByLabel('Summary in Spanish').fill('Cómo se recuperan las comunidades pesqueras de Ventanilla.');
  await page.getByLabel('Partner or publisher (optional)').fill('CooperAcción');
  await page.getByLabel('Publication date').fill(new Date().toISOString().slice(0, 10));
  await page.getByLabel('Water', { exact: true }).check();
  await page
    .getByLabel('English PDF')
    .setInputFiles({ name: 'fisheries-en.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await demoPdf(titleEn, 'English')) });
  await page
    .getByLabel('Spanish PDF')
    .setInputFiles({ name: 'pesca-es.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await demoPdf(titleEs, 'Español')) });
  await page.getByRole('button', { name: 'Create draft' }).click();

  await expect(page.getByRole('status')).toHaveText('Publication created as a draft. Publish it when it is ready.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(titleEn);
  const slug = await page.getByLabel('Address (slug)').inputValue();
  expect(slug).toBe(`coastal-fisheries-after-the-oil-spill-${stamp}`);
  await expect(page.getByText(`Current file: psg-${slug}-es.pdf`)).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await screenshots(page, 'publications_edit');

  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('Published: it is now in the public library.');

  // The very next request of the cached library shows it, in both languages.
  await reader.page.goto('/publications');
  await expect(reader.page.getByRole('link', { name: titleEn })).toBeVisible();
  await reader.page.goto(`/es/publications/${slug}`);
  await expect(reader.page.getByRole('heading', { level: 1 })).toHaveText(titleEs);
  for (const name of ['Descargar versión en español', 'Descargar versión en inglés']) {
    const href = await reader.page.getByRole('link', { name }).getAttribute('href');
    const response = await reader.page.request.get(href!);
    expect(response.status(), name).toBe(200);
    expect((await response.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }

  // The staff list finds it by title; axe at 360 px.
  await page.setViewportSize({ width: 360, height: 900 });
  await page.goto(`/admin/publications?q=${encodeURIComponent('coastal fisheries')}&status=published`);
  await expect(page.getByRole('link', { name: titleEn })).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.goto('/admin/publications');
  expect(await axe(page)).toEqual([]);
  await screenshots(page, 'publications');
  await page.goto('/admin/publications/topics');
  expect(await axe(page)).toEqual([]);
  await screenshots(page, 'publications_topics');

  // Deleting it (confirmed) takes it out of the library on the next request too.
  await page.goto(`/admin/publications?q=${encodeURIComponent(stamp)}`);
  await page.getByRole('link', { name: titleEn }).click();
  await page.getByLabel('Delete this publication, its translations and its files for good.').check();
  await page.getByRole('button', { name: 'Delete publication' }).click();
  await expect(page.getByRole('status')).toContainText(`Publication “${slug}” was deleted`);
  await reader.page.goto('/publications');
  await expect(reader.page.getByRole('link', { name: titleEn })).toHaveCount(0);
  expect((await reader.page.request.get(`/es/publications/${slug}`)).status()).toBe(404);
  await reader.close();
});

test('staff edit the Spanish aims page with a preview; the Spanish page changes on the next request, the English one does not', async ({
  page,
  browser,
}) => {
  const reader = await visitor(browser);
  await reader.page.goto('/about/aims');
  const englishBefore = await reader.page.locator('article').innerText();
  await reader.page.goto('/es/about/aims');
  await expect(reader.page.getByText('Texto nuevo escrito por el personal')).toHaveCount(0);

  await signInAsStaff(page);
  await page.setViewportSize({ width: 360, height: 900 });
  await page.goto('/admin/pages');
  expect(await axe(page)).toEqual([]);
  await screenshots(page, 'pages');
  await page.getByRole('link', { name: 'Aims: Spanish version' }).click();
  const body = page.getByLabel('Text (Markdown)');
  const original = await body.inputValue();
  await body.fill(`## Texto nuevo escrito por el personal\n\nUna frase **nueva** sobre nuestros objetivos.\n\n${original}`);
  await page.getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByRole('region', { name: 'Preview (not saved yet)' });
  await expect(preview.getByRole('heading', { name: 'Texto nuevo escrito por el personal' })).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await screenshots(page, 'pages_edit');
  // Previewing saved nothing.
  await reader.page.goto('/es/about/aims');
  await expect(reader.page.getByText('Texto nuevo escrito por el personal')).toHaveCount(0);

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('Saved. The public page shows it now.');

  await reader.page.goto('/es/about/aims');
  await expect(reader.page.getByRole('heading', { name: 'Texto nuevo escrito por el personal' })).toBeVisible();
  await reader.page.goto('/about/aims');
  expect(await reader.page.locator('article').innerText()).toBe(englishBefore);
  await reader.close();

  // Put the seed text back for the other specs.
  await page.getByLabel('Text (Markdown)').fill(original);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('Saved. The public page shows it now.');
});

test('the pages editor previews without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const staff = await personaCookie('staff');
  await context.addCookies([staff.cookie]);
  const page = await context.newPage();
  await page.goto('/admin/pages/history/en');
  await page.getByLabel('Text (Markdown)').fill('## A heading from a form without JavaScript\n\nSome text.');
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(
    page
      .getByRole('region', { name: 'Preview (not saved yet)' })
      .getByRole('heading', { name: 'A heading from a form without JavaScript' }),
  ).toBeVisible();
  await expect(page.getByLabel('Text (Markdown)')).toHaveValue('## A heading from a form without JavaScript\n\nSome text.');
  await context.close();
});
