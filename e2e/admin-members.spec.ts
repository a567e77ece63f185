import { randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { createPersona } from '../tests/support/personas';
import { db, personaCookie } from './support/db';

// Staff and the member come from rows written into the database (quicker than mail).

const axe = async (page: Page) =>
  (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()).violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`,
  );

/** A lapsed member with a recognisable name and postcode. */
async function lapsedMember() {
  const token = randomBytes(3).toString('hex');
  const person = await createPersona(db(), 'lapsed');
  const name = `Rosa Mamani ${token}`;
  const postcode = `LS6 ${(parseInt(token, 16) % 9) + 1}QZ`;
  await db()`update users set name = ${name}, postcode = ${postcode}, address_line1 = '12 Hyde Park Road', city = 'Leeds' where id = ${person.userId}`;
  return { ...person, name, token, postcode };
}

async function tabUntil(page: Page, matches: () => Promise<boolean>, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await matches()) return true;
  }
  return false;
}

test('staff find a lapsed member, record a cheque, and the member becomes active', async ({ page }) => {
  const member = await lapsedMember();
  const staff = await personaCookie('staff');
  await page.context().addCookies([staff.cookie]);

  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto('/admin/members');
  await expect(page.getByRole('heading', { level: 1, name: 'Members' })).toBeVisible();
  expect(await axe(page)).toEqual([]);
  // Keyboard: Tab reaches the search box, then the first result.
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  expect(
    await tabUntil(page, () => page.getByLabel('Search by name, email or postcode').evaluate((el) => el === document.activeElement)),
  ).toBe(true);
  const firstResult = page.locator('main ul a[href*="/admin/members/"]').first();
  expect(await tabUntil(page, () => firstResult.evaluate((el) => el === document.activeElement))).toBe(true);

  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `test-results/screenshots/admin_members-${width}.png`, fullPage: true });
  }

  // Find them by part of the postcode (typed without its space), then by part of the name.
  await page.setViewportSize({ width: 360, height: 800 });
  await page.getByLabel('Search by name, email or postcode').fill(member.postcode.replace(' ', '').toLowerCase());
  await page.getByLabel('Status').selectOption('lapsed');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('link', { name: member.name })).toBeVisible();
  await page.getByLabel('Search by name, email or postcode').fill(`mamani ${member.token}`);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/q=mamani/);
  await expect(page.locator('main').getByRole('link', { name: member.name })).toHaveCount(1);
  await expect(page.getByRole('link', { name: 'Export as CSV' })).toHaveAttribute('href', /\/admin\/members\/export\?q=mamani/);
  await page.getByRole('link', { name: member.name }).click();

  await expect(page.getByRole('heading', { level: 1, name: member.name })).toBeVisible();
  await expect(page.locator('h1 + span')).toHaveText('Lapsed');
  expect(await axe(page)).toEqual([]);
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `test-results/screenshots/admin_member-${width}.png`, fullPage: true });
  }

  const payment = page.getByRole('form', { name: 'Record an offline payment' });
  await payment.getByLabel('Amount (£)').fill('30.00');
  await payment.getByLabel('Paid by').selectOption('cheque');
  await payment.getByLabel('Reference (optional)').fill('Cheque 000123');
  // Not confirmed: the browser holds the form back.
  await payment.getByRole('button', { name: 'Record payment' }).click();
  await expect(payment.getByRole('status')).toHaveCount(0);
  await payment.getByLabel(/I have checked the amount and date/).check();
  await payment.getByRole('button', { name: 'Record payment' }).click();
  await expect(payment.getByRole('status')).toContainText('Payment of £30.00 recorded');
  await expect(page.locator('h1 + span')).toHaveText('Active');
  await expect(page.getByText('Cheque 000123')).toBeVisible();
  await expect(page.getByText('Offline payment recorded')).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: 'test-results/screenshots/admin_member_after_cheque-1280.png', fullPage: true });

  await page.goto(`/admin/members?status=active&q=${member.token}`);
  await expect(page.locator('main').getByRole('link', { name: member.name })).toHaveCount(1);
  await page.goto(`/admin/members?status=lapsed&q=${member.token}`);
  await expect(page.getByText('No members match this search and these filters.')).toBeVisible();
});

test('the list and a member record in Spanish', async ({ page }) => {
  const member = await lapsedMember();
  const staff = await personaCookie('staff');
  await page.context().addCookies([staff.cookie]);
  await page.setViewportSize({ width: 390, height: 900 });
  await page.goto(`/es/admin/members?q=${member.token}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Socios' })).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.getByRole('link', { name: member.name }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Historial de membresías' })).toBeVisible();
  await expect(page.locator('h1 + span')).toHaveText('Vencida');
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: 'test-results/screenshots/admin_member_es-390.png', fullPage: true });
});

test('a member cannot open the staff member list', async ({ page }) => {
  const member = await personaCookie('member');
  await page.context().addCookies([member.cookie]);
  const response = await page.goto('/admin/members');
  expect(response?.status()).toBe(403);
});
