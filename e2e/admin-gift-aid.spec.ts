import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openInCalc } from '../tests/support/libreoffice';
import { personaCookie } from './support/db';
import {
  insertDeclaration,
  insertGiftAidedGift,
  insertMembership,
  insertPayment,
  insertTier,
  insertUser,
  onDay,
  randomPastDay,
  refundInPart,
} from './support/gift-aid';

// Staff produce a Gift Aid claim from payments written straight into the database.

const axe = async (page: Page) =>
  (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()).violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`,
  );

const DAY_MS = 86_400_000;
const label = (day: string) =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));

/** A period of its own: two claimable gifts, and three payments that cannot be claimed. */
async function period() {
  const day = randomPastDay();
  const before = new Date(onDay(day).getTime() - 30 * DAY_MS);
  await insertGiftAidedGift({
    day,
    minutes: 1,
    amountPence: 2500,
    declaration: { title: 'Mrs', firstName: 'Rosa', lastName: 'Huamán-Flores', house: 'Flat 2', postcode: 'sw1a1aa' },
  });
  const donor = await insertUser('Juan Pérez');
  const declaration = await insertDeclaration({
    userId: donor.id,
    scope: 'this_and_future',
    declaredAt: before,
    title: 'Mr',
    firstName: 'Juan',
    lastName: 'Pérez',
    house: '7',
    postcode: 'M1 1AE',
  });
  await insertPayment({
    kind: 'donation',
    userId: donor.id,
    email: donor.email,
    amountPence: 1050,
    paidAt: onDay(day, 2),
    declarationId: declaration,
  });

  const refunded = await insertGiftAidedGift({
    day,
    minutes: 3,
    amountPence: 4000,
    declaration: { firstName: 'Refunded', lastName: 'Donor' },
  });
  await refundInPart(refunded.paymentId, 1000);
  const member = await insertUser('Benefits Member');
  await insertDeclaration({ userId: member.id, scope: 'this_and_future', declaredAt: before, firstName: 'Benefits', lastName: 'Member' });
  await insertPayment({
    kind: 'membership',
    userId: member.id,
    email: member.email,
    membershipId: await insertMembership(member.id, await insertTier(false)),
    amountPence: 6000,
    paidAt: onDay(day, 4),
  });
  const cancelled = await insertUser('Cancelled Declarer');
  await insertDeclaration({
    userId: cancelled.id,
    scope: 'this_and_future',
    declaredAt: before,
    cancelledAt: new Date(onDay(day).getTime() - DAY_MS),
    firstName: 'Cancelled',
    lastName: 'Declarer',
  });
  await insertPayment({ kind: 'donation', userId: cancelled.id, email: cancelled.email, amountPence: 2000, paidAt: onDay(day, 5) });
  return day;
}

test('staff choose a period, see what can be claimed and why not, create the claim and download its HMRC schedule', async ({ page }) => {
  const day = await period();
  const { cookie } = await personaCookie('staff');
  await page.context().addCookies([cookie]);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/admin/gift-aid');
  await expect(page.getByRole('heading', { level: 1, name: 'Gift Aid claims' })).toBeVisible();
  await page.getByLabel('From').fill(day);
  await page.getByLabel('To (included)').fill(day);
  await page.getByRole('button', { name: 'Show payments' }).click();
  await expect(page).toHaveURL(new RegExp(`from=${day}&to=${day}`));

  const eligible = page.getByRole('region', { name: /Payments that can be claimed/ });
  await expect(eligible.getByRole('row')).toHaveCount(3);
  await expect(eligible.getByRole('row', { name: /Mrs Rosa Huamán-Flores/ })).toContainText('£25.00');
  await expect(eligible.getByRole('row', { name: /Mr Juan Pérez/ })).toContainText('£2.62');
  const excluded = page.getByRole('region', { name: /Payments that cannot be claimed/ });
  await expect(excluded.getByRole('row', { name: /Refunded Donor/ })).toContainText('Refunded (in full or in part)');
  await expect(excluded.getByRole('row', { name: /Benefits Member/ })).toContainText(
    'Membership fee whose tier gives more than the newsletter',
  );
  await expect(excluded.getByRole('row', { name: /Cancelled Declarer/ })).toContainText('Declaration cancelled before this payment');
  await expect(page.getByText('£35.50', { exact: true })).toBeVisible(); // donations
  await expect(page.getByText('£8.87', { exact: true })).toBeVisible(); // Gift Aid due

  await page.screenshot({ path: 'test-results/screenshots/admin_gift-aid-1280.png', fullPage: true });
  await page.setViewportSize({ width: 390, height: 900 });
  await page.screenshot({ path: 'test-results/screenshots/admin_gift-aid-390.png', fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  expect(await axe(page)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 900 });

  // Not without the confirmation.
  await page.getByRole('button', { name: 'Create claim' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Tick the box' })).toHaveText('Tick the box to confirm the claim.');
  await page.getByLabel(/I have checked the 2 payments above \(£35\.50\)/).check();
  await page.getByRole('button', { name: 'Create claim' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Claim created.' })).toBeVisible();

  // The same period now shows them as claimed, and nothing left to claim.
  await expect(page.getByText('No payment in this period can be claimed.')).toBeVisible();
  const claimedNote = `Already claimed, in the claim for ${label(day)} to ${label(day)}`;
  await expect(excluded.getByRole('row', { name: /Rosa Huamán-Flores/ })).toContainText(claimedNote);
  await expect(excluded.getByRole('row', { name: /Juan Pérez/ })).toContainText(claimedNote);

  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: `${label(day)} to ${label(day)}` }) });
  await expect(card).toContainText('Created, not yet submitted to HMRC');
  await expect(card).toContainText('£35.50');
  // The steps say the file is not the one to attach, and exactly which cells to copy.
  await expect(card).toContainText('This file is not the one to attach: HMRC Charities Online takes only HMRC’s own schedule spreadsheet.');
  await expect(card).toContainText('Select cells A2:I3 (2 donations, without the heading row) and copy them.');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    card.getByRole('link', { name: `Download the rows to paste (.ods) for ${label(day)} to ${label(day)}` }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`gift-aid-rows-to-paste-${day}-to-${day}.ods`);
  const sheet = (await openInCalc([{ name: 'rows.ods', bytes: fs.readFileSync(await download.path()) }]))['rows.ods']![0]!;
  const date = `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(2, 4)}`;
  expect(sheet.rows.map((row) => row.map((cell) => cell.text))).toEqual([
    [
      'Title',
      'First name or initial',
      'Last name',
      'House name or number',
      'Postcode',
      'Aggregated donations',
      'Sponsored yes/no',
      'Donation date (DD/MM/YY)',
      'Amount',
    ],
    ['Mrs', 'Rosa', 'Huamán Flores', 'Flat 2', 'SW1A 1AA', '', '', date, '25.00'],
    ['Mr', 'Juan', 'Pérez', '7', 'M1 1AE', '', '', date, '10.50'],
  ]);

  // Sent to HMRC: confirmed, then shown on the claim.
  await card.getByLabel('I have submitted this claim to HMRC Charities Online.').check();
  await card.getByRole('button', { name: 'Mark as submitted' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Claim marked as submitted to HMRC.' })).toBeVisible();
  await expect(card).toContainText('Submitted to HMRC on');
  await expect(card.getByRole('button', { name: 'Mark as submitted' })).toHaveCount(0);
  await page.setViewportSize({ width: 360, height: 800 });
  expect(await axe(page)).toEqual([]);
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `test-results/screenshots/admin_gift-aid_claimed-${width}.png`, fullPage: true });
  }
});

test('a period that is not a period gets a clear message, in Spanish too', async ({ page }) => {
  const { cookie } = await personaCookie('staff');
  await page.context().addCookies([cookie]);
  await page.goto('/admin/gift-aid?from=2020-05-01&to=2020-04-01');
  await expect(page.getByText('The start date must be on or before the end date.')).toBeVisible();
  await expect(page.getByLabel('From')).toHaveValue('2020-05-01');
  await page.goto('/es/admin/gift-aid?from=2020-01-01&to=2999-01-01');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reclamaciones de Gift Aid');
  await expect(page.getByText('La fecha final no puede estar en el futuro.')).toBeVisible();
  await page.setViewportSize({ width: 390, height: 900 });
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: 'test-results/screenshots/es_admin_gift-aid-390.png', fullPage: true });
});
