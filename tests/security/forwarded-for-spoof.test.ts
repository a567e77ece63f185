// Attack: a client that sets its own X-Forwarded-For to a new address on every request,
// so the per-IP limit on sign-in mails never fills up. The site used to take the last
// X-Forwarded-For entry even with no proxy in front, and Next.js only fills that header
// with the socket address when the client sent none.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SIGN_IN_LIMITS } from '@/lib/auth/rate-limit';
import { addressKey, clientAddress, SOCKET_ADDRESS_HEADER } from '@/lib/security/client-ip';
import { installSocketAddressHeader } from '@/lib/security/socket-address';
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
beforeEach(() => requestContext.reset());

const spoofed = () =>
  `${1 + Math.floor(Math.random() * 223)}.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;
const headersOf = (h: Record<string, string>) => new Headers(h);

describe('a forged X-Forwarded-For does not reset the per-IP limit', () => {
  it('through the real sign-in action, with no proxy in front (the default)', async () => {
    const attacker = '203.0.113.50';
    const outcomes = [];
    for (let i = 0; i < SIGN_IN_LIMITS.perIp.points + 3; i++) {
      requestContext.reset();
      requestContext.headers.set(SOCKET_ADDRESS_HEADER, attacker);
      // A fresh, plausible chain each time, the last entry included.
      requestContext.headers.set('x-forwarded-for', `${spoofed()}, ${spoofed()}`);
      requestContext.headers.set('x-real-ip', spoofed());
      const email = `spoof-${i}-${randomBytes(3).toString('hex')}@example.org`;
      const { result } = await outcomeOf(() => requestSignInLink({ values: {} }, form({ email, locale: 'en' })));
      outcomes.push((result as { error?: string } | undefined)?.error ?? 'sent');
    }
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(SIGN_IN_LIMITS.perIp.points);
    expect(outcomes.slice(-3)).toEqual(['tooMany', 'tooMany', 'tooMany']);
  });

  it('with no proxy, X-Forwarded-For is never read; the socket address is the client', () => {
    const h = headersOf({ [SOCKET_ADDRESS_HEADER]: '203.0.113.50', 'x-forwarded-for': '10.9.9.9, 8.8.8.8' });
    expect(clientAddress(h, 0)).toBe('203.0.113.50');
    expect(clientAddress(headersOf({ 'x-forwarded-for': '8.8.8.8' }), 0)).toBeNull();
  });

  it('behind N trusted proxies, the client is the address the outermost one saw, whatever the client prepended', () => {
    // client 198.51.100.9 -> CDN (appends it) -> nginx 10.0.0.2 (appends the CDN's address) -> app
    const chain = (forged: string) =>
      headersOf({ [SOCKET_ADDRESS_HEADER]: '10.0.0.2', 'x-forwarded-for': `${forged}198.51.100.9, 172.16.0.5` });
    for (const forged of ['', '1.1.1.1, ', '1.1.1.1, 2.2.2.2, 3.3.3.3, ', 'garbage, ']) {
      expect(clientAddress(chain(forged), 2)).toBe('198.51.100.9');
    }
    expect(clientAddress(chain('1.1.1.1, '), 1)).toBe('172.16.0.5');
    // A chain shorter than the hops configured: the furthest address known.
    expect(clientAddress(headersOf({ [SOCKET_ADDRESS_HEADER]: '10.0.0.2' }), 3)).toBe('10.0.0.2');
  });

  it('an IPv6 client cannot rotate through its /64', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('[2001:0db8:0001:0002::9]:443')).toBe('2001:db8:1:2::/64');
    expect(addressKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('192.0.2.1:8080')).toBe('192.0.2.1');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('not an address')).toBeNull();
    expect(addressKey('')).toBeNull();
  });

  it('the server stamps the real socket address over whatever the client sent in its place', async () => {
    installSocketAddressHeader();
    const server = http.createServer((request, response) => response.end(JSON.stringify(request.headers[SOCKET_ADDRESS_HEADER] ?? null)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const seen = await new Promise<string>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port, headers: { [SOCKET_ADDRESS_HEADER]: '6.6.6.6', 'x-forwarded-for': '6.6.6.6' } }, (response) => {
            let body = '';
            response.on('data', (chunk) => (body += chunk));
            response.on('end', () => resolve(JSON.parse(body)));
          })
          .on('error', reject);
      });
      expect(addressKey(seen)).toBe('127.0.0.1');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('TRUSTED_PROXY_HOPS is validated', () => {
  it('defaults to 0 and refuses nonsense', async () => {
    const run = async (value: string | undefined) => {
      vi.resetModules();
      if (value === undefined) delete process.env.TRUSTED_PROXY_HOPS;
      else process.env.TRUSTED_PROXY_HOPS = value;
      try {
        return (await import('@/lib/env')).proxyEnv().TRUSTED_PROXY_HOPS;
      } catch (error) {
        return (error as Error).message;
      } finally {
        delete process.env.TRUSTED_PROXY_HOPS;
      }
    };
    expect(await run(undefined)).toBe(0);
    expect(await run('')).toBe(0);
    expect(await run('2')).toBe(2);
    for (const bad of ['-1', 'one', '1.5', '99']) expect(await run(bad)).toMatch(/TRUSTED_PROXY_HOPS/);
  });
});
