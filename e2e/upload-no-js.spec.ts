import { expect, test } from '@playwright/test';
import { personaCookie } from './support/db';

// The staff forms with files post to route handlers (lib/http/staff-form-route.ts); without
// JavaScript the browser follows their redirects: a refused form comes back with what was
// typed and the errors, a saved one goes on to its page.
test.use({ javaScriptEnabled: false });

const pdf = (text: string) => ({ name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${text}\n`) });

test.beforeEach(async ({ page }) => {
  await page.context().addCookies([(await personaCookie('staff')).cookie]);
});

test('a refused publication comes back with the input and the error; corrected, it is created', async ({ page }) => {
  const title = `No-JS report ${Date.now().toString(36)}`;
  await page.goto('/admin/publications/new');
  await page.getByLabel('Address (slug)').fill('Not a Slug!');
  await page.getByLabel('Title in English').fill(title);
  await page.getByLabel('Summary in English').fill('Sent without JavaScript.');
  await page.getByLabel('English PDF').setInputFiles(pdf('no js'));
  await page.getByRole('button', { name: 'Create draft' }).click();

  await expect(page).toHaveURL(/\/admin\/publications\/new\?draft=[0-9a-f-]{36}$/);
  await expect(page.getByRole('alert').first()).toContainText('Please correct the highlighted fields');
  await expect(page.getByLabel('Title in English')).toHaveValue(title);
  await expect(page.getByLabel('Address (slug)')).toHaveValue('Not a Slug!');
  await expect(page.getByText('Use only lower-case letters')).toBeVisible();

  await page.getByLabel('Address (slug)').fill('');
  await page.getByLabel('English PDF').setInputFiles(pdf('no js, again'));
  await page.getByRole('button', { name: 'Create draft' }).click();
  await expect(page.getByRole('status')).toHaveText('Publication created as a draft. Publish it when it is ready.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);

  // The draft was for one reading only.
  await page.goBack();
  await page.reload();
  await expect(page.getByLabel('Title in English')).toHaveValue('');
});

test('a newsletter issue with a file that is not a PDF is refused on its field, the text kept', async ({ page }) => {
  await page.goto('/admin/newsletters');
  await page.getByLabel('Title').fill('No-JS issue');
  await page
    .getByLabel('PDF (up to 50 MB)')
    .setInputFiles({ name: 'issue.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ not a pdf') });
  await page.getByRole('button', { name: 'Save issue' }).click();
  await expect(page).toHaveURL(/\/admin\/newsletters\?draft=/);
  await expect(page.getByRole('alert')).toHaveText('This file is not a PDF (checked by its content, not its name).');
  await expect(page.getByLabel('Title')).toHaveValue('No-JS issue');
});

test('a member CSV that is not UTF-8 is refused with the reason, and a good one goes to its preview', async ({ page }) => {
  await page.goto('/admin/members/import');
  await page.getByLabel('CSV file (UTF-8, up to 5 MB)').setInputFiles({
    name: 'latin1.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('email,name,tier\njos\xe9@example.org,Jos\xe9,individual\n', 'latin1'),
  });
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByRole('alert')).toContainText('latin1.csv: The file is not in UTF-8');
  await page.getByLabel('CSV file (UTF-8, up to 5 MB)').setInputFiles({
    name: 'ok.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`email,name,tier\nnojs-${Date.now()}@example.org,Ana Quispe,individual\n`),
  });
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page).toHaveURL(/\/admin\/members\/import\/[0-9a-f-]{36}$/);
});
