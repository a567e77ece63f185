// Sign-in while the mail server is down or hangs: the form must say the mail could not be
// sent (with the address kept, to try again), within a bounded time, and never claim a
// mail is on its way. Once the mail server is back, the next request sends exactly one
// mail. The mail server "fails" behind a switchable TCP front door to the test's SMTP sink.
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SOCKET_ADDRESS_HEADER } from '@/lib/security/client-ip';
import { form } from '../support/forms';
import { nextHeadersMock, outcomeOf, requestContext } from '../support/request-context';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';

vi.mock('next/headers', () => nextHeadersMock);
const { requestSignInLink } = await import('@/app/[locale]/signin/actions');

type Mode = 'up' | 'down' | 'silent';
let mode: Mode = 'up';
let sink: SmtpSink;
let front: net.Server;
const held = new Set<net.Socket>();

beforeAll(async () => {
  sink = await startSmtpSink();
  const target = new URL(sink.smtpUrl);
  front = net.createServer((client) => {
    held.add(client);
    client.on('close', () => held.delete(client));
    client.on('error', () => client.destroy());
    if (mode === 'down') return void client.destroy();
    // 'silent': the connection is taken and nothing is ever said (a hung mail server).
    if (mode === 'silent') return;
    const upstream = net.connect(Number(target.port), target.hostname);
    upstream.on('error', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(front.address() as net.AddressInfo).port}`;
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  for (const s of held) s.destroy();
  await new Promise<void>((resolve) => front.close(() => resolve()));
  await sink.close();
});
beforeEach(() => {
  requestContext.reset();
  requestContext.headers.set(SOCKET_ADDRESS_HEADER, `198.51.100.${Math.floor(Math.random() * 250)}`);
});

const address = () => `mailfault-${randomBytes(4).toString('hex')}@example.org`;
const ask = (email: string) => outcomeOf(() => requestSignInLink({ values: {} }, form({ email, locale: 'en' })));

describe('sign-in when the mail server fails', () => {
  it('down: says the mail could not be sent, keeps the address, and works once the server is back', async () => {
    const email = address();
    mode = 'down';
    for (const s of held) s.destroy(); // the pool's open connections go with the server
    const failed = await ask(email);
    expect(failed.redirect).toBeUndefined();
    expect(failed.result).toEqual({ values: { email, locale: 'en' }, error: 'sendFailed' });
    expect(sink.mails.filter((m) => m.to.includes(email))).toHaveLength(0);

    mode = 'up';
    const sent = await ask(email);
    expect(sent.redirect).toContain('/signin/check-email');
    await sink.waitForMail(email);
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.mails.filter((m) => m.to.includes(email))).toHaveLength(1);
  });

  it('hung: the form answers within the mail timeout, and says so', { timeout: 90_000 }, async () => {
    mode = 'silent';
    for (const s of held) s.destroy();
    const email = address();
    const started = Date.now();
    const outcome = await ask(email);
    const seconds = (Date.now() - started) / 1000;
    expect(outcome.result).toEqual({ values: { email, locale: 'en' }, error: 'sendFailed' });
    // Bounded by nodemailer's greeting timeout (10 s in lib/mail/index.ts), which its pool
    // tries up to three times: about 30 s, never an endless spinner.
    expect(seconds).toBeLessThan(45);
    mode = 'up';
  });
});
