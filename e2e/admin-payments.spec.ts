import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { personaCookie } from './support/db';
import { uniqueEmail, waitForMail } from './support/mail';

// Staff come from sessions written into the database (quicker than mail).

const axe = async (page: Page) =>
  (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()).violations.map((v) => v.id);

/** Axe at a phone's width, then screenshots at 390 and 1280 px. */
async function checkPage(page: Page, name: string) {
  await page.setViewportSize({ width: 360, height: 800 });
  expect(await axe(page)).toEqual([]);
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `test-results/screenshots/admin_${name}-${width}.png`, fullPage: true });
  }
}

const statusOf = (page: Page) => page.locator('dt', { hasText: /^Status$/ }).locator('xpath=following-sibling::dd[1]');

test('a guest gives by card; staff find the gift, refund it, and see it refunded once Stripe confirms', async ({ page, browser }) => {
  const email = uniqueEmail('refunded-donor');
  await page.goto('/donate');
  await page.getByLabel('Other amount', { exact: true }).check();
  await page.getByLabel(/Other amount in pounds/).fill('17.50');
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await page.getByRole('button', { name: 'Pay £17.50' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you');

  const staffContext = await browser.newContext();
  await staffContext.addCookies([(await personaCookie('staff')).cookie]);
  const staff = await staffContext.newPage();
  await staff.goto('/admin/payments');
  await staff.getByLabel('Kind').selectOption('donation');
  await staff.getByLabel('Email or name').fill(email);
  await staff.getByRole('button', { name: 'Apply filters' }).click();
  await expect(staff).toHaveURL(/kind=donation/);
  const row = staff.getByRole('row').filter({ hasText: email });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('£17.50');
  await expect(row).toContainText('Paid');
  await expect(staff.getByRole('link', { name: 'Export as CSV' })).toHaveAttribute(
    'href',
    new RegExp(`/admin/payments/export\\?kind=donation&q=${encodeURIComponent(email)}`),
  );
  await checkPage(staff, 'payments');

  await row.getByRole('link', { name: email }).click();
  await expect(staff.getByRole('heading', { level: 1 })).toContainText('Payment');
  await expect(statusOf(staff)).toHaveText('Paid');
  await expect(staff.getByLabel('Amount to refund (£)')).toHaveValue('17.50');
  await checkPage(staff, 'payment');

  // Refusals keep the input and say why.
  await staff.getByLabel('Amount to refund (£)').fill('20');
  await staff.getByLabel('Reason').fill('Gave twice by mistake');
  await staff.getByLabel('I confirm this refund of the amount above').check();
  await staff.getByRole('button', { name: 'Refund' }).click();
  await expect(staff.getByRole('alert').filter({ hasText: 'refund' })).toHaveText('You can refund at most £17.50.');
  await expect(staff.getByLabel('Reason')).toHaveValue('Gave twice by mistake');

  const started = Date.now();
  await staff.getByLabel('Amount to refund (£)').fill('17.50');
  await staff.getByLabel('I confirm this refund of the amount above').check();
  await staff.getByRole('button', { name: 'Refund' }).click();
  await expect(staff.getByRole('status').filter({ hasText: 'Refund recorded' })).toBeVisible();
  // Stripe's webhook settles it; reload until the page says so.
  await expect(async () => {
    await staff.reload();
    await expect(statusOf(staff)).toHaveText('Refunded', { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(staff.getByText('Everything has been refunded.')).toBeVisible();
  await expect(
    staff.getByRole('region', { name: 'Refunds' }).getByRole('listitem').filter({ hasText: 'Gave twice by mistake' }),
  ).toContainText('Refunded');
  await checkPage(staff, 'payment_refunded');

  // The same page in Spanish.
  const detailPath = new URL(staff.url()).pathname;
  await staff.goto(`/es${detailPath}`);
  await expect(staff.getByRole('heading', { level: 1 })).toContainText('Pago');
  await expect(staff.locator('dt', { hasText: /^Estado$/ }).locator('xpath=following-sibling::dd[1]')).toHaveText('Reembolsado');

  await staff.goto(`/admin/payments?kind=donation&status=refunded&q=${encodeURIComponent(email)}`);
  await expect(staff.getByRole('row').filter({ hasText: email })).toContainText('Refunded');

  const mail = await waitForMail(email, started);
  expect(mail.subject).toBe('Your refund of £17.50');
  await staffContext.close();
});

test('a member cannot open the payments list', async ({ page }) => {
  await page.context().addCookies([(await personaCookie('member')).cookie]);
  const response = await page.goto('/admin/payments');
  expect(response?.status()).toBe(403);
});
