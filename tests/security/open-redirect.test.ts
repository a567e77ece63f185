// Attack: an open redirect through the sign-in return path. A link to
// /signin?callbackUrl=<payload> that, after signing in, lands the visitor on another site
// (phishing with the charity's own domain in the link). safeCallbackPath used to turn
// "/.//evil.com" into "//evil.com", which a browser reads as another host.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { confirmLink, safeCallbackPath } from '@/lib/auth/magic-link';
import { form } from '../support/forms';
import { nextHeadersMock, outcomeOf, requestContext } from '../support/request-context';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';

vi.mock('next/headers', () => nextHeadersMock);
const { requestSignInLink } = await import('@/app/[locale]/signin/actions');

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
  process.env.SMTP_URL = sink.smtpUrl;
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await sink.close();
});

const SITE = 'https://perusupportgroup.example';

// Known open-redirect payloads (PayloadsAllTheThings, OWASP), plus the ones found here.
const PAYLOADS = [
  '/.//evil.com',
  '/..//evil.com',
  '/./..//evil.com',
  '/%2e//evil.com',
  '/%2e%2e//evil.com',
  '/.%2f/evil.com',
  '//evil.com',
  '///evil.com',
  '////evil.com/',
  '/\\evil.com',
  '/\\/evil.com',
  '\\\\evil.com',
  '/\t/evil.com',
  '/\n/evil.com',
  '/\r//evil.com',
  '/ /evil.com',
  ' //evil.com',
  '/%09/evil.com',
  '/%5cevil.com',
  '/%5c%5cevil.com',
  '/%2f%2fevil.com',
  '/%2F/evil.com',
  '//evil.com@perusupportgroup.example',
  '/@evil.com',
  '//perusupportgroup.example@evil.com',
  'https://evil.com',
  'http:evil.com',
  'http:/evil.com',
  'https:\\\\evil.com',
  '//evil%E3%80%82com',
  '/\u3002/evil.com',
  '//ⓔⓥⓘⓛ.ⓒⓞⓜ',
  'javascript:alert(1)',
  '/javascript:alert(1)',
  '//javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '/account?next=//evil.com',
  '/account#//evil.com',
  '/..;/evil.com',
  '/.../evil.com',
  '/' + '/'.repeat(50) + 'evil.com',
  '/./'.repeat(20) + '/evil.com',
  '',
  'evil.com',
  '.evil.com',
];

/** What a browser does with the redirect: resolve it against the page's URL. */
const landsOn = (path: string) => new URL(path, `${SITE}/signin`).origin;

describe('safeCallbackPath answers a same-origin path for every input', () => {
  for (const payload of PAYLOADS) {
    it(JSON.stringify(payload), () => {
      const path = safeCallbackPath(payload);
      expect(path.startsWith('/')).toBe(true);
      expect(path.startsWith('//')).toBe(false);
      expect(path).not.toMatch(/[\\\u0000-\u001f\u007f]/);
      expect(landsOn(path)).toBe(SITE);
      // What Auth.js does with it: the base URL and the path, one after the other.
      expect(new URL(`${SITE}${path}`).origin).toBe(SITE);
    });
  }

  it('the reported case becomes a path on this site', () => {
    expect(safeCallbackPath('/.//evil.com')).toBe('/evil.com');
  });

  it('keeps ordinary return paths as they are', () => {
    expect(safeCallbackPath('/account')).toBe('/account');
    expect(safeCallbackPath('/es/members/newsletters?q=miner%C3%ADa&year=2024')).toBe('/es/members/newsletters?q=miner%C3%ADa&year=2024');
    expect(safeCallbackPath('/join?tier=individual')).toBe('/join?tier=individual');
    expect(safeCallbackPath(undefined)).toBe('/account');
    expect(safeCallbackPath(42)).toBe('/account');
  });

  it('the link in the sign-in mail carries only the safe path', () => {
    for (const payload of PAYLOADS) {
      const link = new URL(confirmLink({ token: 't'.repeat(32), email: 'a@example.org', callbackUrl: payload, locale: 'en' }));
      expect(landsOn(link.searchParams.get('callbackUrl')!)).toBe(SITE);
    }
  });
});

describe('the sign-in form never keeps a payload as its return path', () => {
  it('each payload, sent through the real action, ends in a mail whose link returns to this site', async () => {
    for (const payload of PAYLOADS.slice(0, 12)) {
      requestContext.reset();
      const email = `redirect-${randomBytes(4).toString('hex')}@example.org`;
      const { redirect } = await outcomeOf(() => requestSignInLink({ values: {} }, form({ email, callbackUrl: payload, locale: 'en' })));
      expect(redirect, payload).toMatch(/^\/signin\/check-email\?/);
      const mail = await sink.waitForMail(email);
      const link = new URL(/https?:\/\/\S+\/signin\/confirm\S+/.exec(mail.text)![0]);
      expect(landsOn(link.searchParams.get('callbackUrl')!), payload).toBe(SITE);
    }
  });
});
