import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type PlaywrightWorkerArgs } from '@playwright/test';
import { db, personaCookie } from './support/db';

// Every request has an id (nginx's, or one the app makes), sent back in X-Request-Id and
// carried as `reqId` by every log line written while it is served: by a page (a server
// component), a server action and a route handler alike (lib/log/request-id.ts). Each case
// is a signed-in person refused for their role, which the guard logs without being handed
// the id: the line gets it from the request's async context. The lines are read from the
// server's log file (tests/support/run-e2e.ts writes it).

type LogLine = { level: string; msg: string; area?: string; reqId?: string; userId?: string };

async function linesOf(reqId: string): Promise<LogLine[]> {
  const file = path.join(process.env.E2E_LOG_DIR ?? '', 'server.log');
  // A line is written before the response is sent; a moment's grace all the same.
  for (let i = 0; i < 20; i++) {
    const lines = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('{') && line.includes(reqId))
      .map((line) => JSON.parse(line) as LogLine);
    if (lines.length) return lines;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return [];
}

const newId = () => `e2e-${randomBytes(8).toString('hex')}`;

/** A signed-in member's API client whose requests all carry one new request id. */
async function memberClient(playwright: PlaywrightWorkerArgs['playwright'], baseURL: string | undefined) {
  const member = await personaCookie('member');
  const reqId = newId();
  const context = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { cookie: `${member.cookie.name}=${member.cookie.value}`, 'x-request-id': reqId },
  });
  return { member, reqId, context };
}

test('a page refused to a member: its id comes back and names its log line', async ({ playwright, baseURL }) => {
  const { member, reqId, context } = await memberClient(playwright, baseURL);
  const response = await context.get('/admin', { maxRedirects: 0 });
  expect(response.status()).toBe(403);
  expect(response.headers()['x-request-id']).toBe(reqId);
  const lines = await linesOf(reqId);
  expect(lines).toContainEqual(
    expect.objectContaining({ reqId, area: 'auth', level: 'warn', msg: 'refused: the role is not enough', userId: member.userId }),
  );
  // The line says who, never what the request carried.
  expect(JSON.stringify(lines)).not.toContain(member.cookie.value);
  await context.dispose();
});

test('a route handler refused to a member: its log line carries the id', async ({ playwright, baseURL }) => {
  const { reqId, context } = await memberClient(playwright, baseURL);
  const response = await context.get('/api/admin/newsletters/00000000-0000-4000-8000-000000000000/progress', { maxRedirects: 0 });
  expect(response.status()).toBe(403);
  expect(response.headers()['x-request-id']).toBe(reqId);
  expect(await linesOf(reqId)).toContainEqual(expect.objectContaining({ reqId, area: 'auth', msg: 'refused: the role is not enough' }));
  await context.dispose();
});

test('a server action refused to someone who lost the staff role: its log line carries the id', async ({ page }) => {
  const staff = await personaCookie('staff');
  await page.context().addCookies([staff.cookie]);
  await page.goto('/admin/publications/topics');
  // The form was shown to staff; the role goes before it is sent.
  await db()`update users set role = 'member' where id = ${staff.userId}`;
  const reqId = newId();
  await page.setExtraHTTPHeaders({ 'x-request-id': reqId });
  await page.getByLabel('Name in English').first().fill('Request id topic');
  await page.getByLabel('Name in Spanish').first().fill('Tema del identificador');
  const posted = page.waitForResponse((response) => response.request().method() === 'POST');
  await page.getByRole('button', { name: 'Add topic' }).click();
  expect((await posted).headers()['x-request-id']).toBe(reqId);
  expect(await linesOf(reqId)).toContainEqual(
    expect.objectContaining({ reqId, area: 'auth', msg: 'refused: the role is not enough', userId: staff.userId }),
  );
});

test('an id that is not well-formed is replaced, and a request without one gets one', async ({ request }) => {
  const made = (await request.get('/api/health')).headers()['x-request-id'];
  expect(made).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  for (const bad of ['has space', 'x'.repeat(65), 'semi;colon', 'short']) {
    const answered = (await request.get('/api/health', { headers: { 'x-request-id': bad } })).headers()['x-request-id'];
    expect(answered, bad).not.toBe(bad);
    expect(answered).toMatch(/^[0-9a-f-]{36}$/);
  }
});
