import autocannon from 'autocannon';
import postgres from 'postgres';
import { expect, test, type BrowserContext } from '@playwright/test';
import { demoPdf } from '../db/seed/pdf';
import { startCluster, type Cluster } from '../tests/support/cluster';
import fs from 'node:fs';
import path from 'node:path';
import { scheduledJobsTokenFor } from '@/lib/jobs/token';
import { describeScan, scanFailed, scanLogDir, type Secret } from '../tests/support/log-scan';
import { createPersona } from '../tests/support/personas';

// Two instances behind nginx, as production runs them (deploy/). What one instance does,
// the other must see at once; losing or restarting an instance must lose no request that
// was not in flight.

// Every process's output, kept across restarts and scanned for secrets by the last test.
const LOG_DIR = path.resolve('test-results', 'cluster-logs');
let cluster: Cluster;
let sql: postgres.Sql;
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('the cluster project needs a Postgres server: DATABASE_URL');
  fs.rmSync(LOG_DIR, { recursive: true, force: true });
  cluster = await startCluster({ serverUrl, logDir: LOG_DIR });
  sql = postgres(cluster.databaseUrl, { max: 2, onnotice: () => {} });
});

test.afterAll(async () => {
  await sql?.end();
  await cluster?.close();
});

/** A browser context signed in as staff on every host of the cluster (cookies ignore ports). */
async function staffContext(context: BrowserContext) {
  const staff = await createPersona(sql, 'staff');
  await context.addCookies(
    ['localhost', '127.0.0.1'].map((domain) => ({ name: 'authjs.session-token', value: staff.sessionToken, domain, path: '/' })),
  );
}

test('signed in through one instance, a member acts through the other', async ({ page }) => {
  const email = `cluster-${Date.now()}@example.org`;
  const started = Date.now();
  await page.goto(`${cluster.instances.a.url}/signin`);
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  let link = '';
  await expect
    .poll(
      async () => {
        const mails = (await (await fetch(`${cluster.mailSinkUrl}/?to=${encodeURIComponent(email)}`)).json()) as {
          text: string;
          receivedAt: number;
        }[];
        link =
          mails
            .filter((mail) => mail.receivedAt >= started)
            .pop()
            ?.text.match(/https?:\/\/\S+\/signin\/confirm\?\S+/)?.[0] ?? '';
        return link;
      },
      { timeout: 30_000, message: 'the sign-in mail' },
    )
    .not.toBe('');
  // The link names the site (nginx); confirm it on instance A...
  await page.goto(link.replace(cluster.url, cluster.instances.a.url));
  await page.getByRole('button', { name: 'Sign in' }).click();
  // ...and use the session on instance B: the same account, a form that saves.
  await page.goto(`${cluster.instances.b.url}/account`);
  await expect(page.getByText(email)).toBeVisible();
  await page.getByLabel('Full name').fill('Rosa Cluster');
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect(page.getByText('Your details have been saved.')).toBeVisible();
  await page.goto(`${cluster.instances.a.url}/account`);
  await expect(page.getByLabel('Full name')).toHaveValue('Rosa Cluster');
});

test('a staff edit through one instance shows on the public page through the other, on the next request', async ({ page, browser }) => {
  const reader = await browser.newContext();
  const readerPage = await reader.newPage();
  // Both instances have the page in their cache first.
  for (const instance of [cluster.instances.a, cluster.instances.b]) {
    await readerPage.goto(`${instance.url}/about/aims`);
    await expect(readerPage.getByRole('heading', { name: 'Written on instance A' })).toHaveCount(0);
  }
  await staffContext(page.context());
  await page.goto(`${cluster.instances.a.url}/admin/pages`);
  await page.getByRole('link', { name: 'Aims: English version' }).click();
  const body = page.getByLabel('Text (Markdown)');
  const original = await body.inputValue();
  await body.fill(`## Written on instance A\n\n${original}`);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('Saved. The public page shows it now.');

  await readerPage.goto(`${cluster.instances.b.url}/about/aims`);
  await expect(readerPage.getByRole('heading', { name: 'Written on instance A' })).toBeVisible();
  await new Promise((resolve) => setTimeout(resolve, 1100)); // past nginx's one-second micro-cache
  await readerPage.goto(`${cluster.url}/about/aims`);
  await expect(readerPage.getByRole('heading', { name: 'Written on instance A' })).toBeVisible();
  await reader.close();

  await page.getByLabel('Text (Markdown)').fill(original);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('Saved. The public page shows it now.');
});

test('a PDF uploaded through one instance downloads through the other', async ({ page }) => {
  await staffContext(page.context());
  const stamp = Date.now().toString(36);
  const title = `Cluster report ${stamp}`;
  const pdf = Buffer.from(await demoPdf(title, 'English'));
  await page.goto(`${cluster.instances.a.url}/admin/publications/new`);
  await page.getByLabel('Title in English').fill(title);
  await page.getByLabel('Summary in English').fill('Uploaded on instance A.');
  await page.getByLabel('Publication date').fill(new Date().toISOString().slice(0, 10));
  await page.getByLabel('English PDF').setInputFiles({ name: 'cluster.pdf', mimeType: 'application/pdf', buffer: pdf });
  await page.getByRole('button', { name: 'Create draft' }).click();
  await expect(page.getByRole('status')).toHaveText('Publication created as a draft. Publish it when it is ready.');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('Published: it is now in the public library.');
  const slug = await page.getByLabel('Address (slug)').inputValue();

  await page.goto(`${cluster.instances.b.url}/publications/${slug}`);
  const href = await page
    .getByRole('link', { name: /Download/ })
    .first()
    .getAttribute('href');
  const response = await page.request.get(`${cluster.instances.b.url}${href}`);
  expect(response.status()).toBe(200);
  expect(Buffer.from(await response.body()).equals(pdf)).toBe(true);
});

test('the same webhook delivered to both instances at once is applied once', async ({ page }) => {
  const email = `cluster-gift-${Date.now()}@example.org`;
  cluster.stripe.webhooks.paused = true;
  await page.goto(`${cluster.url}/donate`);
  await page.getByLabel('Other amount', { exact: true }).check();
  await page.getByLabel(/Other amount in pounds/).fill('7');
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await expect(page.getByRole('button', { name: 'Pay £7.00' })).toBeVisible();
  // Paid at Stripe with the payer never coming back: only the webhooks can tell the site.
  const sessionId = new URL(page.url()).pathname.split('/').pop()!;
  cluster.stripe.state.completeCheckout(sessionId);
  const events = cluster.stripe.webhooks.queued.splice(0);
  cluster.stripe.webhooks.paused = false;
  expect(events.length).toBeGreaterThan(0);
  const { WebhookSender } = await import('../stripe-double/webhooks');
  const to = (url: string) =>
    new WebhookSender(
      async (payload, headers) => (await fetch(`${url}/api/stripe/webhook`, { method: 'POST', body: payload, headers })).status,
      cluster.env.STRIPE_WEBHOOK_SECRET!,
      [],
    );
  const [a, b] = [to(cluster.instances.a.url), to(cluster.instances.b.url)];
  for (const event of events) {
    const statuses = await Promise.all([a.deliver(event), b.deliver(event)]);
    expect(
      statuses.every((status) => status === 200 || status === 500),
      JSON.stringify(statuses),
    ).toBe(true);
    // A 500 is a lost race on a new row; Stripe retries it, and so does this.
    if (statuses.includes(500)) expect(await a.deliver(event)).toBe(200);
  }
  const payments = await sql`select p.amount_pence from payments p join donations d on d.id = p.donation_id where d.email = ${email}`;
  expect(payments.map((payment) => payment.amount_pence)).toEqual([700]);
  // The event that made the payment is in the ledger (applied), once: its id is the key.
  const completed = events.find((event) => event.type === 'checkout.session.completed')!;
  expect(await sql`select 1 from stripe_events where id = ${completed.id}`).toHaveLength(1);
  const receipts = await sql`select 1 from mail_outbox where to_address = ${email}`;
  expect(receipts).toHaveLength(1);
});

test('a scheduled task runs once, from the worker, and its page refresh reaches both instances', async () => {
  test.setTimeout(200_000);
  // Both instances have the library page cached before the task runs.
  const library = (instance: 'a' | 'b') => fetch(`${cluster.instances[instance].url}/publications`).then((r) => r.text());
  for (const instance of ['a', 'b'] as const) await library(instance);
  // An issue published two months ago, public after one: due at the next scheduled time.
  const number = 9000 + Math.floor(Math.random() * 900);
  const title = `Cluster release ${Date.now().toString(36)}`;
  const [issue] = await sql<{ id: string }[]>`
    insert into newsletter_issues (number, title, issued_on, summary, published, published_at, public_after_months)
    values (${number}, ${title}, current_date, 'Released by the scheduler.', true, now() - interval '2 months', 1)
    returning id`;
  const listed = `Newsletter ${number}: ${title}`;
  // The worker's clock looks every 30 seconds and the schedule is every minute.
  await expect.poll(async () => (await library('b')).includes(listed), { timeout: 150_000, intervals: [2_000] }).toBe(true);
  expect(await library('a')).toContain(listed);
  // Released once (one audit entry, one library entry), though two web instances run.
  expect(await sql`select 1 from audit_log where action = 'newsletter.released' and entity_id = ${issue!.id}`).toHaveLength(1);
  expect(await sql`select 1 from publications where slug = ${`newsletter-${number}`}`).toHaveLength(1);
  // One job per scheduled time: no minute has two completed runs.
  const perMinute = await sql<{ runs: number }[]>`
    select count(*)::int as runs from pgboss.job
    where name = 'scheduled-tasks' and state = 'completed' and singleton_key is distinct from 'on-start'
    group by date_trunc('minute', created_on)`;
  expect(perMinute.length).toBeGreaterThan(0);
  expect(
    perMinute.every((row) => row.runs === 1),
    JSON.stringify(perMinute),
  ).toBe(true);
});

/** Load through nginx while `during` runs; returns what autocannon counted. */
async function underLoad(during: () => Promise<void>, seconds: number) {
  const run = autocannon({ url: `${cluster.url}/publications/eiti-global-meeting-lima-2016`, connections: 10, duration: seconds });
  await during();
  const result = await run;
  return { requests: result.requests.total, errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx };
}

test('killing one instance during traffic fails no more requests than were in flight', async () => {
  const result = await underLoad(async () => {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await cluster.stop('a', 'SIGKILL');
  }, 6);
  test.info().annotations.push({ type: 'load', description: JSON.stringify(result) });
  expect(result.requests).toBeGreaterThan(100);
  // At most the 10 connections' requests in flight at the kill; nginx sends the rest to B.
  expect(result.errors + result.non2xx).toBeLessThanOrEqual(10);
  await cluster.start('a');
});

test('a rolling restart of both instances under load fails no request', async () => {
  const result = await underLoad(async () => {
    for (const name of ['a', 'b'] as const) {
      expect(await cluster.stop(name, 'SIGTERM'), `instance ${name} exit code`).toBe(0);
      await cluster.start(name);
    }
  }, 25);
  test.info().annotations.push({ type: 'load', description: JSON.stringify(result) });
  expect(result.requests).toBeGreaterThan(100);
  expect(result).toMatchObject({ errors: 0, timeouts: 0, non2xx: 0 });
});

// Last: what the instances and the worker wrote through every test above, the kill and the
// restarts included (tests/support/log-scan.ts, as for the e2e run).
test('the instances’ and the worker’s logs hold no secret of the cluster', async () => {
  const secrets: Secret[] = [
    'AUTH_SECRET',
    'NEXT_SERVER_ACTIONS_ENCRYPTION_KEY',
    'STRIPE_SECRET_KEY',
    'STRIPE_WEBHOOK_SECRET',
    'S3_SECRET_ACCESS_KEY',
  ]
    .filter((name) => cluster.env[name])
    .map((name) => ({ name, value: cluster.env[name]! }));
  secrets.push({ name: 'the scheduled tasks token', value: scheduledJobsTokenFor(cluster.env.AUTH_SECRET!) });
  for (const row of await sql<{ token: string }[]>`select session_token as token from sessions`) {
    secrets.push({ name: 'a session token of the run', value: row.token });
  }
  const scan = scanLogDir(LOG_DIR, secrets);
  expect(scan.files, 'instance-a, instance-b and worker logs').toBe(3);
  expect(scanFailed(scan), describeScan(scan).join('\n')).toBe(false);
});
