import { expect, test } from '@playwright/test';
import { personaCookie } from './support/db';

// Hole 9 on the built server: the static policy on cached pages, a per-request nonce on the
// signed-in pages, and those pages' scripts still running under it.

test('a cached public page has the static policy, with no nonce', async ({ request }) => {
  await request.get('/');
  const response = await request.get('/');
  expect(response.headers()['x-nextjs-cache']).toBe('HIT');
  const policy = response.headers()['content-security-policy'];
  expect(policy).toContain("script-src 'self' 'unsafe-inline'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).not.toContain('nonce-');
});

test.describe('signed-in pages', () => {
  test('carry this request’s nonce on every script, and run them (no CSP violation)', async ({ page }) => {
    const staff = await personaCookie('staff');
    await page.context().addCookies([staff.cookie]);
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto('/admin/publications');
    const policy = response!.headers()['content-security-policy']!;
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce, policy).toBeTruthy();
    expect(policy).not.toMatch(/script-src [^;]*'unsafe-inline'/);
    expect((await page.request.get('/admin/publications')).headers()['content-security-policy']).not.toBe(policy);

    const html = await response!.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

    // The client router works: a link opens the next page without a full load.
    await page.getByRole('link', { name: 'New publication' }).click();
    await expect(page).toHaveURL(/\/admin\/publications\/new$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('New publication');
    expect(violations).toEqual([]);
  });
});
