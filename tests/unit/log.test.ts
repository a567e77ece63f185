// The logger (lib/log/) keeps secrets out of its lines: by key (redact), by shape (a
// cookie, a token, a key inside a message or a stack), and by serialising errors field by
// field. Each case logs a real secret through the real logger and reads the line written.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createLogger, logContext, scrub, serializeError } from '@/lib/log/core.mjs';
import { installRequestIds, requestIdFrom } from '@/lib/log/request-id';

function capture() {
  const lines: string[] = [];
  const log = createLogger({ level: 'debug', destination: { write: (line: string) => void lines.push(line) } });
  const parsed = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { log, lines, parsed };
}

const SECRET = 'S3cr3t-value-that-must-not-appear-9f8e7d';

describe('the logger', () => {
  it('writes one JSON object per line, with the level by name, the time and the message', () => {
    const { log, parsed } = capture();
    log.child({ area: 'mail' }).info({ mailId: 'm1' }, 'sent');
    expect(parsed()).toEqual([
      expect.objectContaining({ level: 'info', area: 'mail', mailId: 'm1', msg: 'sent', time: expect.any(String) }),
    ]);
  });

  it('censors headers, passwords, tokens and card fields wherever they sit', () => {
    const { log, lines } = capture();
    log.info(
      {
        headers: {
          authorization: `Bearer ${SECRET}`,
          cookie: `authjs.session-token=${SECRET}`,
          'set-cookie': SECRET,
          'stripe-signature': SECRET,
        },
        req: { headers: { cookie: SECRET, 'proxy-authorization': SECRET } },
        password: SECRET,
        user: { token: SECRET, profile: { secret: SECRET } },
        payment: { method: { card: { number: '4242424242424242', cvc: '123' } } },
        env: { AUTH_SECRET: SECRET, STRIPE_SECRET_KEY: SECRET, SMTP_URL: `smtp://u:${SECRET}@host` },
      },
      'a request',
    );
    const text = lines.join('');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('4242424242424242');
    expect(text).toContain('"cookie":"[redacted]"');
    expect(text).toContain('"msg":"a request"');
  });

  it('takes secrets out of messages and stacks by their shape', () => {
    const { log, lines } = capture();
    const error = new Error(
      `fetch failed for https://site.test/signin/confirm?token=${SECRET}&email=a%40b.test with authjs.session-token=${SECRET}; ` +
        `key sk_live_${SECRET.replace(/-/g, '')} whsec_abcdef0123456789 postgres://psg:${SECRET}@db/psg Authorization: Bearer abcdefgh12345678`,
    );
    log.error({ err: error }, `unsubscribe link /newsletter/unsubscribe?u=1&s=${SECRET}`);
    const text = lines.join('');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(SECRET.replace(/-/g, ''));
    expect(text).not.toContain('abcdef0123456789');
    expect(text).not.toContain('abcdefgh12345678');
    expect(text).toContain('token=[redacted]');
    expect(text).toContain('email=a%40b.test');
  });

  it('serialises an error without what a library hung on it (headers, request, query parameters)', () => {
    const { log, parsed } = capture();
    const cause = Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' });
    const error = Object.assign(new Error('Stripe said no', { cause }), {
      statusCode: 402,
      headers: { 'set-cookie': SECRET },
      raw: { headers: { authorization: SECRET } },
      request: { headers: { cookie: SECRET } },
      parameters: [SECRET],
    });
    log.error({ err: error }, 'failed');
    const [line] = parsed();
    expect(JSON.stringify(line)).not.toContain(SECRET);
    expect(line!.err).toEqual({
      type: 'Error',
      message: 'Stripe said no',
      stack: expect.stringContaining('Stripe said no'),
      statusCode: 402,
      cause: expect.objectContaining({ message: 'connection refused', code: 'ECONNREFUSED' }),
    });
    expect(serializeError('a string')).toEqual({ type: 'string', message: 'a string' });
  });

  it('an error given as the first argument is serialised the same way', () => {
    const { log, lines } = capture();
    log.error(Object.assign(new Error('boom'), { config: { headers: { authorization: SECRET } } }), 'failed');
    expect(lines.join('')).not.toContain(SECRET);
    expect(lines.join('')).toContain('"message":"boom"');
  });

  it('puts the fields of its async context (the request id) on every line, however deep', async () => {
    const { log, parsed } = capture();
    await logContext.run({ reqId: 'req-12345678' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      log.info('inside');
    });
    log.info('outside');
    expect(parsed().map((line) => [line.msg, line.reqId])).toEqual([
      ['inside', 'req-12345678'],
      ['outside', undefined],
    ]);
  });

  it('writes nothing at level silent', () => {
    const lines: string[] = [];
    createLogger({ level: 'silent', destination: { write: (line: string) => void lines.push(line) } }).error('nothing');
    expect(lines).toEqual([]);
  });

  it('scrub leaves ordinary text alone', () => {
    const text = '{"msg":"sent 12 mails to https://site.test/newsletters/3?page=2","ms":1234}';
    expect(scrub(text)).toBe(text);
  });
});

describe('request ids', () => {
  it('keeps a well-formed incoming id and replaces anything else', () => {
    expect(requestIdFrom('0123456789abcdef0123456789abcdef')).toBe('0123456789abcdef0123456789abcdef');
    expect(requestIdFrom('e2e-Trace-42')).toBe('e2e-Trace-42');
    for (const bad of [undefined, '', 'short', 'x'.repeat(65), 'has space', 'new\nline', 'a;b=c-12345', ['two', 'values']]) {
      expect(requestIdFrom(bad)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  // At the HTTP server: each request's own id, through its awaits and its body, with
  // requests interleaved on kept-alive connections.
  it('gives each request served by a Node server its id, in its async context and in the response', async () => {
    installRequestIds();
    const { log, parsed } = capture();
    const server = http.createServer(
      (req, res) =>
        void (async () => {
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
          for await (const chunk of req) void chunk;
          log.info({ url: req.url }, 'served');
          res.end(req.headers['x-request-id']);
        })(),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
    try {
      const answers = await Promise.all(
        Array.from(
          { length: 12 },
          (_, i) =>
            new Promise<{ i: number; header: string; body: string }>((resolve, reject) => {
              const headers = i % 2 ? { 'x-request-id': `given-id-${i}-abcdef` } : {};
              const request = http.request({ port, host: '127.0.0.1', path: `/${i}`, method: 'POST', agent, headers }, (response) => {
                let body = '';
                response.on('data', (chunk: Buffer) => (body += chunk.toString()));
                response.on('end', () => resolve({ i, header: String(response.headers['x-request-id']), body }));
              });
              request.on('error', reject);
              request.end('x'.repeat(50_000));
            }),
        ),
      );
      const lines = parsed();
      for (const { i, header, body } of answers) {
        if (i % 2) expect(header).toBe(`given-id-${i}-abcdef`);
        expect(body).toBe(header);
        expect(lines.find((line) => line.url === `/${i}`)?.reqId).toBe(header);
      }
      expect(new Set(answers.map((a) => a.header)).size).toBe(12);
    } finally {
      agent.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
