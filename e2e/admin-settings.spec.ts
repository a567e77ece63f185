import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { personaCookie } from './support/db';

// Admin settings, the overview and the audit log. Staff and admins come from sessions
// written into the database, so this runs only with a Postgres DATABASE_URL.

const axe = async (page: Page) =>
  (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()).violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`,
  );

async function signInAs(page: Page, persona: 'staff' | 'admin') {
  const user = await personaCookie(persona);
  await page.context().addCookies([user.cookie]);
  return user;
}

/** Axe at 360 px, then full-page screenshots at 390 and 1280. */
async function checkAndShoot(page: Page, name: string) {
  await page.setViewportSize({ width: 360, height: 800 });
  expect(await axe(page)).toEqual([]);
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `test-results/screenshots/admin_${name}-${width}.png`, fullPage: true });
  }
}

async function setIndividualPrice(page: Page, pounds: string) {
  await page.goto('/admin/settings');
  const form = page.getByRole('form', { name: 'Price of Individual' });
  await form.getByLabel('New annual price for Individual (£)').fill(pounds);
  await form.getByLabel(/I understand new members will pay this price/).check();
  await form.getByRole('button', { name: 'Change price' }).click();
  await expect(form.getByRole('status')).toHaveText('The new price of Individual is saved, with a new Stripe price.');
}

test('an admin changes the Individual price: /join shows it on the next request, and the audit log lists the change', async ({ page }) => {
  await signInAs(page, 'admin');
  await page.goto('/join');
  await expect(page.getByText('£30 a year')).toBeVisible();
  try {
    await setIndividualPrice(page, '32.50');
    await expect(page.getByRole('form', { name: 'Price of Individual' }).locator('..').locator('..')).toContainText('£32.50 a year');
    await page.goto('/join');
    await expect(page.getByText('£32.50 a year')).toBeVisible();

    // The audit log, filtered by the form (a GET form: the filters are in the URL).
    await page.goto('/admin/audit');
    await page.getByLabel('What (action)').fill('tier.');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/what=tier\./);
    const entry = page.getByRole('listitem').filter({ hasText: 'tier.price_changed' }).first();
    await expect(entry).toContainText('fromPence:');
    await expect(entry).toContainText('3250');
    await expect(page.getByRole('listitem').filter({ hasText: 'user.signed_in' })).toHaveCount(0);
    await checkAndShoot(page, 'audit');

    await page.goto('/admin/settings');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
    await checkAndShoot(page, 'settings');
  } finally {
    // Other specs expect the seeded £30.
    await setIndividualPrice(page, '30');
  }
  await page.goto('/join');
  await expect(page.getByText('£30 a year')).toBeVisible();
});

test('a bad price is refused with the input kept; staff cannot open settings (403)', async ({ page, browser }) => {
  await signInAs(page, 'admin');
  await page.goto('/admin/settings');
  const form = page.getByRole('form', { name: 'Price of Concession' });
  await form.getByLabel('New annual price for Concession (£)').fill('-4');
  await form.getByRole('button', { name: 'Change price' }).click();
  await expect(form.getByText('Give an amount between £1 and £10,000, with at most two decimals.')).toBeVisible();
  await expect(form.getByLabel('New annual price for Concession (£)')).toHaveValue('-4');

  const staffContext = await browser.newContext();
  const staff = await personaCookie('staff');
  await staffContext.addCookies([staff.cookie]);
  const staffPage = await staffContext.newPage();
  const response = await staffPage.goto('/admin/settings');
  expect(response?.status()).toBe(403);
  await staffPage.goto('/admin');
  await expect(staffPage.getByRole('navigation', { name: 'Staff sections' }).getByRole('link', { name: 'Settings' })).toHaveCount(0);
  await staffContext.close();
});

test('the overview shows its figures and the members chart, with its numbers as a table', async ({ page }) => {
  await signInAs(page, 'staff');
  await page.goto('/admin');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overview');
  await expect(page.getByRole('heading', { name: 'Members with access now' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Annual recurring income' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'This calendar year' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Members with access at the end of each month, last 24 months' })).toBeVisible();
  await page.getByText('The figures as a table').click();
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(25);
  await expect(page.getByRole('link', { name: 'See who' })).toHaveAttribute('href', '/admin/members?expiresWithin=30');
  await checkAndShoot(page, 'overview');
  await page.goto('/es/admin');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Resumen');
  expect(await axe(page)).toEqual([]);
});

test('every staff section in Spanish: headings in Spanish, no accessibility violations at 360 px', async ({ page }) => {
  await signInAs(page, 'admin');
  for (const section of [
    '',
    '/members',
    '/members/import',
    '/payments',
    '/payments/offline',
    '/gift-aid',
    '/publications',
    '/publications/topics',
    '/pages',
    '/newsletters',
    '/audit',
    '/settings',
  ]) {
    const response = await page.goto(`/es/admin${section}`);
    expect(response?.status(), section).toBe(200);
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(page.getByRole('navigation', { name: 'Secciones del personal' })).toBeVisible();
    await checkAndShoot(page, `es${section.replaceAll('/', '_') || '_overview'}`);
  }
});
