// Hole 9: no Strict-Transport-Security on an https site, and one loose CSP everywhere.
// HSTS is sent when SITE_URL is https; every page Next may cache gets a static policy
// that is as tight as cached pages allow; the signed-in pages proxy.ts sees get a
// per-request nonce instead of 'unsafe-inline'. (e2e/security-headers.spec.ts checks the
// built server: the headers on real pages, and that the admin pages still run their scripts.)
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NextRequest } from 'next/server';
import { firstRow } from '../support/rows';

type HeaderRule = { source: string; headers: { key: string; value: string }[] };

async function configHeaders(siteUrl: string): Promise<HeaderRule[]> {
  vi.resetModules();
  vi.stubEnv('SITE_URL', siteUrl);
  const config = (await import('@/next.config')).default as { headers: () => Promise<HeaderRule[]> };
  return config.headers();
}
const header = (rules: HeaderRule[], key: string) =>
  rules.flatMap((r) => r.headers.filter((h) => h.key === key).map((h) => ({ source: r.source, value: h.value })));
const directives = (policy: string) => Object.fromEntries(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('Strict-Transport-Security', () => {
  it('is sent on every path when SITE_URL is https', async () => {
    expect(header(await configHeaders('https://perusupportgroup.org.uk'), 'Strict-Transport-Security')).toEqual([
      { source: '/:path*', value: 'max-age=31536000' },
    ]);
  });

  it('is not sent for a plain-http site (browsers ignore it there, and it would pin localhost)', async () => {
    expect(header(await configHeaders('http://localhost:3000'), 'Strict-Transport-Security')).toEqual([]);
  });
});

describe('the static Content-Security-Policy', () => {
  it('allows no plugins, frames, foreign scripts, eval or <base>, and upgrades http on an https site', async () => {
    const csp = firstRow(header(await configHeaders('https://perusupportgroup.org.uk'), 'Content-Security-Policy'));
    const d = directives(csp.value);
    expect(d['script-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(d['default-src']).toEqual(["'self'"]);
    for (const name of ['object-src', 'frame-src', 'frame-ancestors', 'base-uri']) expect(d[name], name).toEqual(["'none'"]);
    expect(d['form-action']).toEqual(["'self'"]);
    expect(d['upgrade-insecure-requests']).toEqual([]);
    expect(csp.value).not.toContain('unsafe-eval');
    expect(directives(header(await configHeaders('http://localhost:3000'), 'Content-Security-Policy')[0]!.value)).not.toHaveProperty(
      'upgrade-insecure-requests',
    );
  });

  it('is not the policy of the signed-in pages, which proxy.ts gives a nonce', async () => {
    const csp = firstRow(header(await configHeaders('http://localhost:3000'), 'Content-Security-Policy'));
    const pattern = new RegExp(`^${csp.source.replace('/:path', '/').replace(/^\/\//, '/')}$`);
    for (const path of ['/', '/publications', '/es/publications/x', '/about/aims', '/feed.xml', '/administration', '/es'])
      expect(pattern.test(path), path).toBe(true);
    for (const path of ['/admin', '/admin/members', '/es/admin', '/account', '/es/account/delete', '/members/newsletters'])
      expect(pattern.test(path), path).toBe(false);
  });
});

describe('the signed-in pages’ policy (proxy.ts)', () => {
  async function through(path: string) {
    const { proxy } = await import('@/proxy');
    return proxy(new NextRequest(`http://localhost:3000${path}`, { headers: { cookie: 'authjs.session-token=abc' } }));
  }

  it('allows only scripts with this request’s nonce, and tells Next the nonce', async () => {
    const response = await through('/admin/members');
    const policy = response.headers.get('content-security-policy')!;
    const script = directives(policy)['script-src'];
    expect(script).toContain("'strict-dynamic'");
    expect(script).not.toContain("'unsafe-inline'");
    const nonce = /'nonce-([A-Za-z0-9+/=]{22,})'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    // Next reads the nonce from the request's own CSP header and puts it on its scripts.
    expect(response.headers.get('x-middleware-request-content-security-policy')).toBe(policy);
    expect(directives(policy)['object-src']).toEqual(["'none'"]);
  });

  it('never gives two requests the same nonce', async () => {
    const policies = await Promise.all(
      Array.from({ length: 20 }, () => through('/account').then((r) => r.headers.get('content-security-policy'))),
    );
    expect(new Set(policies).size).toBe(20);
  });

  it('still sends visitors without a session to sign in', async () => {
    const { proxy } = await import('@/proxy');
    const response = proxy(new NextRequest('http://localhost:3000/es/admin'));
    expect(response.headers.get('location')).toBe('http://localhost:3000/es/signin?callbackUrl=%2Fes%2Fadmin');
  });
});
