// The e2e run's log scan (tests/support/log-scan.ts) fails when a secret is planted in a
// log, says where and which kind without repeating it, and refuses to pass on nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@/lib/log/core.mjs';
import { describeScan, luhn, scanFailed, scanLogDir, scanLogTexts } from '../support/log-scan';

const AUTH_SECRET = 'u8Vf3kQ0zXbq1sC7yN2mR5tL9wE4hJ6a';
const secrets = [{ name: 'AUTH_SECRET', value: AUTH_SECRET }];
const clean = [
  '{"level":"info","time":"2026-01-01T00:00:00.000Z","pid":1,"area":"server","msg":"server started"}',
  '{"level":"warn","time":"2026-01-01T00:00:01.000Z","pid":1,"reqId":"0123456789abcdef","userId":"8c1f5a6e-1111-4a2b-9c3d-000000000001","msg":"refused: the role is not enough","cookie":"[redacted]"}',
  '▲ Next.js 16.4.6',
  ' ✓ Ready in 1234ms, at 1767225600000',
].join('\n');

const scanWith = (extra: string) => scanLogTexts([{ name: 'server.log', text: `${clean}\n${extra}\n` }], secrets);

describe('the e2e log scan', () => {
  it('passes a log with logger lines and nothing secret in it', () => {
    const result = scanWith('{"level":"info","time":"t","msg":"token=[redacted] Bearer [redacted] authjs.session-token=[redacted]"}');
    expect(result.findings).toEqual([]);
    expect(result.jsonLines).toBe(3);
    expect(scanFailed(result)).toBe(false);
  });

  const planted: [string, string][] = [
    ['AUTH_SECRET', `Error: bad config ${AUTH_SECRET}`],
    ['a session cookie value', 'cookie: authjs.session-token=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
    ['a session cookie value', '"cookie":"__Secure-authjs.session-token=abcdef1234567890"'],
    ['a Bearer token', 'authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig'],
    ['a Stripe secret key', 'using sk_test_e2e'],
    ['a webhook signing secret', 'whsec_e2e_0123456789abcdef'],
    ['a link token (token= or s=)', 'GET /signin/confirm?token=0123456789abcdef0123456789abcdef&email=x'],
    ['a link token (token= or s=)', '/newsletter/unsubscribe?u=42&s=Xy3_9aBcDeFgHiJkLmNoP'],
    ['a password field', '{"user":{"password":"hunter2"}}'],
    ['a password in a URL', 'connecting to postgres://psg:hunter2@db.internal/psg'],
    ['a card number', '{"card":"4242424242424242"}'],
    ['a card number', 'number 4000 0000 0000 0002 declined'],
    ['a Stripe-Signature header', 'stripe-signature: t=1767225600,v1=' + 'a'.repeat(64)],
  ];
  for (const [pattern, line] of planted) {
    it(`fails on ${pattern}: ${line.slice(0, 40)}...`, () => {
      const result = scanWith(line);
      expect(scanFailed(result)).toBe(true);
      expect(result.findings).toContainEqual({ file: 'server.log', line: 5, pattern });
      // The report names the pattern and the line, never the secret.
      const report = describeScan(result).join('\n');
      expect(report).toContain(`server.log:5: ${pattern}`);
      expect(report).not.toContain(line);
    });
  }

  it('does not take timestamps, UUIDs or counts for card numbers', () => {
    const result = scanWith(
      '{"level":"info","time":"t","msg":"x","at":1767225600000,"id":"12345678-1234-4234-8234-123456789012","n":4242}',
    );
    expect(result.findings).toEqual([]);
    expect(luhn('4242424242424242')).toBe(true);
    expect(luhn('4242424242424241')).toBe(false);
  });

  it('fails when there is nothing to scan: no file, an empty one, or no line of the logger', () => {
    expect(scanLogTexts([], secrets).problems).toEqual(['no server log was written']);
    expect(scanLogTexts([{ name: 'server.log', text: '' }], secrets).problems).toEqual(['the server logs are empty']);
    const plain = scanLogTexts([{ name: 'server.log', text: '▲ Next.js 16\n ✓ Ready\n' }], secrets);
    expect(scanFailed(plain)).toBe(true);
    expect(plain.problems[0]).toMatch(/no JSON line/);
  });

  it('reads every .log file of the run folder; what the logger writes passes, a planted secret fails', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-log-scan-'));
    try {
      const lines: string[] = [];
      const log = createLogger({ destination: { write: (line: string) => void lines.push(line) } });
      // The logger's own redaction is what lets a real run pass.
      log.error({ headers: { cookie: `authjs.session-token=${AUTH_SECRET}` }, err: new Error(`token=${AUTH_SECRET}`) }, 'failed');
      fs.writeFileSync(path.join(dir, 'server.log'), lines.join(''));
      expect(scanLogDir(dir, secrets).findings).toEqual([]);
      fs.writeFileSync(path.join(dir, 'server-stop.log'), `ok\nleaked ${AUTH_SECRET}\n`);
      fs.writeFileSync(path.join(dir, 'notes.txt'), AUTH_SECRET);
      const result = scanLogDir(dir, secrets);
      expect(result.findings).toEqual([{ file: path.join(dir, 'server-stop.log'), line: 2, pattern: 'AUTH_SECRET' }]);
      expect(result.files).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
