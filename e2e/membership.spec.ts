import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { db, personaCookie } from './support/db';
import { signInThroughMail, uniqueEmail, waitForMail } from './support/mail';
import { snap } from './support/screens';
import { stripeControl } from './support/stripe';
import { firstRow } from '../tests/support/rows';

const axe = async (page: Page) =>
  (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()).violations.map((v) => v.id);

/** One section of a long page, at phone and desktop widths, for a person to look at. */
async function snapSection(page: Page, heading: string, name: string) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page
      .locator('section')
      .filter({ has: page.getByRole('heading', { name: heading }) })
      .screenshot({ path: `test-results/screenshots/${name}-${width}.png` });
  }
}

async function startJoining(page: Page, email: string) {
  await page.goto('/join');
  await page.getByRole('link', { name: 'Join as Individual' }).click();
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fjoin%2Findividual/);
  await signInThroughMail(page, email, page.url());
  // The chosen tier survived the sign-in round trip.
  await expect(page).toHaveURL(/\/join\/individual$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Join as Individual');
  expect(await axe(page)).toEqual([]);
  await snap(page, 'join_individual');
  await fillDetails(page);
}

async function fillDetails(page: Page) {
  await page.getByLabel('Full name').fill('Rosa Quispe');
  await page.getByLabel('Address line 1').fill('12 Calle Lima');
  await page.getByLabel('Town or city').fill('London');
  await page.getByLabel('Postcode', { exact: true }).fill('N1 9GU');
}

test('a new visitor joins, pays through Checkout, and their account shows the membership', async ({ page }) => {
  const email = uniqueEmail('joiner');
  await startJoining(page, email);
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await expect(page.getByRole('heading', { name: 'Pay Peru Support Group' })).toBeVisible();
  await page.getByRole('button', { name: 'Pay £30.00' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to the Peru Support Group');
  await expect(page.getByRole('status').filter({ hasText: 'You are now a member (Individual) until' })).toBeVisible();
  await snap(page, 'join_success');
  await page.getByRole('link', { name: 'Go to my account' }).click();
  await expect(page.getByText(/Individual member, with access until/)).toBeVisible();
  await expect(page.getByText(/Renews on/)).toBeVisible();
  await expect(page.locator('#receipts-heading + ul li')).toHaveCount(1);
  await expect(page.locator('#receipts-heading + ul li')).toContainText('£30');
  expect(await axe(page)).toEqual([]);
  await page.getByRole('link', { name: /View receipt/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Receipt');
  await expect(page.getByText('Membership: Individual')).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await snap(page, 'account_receipt');
});

test('bank transfer is offered only once an admin has saved bank details; then the member gets them and a reference, and no access until it arrives', async ({
  page,
  browser,
}) => {
  // This test owns the setting: a retry starts again from no bank details.
  await db()`delete from settings where key = 'bank_details'`;
  const email = uniqueEmail('transfer');
  await startJoining(page, email);
  // No placeholder sort code is ever shown: card only.
  await expect(page.getByLabel(/Bank transfer/)).toHaveCount(0);
  await expect(page.getByText('You pay by card, through Stripe.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Continue to payment' })).toBeVisible();
  await snap(page, 'join_card_only');
  await page.goto('/es/join/individual');
  await expect(page.getByText('Paga con tarjeta, a través de Stripe.')).toBeVisible();
  await snap(page, 'join_card_only_es');
  // A transfer chosen before the details were withdrawn: the page says not to pay yet, and
  // offers card, never a placeholder account.
  const pending = firstRow(
    await db()<{ id: string }[]>`
    insert into memberships (user_id, tier_id, status, source)
    select u.id, t.id, 'pending', 'offline' from users u, membership_tiers t where u.email = ${email} and t.slug = 'individual'
    returning id`,
  );
  await page.goto('/join/bank-transfer');
  await expect(
    page.getByText(/Our bank details are not available online at the moment, so please do not send a transfer yet/),
  ).toBeVisible();
  await expect(page.getByText('00-00-00')).toHaveCount(0);
  expect(await axe(page)).toEqual([]);
  await snap(page, 'join_bank_missing');
  await page.goto('/es/join/bank-transfer');
  await expect(page.getByRole('link', { name: 'Hacerse socio con tarjeta' })).toBeVisible();
  await snap(page, 'join_bank_missing_es');
  await db()`delete from memberships where id = ${pending.id}`;
  await page.goto('/join/individual');

  const admin = await browser.newPage();
  await admin.context().addCookies([(await personaCookie('admin')).cookie]);
  await admin.goto('/admin/settings');
  await expect(admin.getByText(/No bank details are saved yet/)).toBeVisible();
  await snapSection(admin, 'Bank details for transfers', 'admin_settings_no_bank_details');
  await admin.goto('/es/admin/settings');
  await expect(admin.getByText(/Todavía no hay datos bancarios guardados/)).toBeVisible();
  await snapSection(admin, 'Datos bancarios para transferencias', 'admin_settings_no_bank_details_es');
  await admin.goto('/admin/settings');
  const bankForm = admin.locator('form').filter({ has: admin.getByRole('button', { name: 'Save bank details' }) });
  await bankForm.getByLabel('Account name').fill('Peru Support Group');
  await bankForm.getByLabel('Bank', { exact: true }).fill('Unity Trust Bank');
  await bankForm.getByLabel('Sort code').fill('089299');
  await bankForm.getByLabel('Account number').fill('20123456');
  await bankForm.getByRole('button', { name: 'Save bank details' }).click();
  await expect(bankForm.getByRole('status')).toHaveText('The bank details are saved.');
  await admin.close();

  await page.reload();
  await fillDetails(page);
  await page.getByLabel(/Bank transfer/).check();
  await page.getByRole('button', { name: 'Get bank details' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pay by bank transfer');
  await expect(page.getByText('Thank you. Your membership will start as soon as we receive your payment of £30.')).toBeVisible();
  await expect(page.getByText(/Please quote the reference \S+ so we can match your payment\./)).toBeVisible();
  const details = page.getByRole('region', { name: 'Our bank details' });
  await expect(details).toContainText('Unity Trust Bank');
  await expect(details).toContainText('08-92-99');
  await expect(details).toContainText('20123456');
  expect(await axe(page)).toEqual([]);
  await snap(page, 'join_bank_transfer');
  await page.goto('/es/join/bank-transfer');
  await expect(page.getByRole('region', { name: 'Nuestros datos bancarios' })).toContainText('08-92-99');
  await snap(page, 'join_bank_transfer_es');
  await page.goto('/members/newsletters');
  await expect(page.getByRole('link', { name: 'Water, mining and the 2026 elections' })).toHaveCount(0);
});

test('a declined card shows a clear error and creates no membership', async ({ page }) => {
  const email = uniqueEmail('declined');
  await startJoining(page, email);
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  // Stripe's generic-decline test card.
  await page.getByLabel('Card number').selectOption('4000000000000002');
  await page.getByRole('button', { name: 'Pay £30.00' }).click();
  await expect(page.getByRole('alert')).toHaveText('Your card was declined.');
  await page.getByRole('link', { name: 'Cancel and go back' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Payment was not completed' })).toBeVisible();
  // The details typed before are still there.
  await expect(page.getByLabel('Full name')).toHaveValue('Rosa Quispe');
  await page.goto('/account');
  await expect(page.getByText('You are not a member yet.')).toBeVisible();
});

test('cancelling in the portal, then the clock passing the period end, closes access', async ({ page }) => {
  const email = uniqueEmail('canceller');
  await startJoining(page, email);
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await page.getByRole('button', { name: /^Pay / }).click();
  await page.goto('/account');
  await page.getByRole('button', { name: 'Manage payment' }).click();
  await expect(page.getByRole('heading', { name: 'Manage your plan' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel plan' }).click();
  await page.getByRole('link', { name: 'Return to Peru Support Group' }).click();
  // The portal's webhook may land just after the account page has rendered.
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.getByText(/Cancelled: access ends on/).isVisible();
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  await stripeControl('clock/advance', { days: 366 });
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.getByText(/Your Individual membership ended on/).isVisible();
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  await expect(page.getByRole('link', { name: 'Become a member' })).toBeVisible();
});

test('someone who is already a member is sent to their account, not to a second checkout', async ({ page }) => {
  const email = uniqueEmail('twice-member');
  await startJoining(page, email);
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to the Peru Support Group');
  await page.goto('/join/organisation');
  await expect(page).toHaveURL(/\/account$/);
});

test('a guest gives once with Gift Aid, and gets a thank-you page and a receipt', async ({ page }) => {
  const email = uniqueEmail('guest-donor');
  await page.goto('/donate');
  expect(await axe(page)).toEqual([]);
  await page.getByLabel('Other amount', { exact: true }).check();
  await page.getByLabel(/Other amount in pounds/).fill('0');
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  // A bad amount gets a clear message and the input is kept.
  await expect(page.getByText('Choose an amount, or enter one between £1 and £10,000')).toBeVisible();
  await expect(page.getByLabel('Email address')).toHaveValue(email);
  await page.getByLabel(/Other amount in pounds/).fill('12.50');
  await page.getByLabel('Yes, add Gift Aid to my payments').check();
  await page.getByLabel('First name').fill('Ana');
  await page.getByLabel('Last name').fill('Flores');
  await page.getByLabel('House name or number').fill('3');
  await page.getByLabel('Home postcode').fill('LIMA 01');
  await page.getByLabel('I confirm the statement above').check();
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await expect(page.getByText('Enter a UK postcode, like SW1A 1AA.')).toBeVisible();
  await page.getByLabel('Home postcode').fill('e1 6an');
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await page.getByRole('button', { name: 'Pay £12.50' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you');
  await expect(page.getByRole('status')).toHaveText('Thank you for your gift of £12.50.');
  expect(await axe(page)).toEqual([]);
  await snap(page, 'donate_thanks');
  const receipt = await waitForMail(email);
  expect(receipt.subject).toBe('Receipt for your payment of £12.50');
  expect(receipt.text).toContain('25p from HMRC');
});
