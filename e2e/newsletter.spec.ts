import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { personaCookie } from './support/db';
import { waitForMail } from './support/mail';
import { snap } from './support/screens';

// Members and staff come from sessions written into the database (quicker than mail).

const axe = async (page: Page) =>
  (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()).violations.map((v) => v.id);

async function signInAs(page: Page, persona: 'member' | 'lapsed' | 'staff') {
  const user = await personaCookie(persona);
  await page.context().addCookies([user.cookie]);
  return user;
}

test('staff upload an issue and send it; a member reads it and downloads the PDF', async ({ page, browser }) => {
  const member = await personaCookie('member');
  await signInAs(page, 'staff');
  await page.goto('/admin/newsletters');
  await page.getByLabel('Title').fill('Consultation rights after the elections');
  await page.getByLabel('Summary (goes in the email)').fill('What the new Congress means for prior consultation.');
  await page
    .getByLabel('PDF (up to 50 MB)')
    .setInputFiles({ name: 'issue.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% e2e newsletter\n') });
  await page.getByRole('button', { name: 'Save issue' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Consultation rights after the elections');
  const number = (await page.getByRole('heading', { level: 1 }).textContent())!.split(':')[0];
  expect(await axe(page)).toEqual([]);
  await snap(page, 'admin_newsletter_issue');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.getByLabel(/Send this issue by email/).check();
  await page.getByRole('button', { name: 'Send to members' }).click();
  await expect(page.getByRole('status').filter({ hasText: /remaining: 0/ })).toBeVisible({ timeout: 30_000 });
  const mail = await waitForMail(member.email);
  expect(mail.subject).toContain('Consultation rights after the elections');
  expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
  await page.goto('/admin/newsletters');
  expect(await axe(page)).toEqual([]);
  await snap(page, 'admin_newsletters');

  // The signed link in the mail works with no sign-in.
  const unsubscribe = mail.text.match(/https?:\/\/\S+\/newsletter\/unsubscribe\?\S+/)![0];
  const visitor = await browser.newContext();
  const visitorPage = await visitor.newPage();
  await visitorPage.goto(unsubscribe);
  expect(await axe(visitorPage)).toEqual([]);
  await snap(visitorPage, 'newsletter_unsubscribe');
  await visitorPage.getByRole('button', { name: 'Unsubscribe' }).click();
  await expect(visitorPage.getByText(/you will not receive the newsletter by email any more/)).toBeVisible();
  await snap(visitorPage, 'newsletter_unsubscribed');
  await visitor.close();

  const reader = await browser.newContext();
  await reader.addCookies([member.cookie]);
  const memberPage = await reader.newPage();
  await memberPage.goto('/members/newsletters');
  expect(await axe(memberPage)).toEqual([]);
  await memberPage.screenshot({ path: 'test-results/screenshots/members_newsletters-1280.png', fullPage: true });
  await memberPage.getByRole('link', { name: 'Consultation rights after the elections' }).click();
  await expect(memberPage.getByRole('heading', { level: 1 })).toHaveText('Consultation rights after the elections');
  const [download] = await Promise.all([
    memberPage.waitForEvent('download'),
    memberPage.getByRole('link', { name: /Download the PDF/ }).click(),
  ]);
  expect(
    fs
      .readFileSync(await download.path())
      .subarray(0, 5)
      .toString('latin1'),
  ).toBe('%PDF-');
  await reader.close();
  expect(number).toMatch(/^\d+$/);
});

test('a lapsed member sees when access ended, and cannot read or download an issue', async ({ page }) => {
  await signInAs(page, 'lapsed');
  await page.setViewportSize({ width: 390, height: 900 });
  await page.goto('/members/newsletters');
  await expect(page.getByText(/Your access to the archive ended on/)).toBeVisible();
  await expect(page.getByText('Water, mining and the 2026 elections')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Water, mining and the 2026 elections' })).toHaveCount(0);
  expect(await axe(page)).toEqual([]);
  await page.screenshot({ path: 'test-results/screenshots/members_newsletters_lapsed-390.png', fullPage: true });
  await page.goto('/members/newsletters/151');
  await expect(page.getByRole('link', { name: /Download the PDF/ })).toHaveCount(0);
  const response = await page.request.get('/members/newsletters/151/pdf');
  expect(response.status()).toBe(403);
  expect(response.headers()['cache-control']).toBe('private, no-store');
});

test('the archive and an issue in Spanish, at phone and desktop widths, with no accessibility violations', async ({ page }) => {
  await signInAs(page, 'member');
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/es/members/newsletters');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Archivo de boletines');
    await expect(page.getByRole('link', { name: 'Water, mining and the 2026 elections' })).toBeVisible();
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: `test-results/screenshots/es_members_newsletters-${width}.png`, fullPage: true });
    await page.getByRole('link', { name: 'Water, mining and the 2026 elections' }).click();
    await expect(page.getByRole('link', { name: /Descargar/ })).toBeVisible();
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: `test-results/screenshots/es_members_newsletters_151-${width}.png`, fullPage: true });
  }
});
