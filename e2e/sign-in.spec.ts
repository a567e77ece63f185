import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { db } from './support/db';
import { linkIn, uniqueEmail, waitForMail } from './support/mail';

async function requestLink(page: Page, email: string, opts: { from?: string; label?: string; button?: string } = {}) {
  const started = Date.now();
  await page.goto(opts.from ?? '/account');
  await page.getByLabel(opts.label ?? 'Email address').fill(email);
  await page.getByRole('button', { name: opts.button ?? 'Email me a sign-in link' }).click();
  await expect(page).toHaveURL(/\/signin\/check-email/);
  return waitForMail(email, started);
}

test('sign in by email link, land on the page asked for, then sign out everywhere', async ({ page }) => {
  const email = uniqueEmail('journey');
  await page.goto('/account/delete');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Faccount%2Fdelete/);
  const mail = await requestLink(page, email, { from: page.url() });
  expect(mail.subject).toBe('Your sign-in link for the Peru Support Group');
  expect(mail.html).toContain('/signin/confirm?');
  expect(mail.text).toContain('60 minutes');

  await page.goto(linkIn(mail));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Confirm sign-in');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account\/delete$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Delete your account');

  const axe = async () =>
    (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()).violations.map(
      (v) => v.id,
    );
  expect(await axe()).toEqual([]);
  await page.goto('/account');
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  expect(await axe()).toEqual([]);
  await page.screenshot({ path: 'test-results/screenshots/account-1280.png', fullPage: true });

  // Details are saved and shown again.
  await page.getByLabel('Full name').fill('Rosa Quispe');
  await page.getByLabel('Postcode').fill('N1 9GU');
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your details have been saved.' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Full name')).toHaveValue('Rosa Quispe');

  // Download my data: a JSON file with the details just saved.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download my data' }).click()]);
  const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  expect(exported.profile).toMatchObject({ email, name: 'Rosa Quispe', postcode: 'N1 9GU' });

  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(page).toHaveURL(/localhost:\d+\/$/);
  await page.goto('/account');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Faccount/);
});

test('opening the link does not use it up; a second sign-in with it is refused', async ({ page, request }) => {
  const email = uniqueEmail('twice');
  const link = linkIn(await requestLink(page, email));
  // A mail scanner fetching the link twice changes nothing.
  expect((await request.get(link)).status()).toBe(200);
  expect((await request.get(link)).status()).toBe(200);

  await page.goto(link);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account$/);

  await page.context().clearCookies();
  await page.goto(link);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This sign-in link cannot be used');
  await expect(page.getByText('The link has already been used')).toBeVisible();
  await expect(page.getByLabel('Email address')).toHaveValue(email);
  const started = Date.now();
  await page.getByRole('button', { name: 'Send me a new link' }).click();
  await expect(page).toHaveURL(/check-email/);
  await waitForMail(email, started);
});

test('an expired link says so and offers a new one', async ({ page }) => {
  const email = uniqueEmail('expired');
  const link = linkIn(await requestLink(page, email));
  await db()`update verification_tokens set expires = now() - interval '1 minute' where identifier = ${email}`;
  await page.goto(link);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('The link has expired')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send me a new link' })).toBeVisible();
});

test('signing in from the Spanish site sends the mail in Spanish and returns to Spanish pages', async ({ page }) => {
  const email = uniqueEmail('es');
  const mail = await requestLink(page, email, { from: '/es/account', label: 'Correo electrónico', button: 'Enviarme un enlace de acceso' });
  expect(mail.subject).toBe('Su enlace de acceso al Peru Support Group');
  expect(mail.text).toContain('Use el siguiente enlace');
  const link = linkIn(mail);
  expect(link).toContain('/es/signin/confirm?');
  await page.goto(link);
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await page.getByRole('button', { name: 'Iniciar sesión' }).click();
  await expect(page).toHaveURL(/\/es\/account$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mi cuenta');
});

test('too many sign-in mails for one address get a clear message, with the address kept', async ({ page }) => {
  const email = uniqueEmail('limit');
  for (let i = 0; i < 5; i++) await requestLink(page, email, { from: '/signin' });
  await page.goto('/signin');
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Too many sign-in emails have been requested' })).toBeVisible();
  await expect(page.getByLabel('Email address')).toHaveValue(email);
});

test('deleting the account asks for confirmation, then removes it and signs out', async ({ page }) => {
  const email = uniqueEmail('delete');
  await page.goto(linkIn(await requestLink(page, email)));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Delete my account' }).click();
  await page.getByLabel(/To confirm, type your email address/).fill('wrong@example.org');
  await page.getByRole('button', { name: 'Delete my account for good' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'That is not the email address of this account.' })).toBeVisible();
  await expect(page.getByLabel(/To confirm/)).toHaveValue('wrong@example.org');
  await page.getByLabel(/To confirm/).fill(email);
  await page.getByRole('button', { name: 'Delete my account for good' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your account has been deleted');
  await page.goto('/account');
  await expect(page).toHaveURL(/\/signin\?/);
});
