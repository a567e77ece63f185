// Attack: mail-bombing an address (or anyone's) with sign-in links by skipping the app's
// limits. Auth.js's own POST /api/auth/signin/email (with a token from /api/auth/csrf) and
// GET /api/auth/callback/email were public, so the per-address and per-IP limits of the
// sign-in form never ran.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { NextRequest } from 'next/server';
import { getSql } from '@/db/client';
import { SIGN_IN_LIMITS } from '@/lib/auth/rate-limit';
import { SOCKET_ADDRESS_HEADER } from '@/lib/security/client-ip';
import { discoverRouteHandlers } from '../authz/discover';
import { form } from '../support/forms';
import { createPersona } from '../support/personas';
import { nextHeadersMock, outcomeOf, requestContext } from '../support/request-context';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';

vi.mock('next/headers', () => nextHeadersMock);
const { handlers } = await import('@/lib/auth');
const { requestSignInLink } = await import('@/app/[locale]/signin/actions');
const { resendSignInLink } = await import('@/app/[locale]/admin/members/actions');

const SITE = 'http://localhost:3000';
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
  process.env.SMTP_URL = sink.smtpUrl;
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await sink.close();
});
beforeEach(() => requestContext.reset());

const uniqueEmail = (label: string) => `${label}-${randomBytes(4).toString('hex')}@example.org`;
const uniqueIp = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
const mailsTo = (email: string) => sink.mails.filter((m) => m.to.includes(email)).length;
const tokensFor = async (email: string) => (await getSql()`select 1 from verification_tokens where identifier = ${email}`).length;
// Mails are handed to the sink before the action returns; give the sink a moment to parse.
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

/** A URL path matched against app/'s route handlers, the way Next.js matches dynamic segments. */
function servedBy(pathname: string): string[] {
  const segments = pathname.split('/').filter(Boolean);
  return discoverRouteHandlers().filter((file) => {
    const parts = file
      .split('/')
      .slice(0, -1)
      .filter((p) => !/^\(.*\)$/.test(p));
    const match = (i: number, j: number): boolean => {
      if (i === parts.length) return j === segments.length;
      const part = parts[i]!;
      if (/^\[\[\.\.\..+\]\]$/.test(part)) return true;
      if (/^\[\.\.\..+\]$/.test(part)) return j < segments.length;
      if (j === segments.length) return false;
      if (/^\[.+\]$/.test(part) || part === segments[j]) return match(i + 1, j + 1);
      return false;
    };
    return match(0, 0);
  });
}

describe("Auth.js's own endpoints", () => {
  it('no route handler serves them: the app calls Auth.js in process only', () => {
    for (const path of [
      '/api/auth/signin/email',
      '/api/auth/callback/email',
      '/api/auth/csrf',
      '/api/auth/session',
      '/api/auth/signout',
      '/api/auth/providers',
      '/api/auth/signin',
    ]) {
      expect(servedBy(path), path).toEqual([]);
    }
    // The matcher itself works.
    expect(servedBy('/api/auth/confirm')).toEqual(['api/auth/confirm/route.ts']);
    expect(servedBy('/files/publications/x/y.pdf')).toEqual(['files/publications/[id]/[name]/route.ts']);
  });

  it('even if they were served again, Auth.js would send no mail that skipped the limits', async () => {
    const victim = uniqueEmail('victim');
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress.points + 3; i++) {
      // The attack as an HTTP client does it: a CSRF token and its cookie, then the POST.
      const csrf = await handlers.GET(new NextRequest(`${SITE}/api/auth/csrf`));
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const cookie = csrf.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const response = await handlers.POST(
        new NextRequest(`${SITE}/api/auth/signin/email`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, [SOCKET_ADDRESS_HEADER]: uniqueIp() },
          body: new URLSearchParams({ email: victim, csrfToken, callbackUrl: '/account' }),
        }),
      );
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).not.toContain('/signin/check-email');
    }
    await settle();
    expect(mailsTo(victim)).toBe(0);
    expect(await tokensFor(victim)).toBe(0);
  });
});

describe('every way of asking for a sign-in mail shares the same limits', () => {
  it('the sign-in form: five mails per address, then "too many"', async () => {
    const victim = uniqueEmail('form');
    const results = [];
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress.points + 2; i++) {
      requestContext.headers.set(SOCKET_ADDRESS_HEADER, uniqueIp());
      results.push(await outcomeOf(() => requestSignInLink({ values: {} }, form({ email: victim, locale: 'en' }))));
    }
    expect(results.map((r) => (r.result as { error?: string } | undefined)?.error ?? 'sent')).toEqual([
      'sent',
      'sent',
      'sent',
      'sent',
      'sent',
      'tooMany',
      'tooMany',
    ]);
    // The refusal names the minutes to wait, for the message, and keeps the address.
    expect(results.at(-1)!.result).toMatchObject({ values: { email: victim }, vars: { minutes: expect.stringMatching(/^[1-9]\d*$/) } });
    await settle();
    expect(mailsTo(victim)).toBe(SIGN_IN_LIMITS.perAddress.points);
  });

  it("staff's resend counts against the same address limit as the form", async () => {
    const member = await createPersona(getSql(), 'lapsed');
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress.points; i++) {
      requestContext.reset();
      requestContext.headers.set(SOCKET_ADDRESS_HEADER, uniqueIp());
      await outcomeOf(() => requestSignInLink({ values: {} }, form({ email: member.email, locale: 'en' })));
    }
    const staff = await createPersona(getSql(), 'staff');
    requestContext.reset();
    requestContext.cookies.set('authjs.session-token', staff.sessionToken);
    requestContext.headers.set(SOCKET_ADDRESS_HEADER, uniqueIp());
    const { result } = await outcomeOf(() =>
      resendSignInLink({ values: {} }, form({ locale: 'en', userId: member.userId, confirm: 'on' })),
    );
    expect(result).toMatchObject({ error: 'tooMany' });
    await settle();
    expect(mailsTo(member.email)).toBe(SIGN_IN_LIMITS.perAddress.points);
  });

  it('one IP asking for many addresses is stopped after the per-IP limit', async () => {
    const ip = '192.0.2.77';
    const sent = [];
    for (let i = 0; i < SIGN_IN_LIMITS.perIp.points + 2; i++) {
      requestContext.reset();
      requestContext.headers.set(SOCKET_ADDRESS_HEADER, ip);
      const { result } = await outcomeOf(() => requestSignInLink({ values: {} }, form({ email: uniqueEmail(`ip${i}`), locale: 'en' })));
      sent.push((result as { error?: string } | undefined)?.error ?? 'sent');
    }
    expect(sent.filter((r) => r === 'sent')).toHaveLength(SIGN_IN_LIMITS.perIp.points);
    expect(sent.slice(-2)).toEqual(['tooMany', 'tooMany']);
  });
});
