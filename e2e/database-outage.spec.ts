import { spawn, type ChildProcess } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { startRelay, type Relay } from '../tests/support/tcp-relay';
import { recordServerOutput } from './support/server-log';

// Hole 8 against the production build: a second server reaches the e2e database through
// a relay that the test cuts, as if the database server had gone away. Requests that need
// the database then answer 503 with Retry-After and a page saying the site is having
// trouble (in the visitor's language, with or without JavaScript); cached pages still
// serve; and everything works again once the database is back.
test.describe.configure({ mode: 'serial' });

const port = Number(process.env.E2E_PORT ?? 3210) + 7;
const base = `http://localhost:${port}`;
let relay: Relay;
let server: ChildProcess;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  relay = await startRelay(process.env.DATABASE_URL!);
  server = spawn('node_modules/.bin/next', ['start', '-p', String(port)], {
    env: {
      ...process.env,
      DATABASE_URL: relay.url,
      SITE_URL: base,
      PORT: String(port),
      JOBS: 'external',
      AUTH_TRUST_HOST: 'true',
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  recordServerOutput(server, 'database-outage');
  for (let i = 0; ; i++) {
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 100) throw new Error('the second server did not start');
    await new Promise((r) => setTimeout(r, 500));
  }
  // Rendered once into the page cache while the database is up.
  expect((await fetch(`${base}/`)).status).toBe(200);
  await relay.cut();
});

test.afterAll(async () => {
  server?.kill('SIGTERM');
  await relay?.restore().catch(() => {});
  await relay?.cut();
});

test('a page that needs the database answers 503 with Retry-After and says so, in English and Spanish', async ({ page }) => {
  const response = await page.goto(`${base}/publications?q=water`);
  expect(response?.status()).toBe(503);
  expect(response?.headers()['retry-after']).toBe('30');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('The site is having trouble');
  await expect(page.getByRole('link', { name: 'Try again' })).toBeVisible();
  expect((await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()).violations).toEqual(
    [],
  );

  const spanish = await page.goto(`${base}/es/publications?q=agua`);
  expect(spanish?.status()).toBe(503);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('El sitio tiene problemas');
});

test('routes answer 503 with Retry-After too', async ({ request }) => {
  for (const path of ['/api/ready', '/feed.xml', '/sitemap.xml']) {
    const response = await request.get(`${base}${path}`);
    expect(response.status(), path).toBe(503);
    expect(response.headers()['retry-after'], path).toBe('30');
  }
});

test('a page already in the cache is still served', async ({ request }) => {
  expect((await request.get(`${base}/`)).status()).toBe(200);
});

test('moving within the site (JavaScript) shows the same message', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto(`${base}/`);
  await page.getByRole('banner').getByRole('link', { name: 'Publications' }).click();
  // postgres.js waits between reconnection attempts (its backoff grows to seconds while
  // the database stays away), so the failure can take a while to come back.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('The site is having trouble', { timeout: 40_000 });
});

test('with the database back, the same page works again', async ({ page }) => {
  await relay.restore();
  await expect(async () => {
    const response = await page.goto(`${base}/publications?q=water`);
    expect(response?.status()).toBe(200);
  }).toPass({ timeout: 20_000 });
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('The site is having trouble');
});
