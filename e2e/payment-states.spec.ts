import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { db, personaCookie } from './support/db';
import { snap } from './support/screens';
import { firstRow } from '../tests/support/rows';

// What a member and staff see of the payment states real Stripe produces (3-D Secure to
// confirm, a failed renewal Stripe will retry, a Direct Debit still at the bank, a
// dispute), in both languages, at phone and desktop widths, with axe. The payment rows are
// written as the webhook handlers write them (tests/integration/payments-stripe-behaviours
// drives those handlers through the Stripe double).

const axe = async (page: Page) =>
  (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()).violations.map(
    (v) => `${v.id}: ${v.nodes[0]?.target}`,
  );

const stripeId = (prefix: string) => `${prefix}_e2e${randomBytes(8).toString('hex')}`;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);

test('a member sees what to do about each payment Stripe has not taken yet, in English and Spanish', async ({ browser }) => {
  const member = await personaCookie('member');
  const confirmUrl = 'https://invoice.stripe.com/i/acct_e2e/test_confirm';
  const nextTry = inDays(3);
  await db()`insert into payments (kind, user_id, email, amount_pence, status, method, stripe_invoice_id, stripe_payment_intent_id, confirm_url)
             values ('membership', ${member.userId}, ${member.email}, 3000, 'pending', 'card', ${stripeId('in')}, ${stripeId('pi')}, ${confirmUrl})`;
  await db()`insert into payments (kind, user_id, email, amount_pence, status, method, stripe_invoice_id, stripe_payment_intent_id, failure_code, next_attempt_at)
             values ('membership', ${member.userId}, ${member.email}, 2500, 'failed', 'card', ${stripeId('in')}, ${stripeId('pi')}, 'insufficient_funds', ${nextTry})`;
  await db()`insert into payments (kind, user_id, email, amount_pence, status, method, stripe_invoice_id, stripe_payment_intent_id)
             values ('membership', ${member.userId}, ${member.email}, 1500, 'pending', 'bacs_debit', ${stripeId('in')}, ${stripeId('pi')})`;
  const paid = firstRow(
    await db()<
      { id: string }[]
    >`insert into payments (kind, user_id, email, amount_pence, status, method, stripe_invoice_id, stripe_payment_intent_id, paid_at)
             values ('membership', ${member.userId}, ${member.email}, 1500, 'paid', 'bacs_debit', ${stripeId('in')}, ${stripeId('pi')}, now()) returning id`,
  );

  const context = await browser.newContext();
  await context.addCookies([member.cookie]);
  const page = await context.newPage();

  await page.goto('/account');
  await expect(page.getByText('Your bank asks you to confirm a payment of £30. Until you do, it is not paid.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Confirm the payment' })).toHaveAttribute('href', confirmUrl);
  await expect(page.getByText(/A payment of £25 failed: .+\. We will try again on \d{1,2} \w+ \d{4}\./)).toBeVisible();
  await expect(page.getByText('Your payment of £15 is being processed by your bank.', { exact: false })).toBeVisible();
  await page.setViewportSize({ width: 360, height: 800 });
  expect(await axe(page)).toEqual([]);
  await snap(page, 'account_payment-states_en');

  await page.goto('/es/account');
  await expect(page.getByRole('link', { name: /Confirmar el pago/i })).toHaveAttribute('href', confirmUrl);
  expect(await axe(page)).toEqual([]);
  await snap(page, 'account_payment-states_es');

  // The Direct Debit, once paid, says so on its receipt.
  await page.goto(`/account/receipts/${paid.id}`);
  await expect(page.getByText('Direct Debit', { exact: true })).toBeVisible();
  await page.goto(`/es/account/receipts/${paid.id}`);
  await expect(page.getByText('Débito directo (Bacs)', { exact: true })).toBeVisible();
  await context.close();
});

test('when Stripe could not open the billing portal, the account page says so, in English and Spanish', async ({ browser }) => {
  // Where openBillingPortal sends the member when Stripe fails (tests/integration/fault-stripe-requests.test.ts).
  const member = await personaCookie('member');
  const context = await browser.newContext();
  await context.addCookies([member.cookie]);
  const page = await context.newPage();
  await page.goto('/account?billing=unavailable');
  await expect(page.getByRole('alert').filter({ hasText: 'payment provider' })).toHaveText(
    /We could not reach our payment provider, so the page for managing your payment did not open\. Nothing has been changed/,
  );
  await page.setViewportSize({ width: 360, height: 800 });
  expect(await axe(page)).toEqual([]);
  await snap(page, 'account_billing-unavailable_en');
  await page.goto('/es/account?billing=unavailable');
  await expect(page.getByRole('alert').filter({ hasText: 'proveedor de pagos' })).toBeVisible();
  await snap(page, 'account_billing-unavailable_es');
  await context.close();
});

test('staff see a disputed payment with its deadline, and a Direct Debit as such', async ({ browser }) => {
  const staff = await personaCookie('staff');
  const payer = `disputed-${randomBytes(4).toString('hex')}@example.org`;
  const payment = firstRow(
    await db()<{ id: string }[]>`insert into payments (kind, email, amount_pence, status, method, stripe_payment_intent_id, paid_at)
             values ('donation', ${payer}, 4000, 'paid', 'card', ${stripeId('pi')}, now() - interval '10 days') returning id`,
  );
  const due = inDays(7);
  await db()`insert into disputes (payment_id, stripe_dispute_id, status, reason, amount_pence, evidence_due_by, opened_at)
             values (${payment.id}, ${stripeId('dp')}, 'needs_response', 'fraudulent', 4000, ${due}, now() - interval '1 day')`;
  const debit = firstRow(
    await db()<{ id: string }[]>`insert into payments (kind, email, amount_pence, status, method, stripe_payment_intent_id)
             values ('donation', ${payer}, 1200, 'pending', 'bacs_debit', ${stripeId('pi')}) returning id`,
  );

  const context = await browser.newContext();
  await context.addCookies([staff.cookie]);
  const page = await context.newPage();
  await page.goto(`/admin/payments/${payment.id}`);
  const disputes = page.getByRole('region', { name: 'Disputes' });
  await expect(disputes.getByText(/Evidence due by \d{1,2} \w+ \d{4}/)).toBeVisible();
  await expect(disputes.getByText("The payer's bank has questioned this payment.", { exact: false })).toBeVisible();
  await page.setViewportSize({ width: 360, height: 800 });
  expect(await axe(page)).toEqual([]);
  await snap(page, 'admin_payment-disputed_en');
  await page.goto(`/es/admin/payments/${payment.id}`);
  expect(await axe(page)).toEqual([]);
  await snap(page, 'admin_payment-disputed_es');

  await page.goto(`/admin/payments/${debit.id}`);
  await expect(page.getByText('Direct Debit', { exact: true })).toBeVisible();
  await expect(page.getByText('Processing at the bank (Direct Debit takes about three working days)')).toBeVisible();
  await snap(page, 'admin_payment-bacs_en');
  await context.close();
});
