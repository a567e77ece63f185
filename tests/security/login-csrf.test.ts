// Attack: login CSRF. The attacker asks for a sign-in link for their own address, then
// has a page on their site post that link's token to /api/auth/confirm from the victim's
// browser. Without an origin check the victim is signed into the attacker's account and
// may type their address and Gift Aid details into it.
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getSql } from '@/db/client';
import { POST as confirm } from '@/app/api/auth/confirm/route';
import { hashVerificationToken } from '@/lib/auth/magic-link';
import { ROUTE_HANDLERS } from '../authz/matrix';

const SITE = 'http://localhost:3000';

async function attackerLink(): Promise<{ email: string; token: string }> {
  const email = `attacker-${randomBytes(4).toString('hex')}@example.org`;
  const token = randomBytes(32).toString('hex');
  await getSql()`insert into verification_tokens (identifier, token, expires)
    values (${email}, ${hashVerificationToken(token, process.env.AUTH_SECRET!)}, now() + interval '1 hour')`;
  return { email, token };
}

function confirmPost(link: { email: string; token: string }, headers: Record<string, string>) {
  const body = new URLSearchParams({ token: link.token, email: link.email, callbackUrl: '/account', locale: 'en' });
  return new Request(`${SITE}/api/auth/confirm`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });
}

const sessionsOf = async (email: string) =>
  (await getSql()`select count(*)::int as n from sessions s join users u on u.id = s.user_id where u.email = ${email}`)[0]!.n as number;
const tokenLeft = async (email: string) => (await getSql()`select 1 from verification_tokens where identifier = ${email}`).length === 1;

// What browsers send when a page of another site submits a form here, and variants.
const CROSS_SITE: Record<string, Record<string, string>> = {
  'a form on another site': { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
  'a sibling subdomain': { origin: 'https://evil.localhost:3000', 'sec-fetch-site': 'same-site' },
  'an old browser without Sec-Fetch-Site': { origin: 'https://evil.example' },
  'a sandboxed frame (Origin: null)': { origin: 'null', 'sec-fetch-site': 'cross-site' },
  'Sec-Fetch-Site alone saying cross-site': { 'sec-fetch-site': 'cross-site' },
  'a look-alike origin': { origin: 'http://localhost:3000.evil.example' },
  'no browser context at all': {},
};

describe('login CSRF on /api/auth/confirm', () => {
  for (const [name, headers] of Object.entries(CROSS_SITE)) {
    it(`refuses ${name}: nobody is signed in and the link still works`, async () => {
      const link = await attackerLink();
      const response = await confirm(confirmPost(link, headers));
      expect(response.status).toBe(403);
      expect(response.headers.get('set-cookie')).toBeNull();
      expect(await sessionsOf(link.email)).toBe(0);
      expect(await tokenLeft(link.email)).toBe(true);
    });
  }

  it('signs in when the confirm page posts the form with Origin: null, as a browser does under a no-referrer policy', async () => {
    const link = await attackerLink();
    const response = await confirm(confirmPost(link, { origin: 'null', 'sec-fetch-site': 'same-origin' }));
    expect(response.status).toBe(303);
    expect(await sessionsOf(link.email)).toBe(1);
  });

  it('signs in when the confirm page itself posts the form', async () => {
    const link = await attackerLink();
    const response = await confirm(confirmPost(link, { origin: SITE, 'sec-fetch-site': 'same-origin' }));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${SITE}/account`);
    expect(response.headers.get('set-cookie')).toMatch(/authjs\.session-token=/);
    expect(await sessionsOf(link.email)).toBe(1);
    expect(await tokenLeft(link.email)).toBe(false);
  });
});

describe('the same form, posted from the host the visitor used', () => {
  it('is accepted when Origin names the Host the request was sent to (as Next.js checks server actions)', async () => {
    const link = await attackerLink();
    const response = await confirm(
      confirmPost(link, { origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000', 'sec-fetch-site': 'same-origin' }),
    );
    expect(response.status).toBe(303);
    expect(await sessionsOf(link.email)).toBe(1);
  });

  it('but not when only the port or the scheme-less host differs', async () => {
    for (const origin of ['http://127.0.0.1:4000', 'http://evil.example', 'http://127.0.0.1']) {
      const link = await attackerLink();
      expect((await confirm(confirmPost(link, { origin, host: '127.0.0.1:3000' }))).status, origin).toBe(403);
    }
  });
});

describe('every same-origin route handler in the matrix refuses a cross-site POST', () => {
  const guarded = Object.entries(ROUTE_HANDLERS).filter(([, csrf]) => csrf.kind === 'same-origin');

  it('the matrix lists at least the sign-in confirmation', () => {
    expect(guarded.map(([file]) => file)).toContain('api/auth/confirm/route.ts');
  });

  for (const [file, csrf] of guarded) {
    it(`${file}`, async () => {
      const handlers = (await import(path.join(process.cwd(), 'app', file))) as Record<
        string,
        (request: Request, ctx: unknown) => Promise<Response>
      >;
      const ctx = { params: Promise.resolve({ locale: 'en', id: '00000000-0000-4000-8000-000000000000' }) };
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => m in handlers)) {
        for (const headers of Object.values(CROSS_SITE)) {
          const path = csrf.kind === 'same-origin' ? csrf.path : '/';
          const response = await handlers[method]!(new Request(`${SITE}${path}`, { method, headers, body: 'x=1' }), ctx);
          expect(response.status, `${method} with ${JSON.stringify(headers)}`).toBe(403);
        }
      }
    });
  }
});
