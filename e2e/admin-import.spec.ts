import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { db, personaCookie } from './support/db';

// Staff bring in a charity's spreadsheet: errors first, then a clean import, then the same
// file again (nothing new), then the members export read back.

const axe = async (page: Page) =>
  (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()).violations.map((v) => v.id);

const domain = `${randomBytes(4).toString('hex')}.example.org`;
const BAD_ROWS: Record<number, [string, string]> = { 4: ['email', 'not-an-email'], 9: ['tier', 'Gold'], 15: ['start', '31/02/2025'] };

/** 20 members as an old spreadsheet might have them; `withErrors` spoils rows 4, 9 and 15. */
function spreadsheet(withErrors: boolean): Buffer {
  const lines = [
    'Email Address,First Name,Surname,Address Line 1,Town,Postcode,Membership Tier,Source,Start Date,End Date,Newsletter,Notes',
  ];
  for (let i = 1; i <= 20; i++) {
    const bad = withErrors ? BAD_ROWS[i] : undefined;
    const email = bad?.[0] === 'email' ? bad[1] : `member${i}@${domain}`;
    const tier = bad?.[0] === 'tier' ? bad[1] : i % 3 ? 'Individual' : 'concession';
    const start = bad?.[0] === 'start' ? bad[1] : `0${(i % 9) + 1}/04/2025`;
    lines.push(
      `${email},Socio,Número ${i},"${i} Calle Real, Piso 2",Lima,LS${i} 1AA,${tier},${i % 4 ? 'offline' : 'complimentary'},${start},31/03/2099,${i % 2 ? 'yes' : 'no'},"Joined at the ""AGM"""`,
    );
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

async function upload(page: Page, file: Buffer) {
  await page.goto('/admin/members/import');
  await page.getByLabel('CSV file (UTF-8, up to 5 MB)').setInputFiles({ name: 'old-members.csv', mimeType: 'text/csv', buffer: file });
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import old-members.csv');
}

async function confirmImport(page: Page) {
  await page.getByLabel(/I have checked the preview: import 20 rows/).check();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Import finished' })).toBeVisible({ timeout: 30_000 });
}

const counts = async () =>
  (
    await db()`select (select count(*)::int from users where email like ${'%@' + domain}) as users,
                      (select count(*)::int from memberships m join users u on u.id = m.user_id where u.email like ${'%@' + domain}) as memberships`
  )[0];

test('staff import a spreadsheet with 3 bad rows, fix it, import it twice more without duplicates, and export it', async ({ page }) => {
  test.setTimeout(120_000);
  const staff = await personaCookie('staff');
  await page.context().addCookies([staff.cookie]);

  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/admin/members/import');
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: `test-results/screenshots/admin_members_import-${width}.png`, fullPage: true });
    await page.goto('/es/admin/members/import');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Importar socios');
    expect(await axe(page)).toEqual([]);
  }

  // 1. The first file: three bad rows, each named with its row and column; nothing can be imported.
  await upload(page, spreadsheet(true));
  const errors = page.getByRole('region', { name: 'Rows with errors' }).getByRole('row');
  await expect(errors).toHaveCount(4); // header + 3
  await expect(errors.nth(1)).toContainText('5'); // row 4 of members is spreadsheet row 5
  await expect(errors.nth(1)).toContainText('Not a valid email address.');
  await expect(errors.nth(2)).toContainText('No tier by this name.');
  await expect(errors.nth(3)).toContainText('Not a date');
  await expect(page.getByRole('button', { name: 'Import', exact: true })).toHaveCount(0);
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: `test-results/screenshots/admin_members_import_errors-${width}.png`, fullPage: true });
  }
  expect(await counts()).toEqual({ users: 0, memberships: 0 });

  // 2. The corrected file imports all 20 through the job queue.
  await upload(page, spreadsheet(false));
  await expect(page.getByText('20 rows can be imported: 20 new, 0 to update, 0 unchanged.')).toBeVisible();
  await confirmImport(page);
  await expect(page.getByRole('status').filter({ hasText: 'Import finished' })).toHaveText(
    'Import finished: 20 created, 0 updated, 0 unchanged.',
  );
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: `test-results/screenshots/admin_members_import_done-${width}.png`, fullPage: true });
  }
  expect(await counts()).toEqual({ users: 20, memberships: 20 });

  // 3. The same file a third time: nothing new.
  await upload(page, spreadsheet(false));
  await expect(page.getByText('20 rows can be imported: 0 new, 0 to update, 20 unchanged.')).toBeVisible();
  await confirmImport(page);
  await expect(page.getByRole('status').filter({ hasText: 'Import finished' })).toHaveText(
    'Import finished: 0 created, 0 updated, 20 unchanged.',
  );
  expect(await counts()).toEqual({ users: 20, memberships: 20 });

  // 4. Export the members in the browser and read the file back.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download all members (CSV)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('members.csv');
  const rows = parse(fs.readFileSync(await download.path()), { bom: true, columns: true }) as Record<string, string>[];
  const ours = rows.filter((r) => r.email!.endsWith(`@${domain}`));
  expect(ours).toHaveLength(20);
  expect(ours.find((r) => r.email === `member7@${domain}`)).toMatchObject({
    name: 'Socio Número 7',
    'address line 1': '7 Calle Real, Piso 2',
    postcode: 'LS7 1AA',
    tier: 'individual',
    source: 'offline',
    'membership status': 'active',
    'end date': '2099-03-31',
  });
});
