// Hole 8: with the database down, pages and routes answered a blank 500. A request that
// fails because of the database must answer 503 with Retry-After, and a person loading a
// page must be told, in their language, that the site is having trouble. The database is
// "stopped" here by closing a TCP relay in front of the test database, so the errors are
// the driver's own. (e2e/database-outage.spec.ts does the same to a production server.)
import http from 'node:http';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDb } from '@/db/client';
import { onRequestError } from '@/instrumentation';
import { startRelay } from '../support/tcp-relay';
import { answerDatabaseOutagesWith503, isDatabaseUnavailable, noteDatabaseOutage, RETRY_AFTER_SECONDS } from '@/lib/http/outage';

async function errorOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the query to fail');
}

describe('telling a database outage from any other error', () => {
  it('recognises the driver errors of a database that is unreachable or went away', async () => {
    const closed = createDb('postgres://postgres@127.0.0.1:1/none', 1);
    const refused = await errorOf(() => closed.sql`select 1`);
    expect(isDatabaseUnavailable(refused)).toBe(true);
    await closed.sql.end({ timeout: 1 });

    const relay = await startRelay(process.env.DATABASE_URL!);
    const { db, sql } = createDb(relay.url, 1);
    await sql`select 1`;
    await relay.cut();
    // Through Drizzle, which wraps the driver's error in its own.
    const dropped = await errorOf(() => db.execute('select 1'));
    expect(isDatabaseUnavailable(dropped)).toBe(true);
    const reconnect = await errorOf(() => sql`select 1`);
    expect(isDatabaseUnavailable(reconnect)).toBe(true);
    await sql.end({ timeout: 1 });
  });

  it('does not mistake a bad query or a broken rule for an outage', async () => {
    const { sql } = createDb(process.env.DATABASE_URL!, 1);
    expect(isDatabaseUnavailable(await errorOf(() => sql`select * from no_such_table`))).toBe(false);
    expect(isDatabaseUnavailable(await errorOf(() => sql`select '2024-02-30'::date`))).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    await sql.end();
  });
});

describe('the readiness check with the database down', () => {
  it('answers 503 with Retry-After', async () => {
    const saved = process.env.DATABASE_URL;
    vi.resetModules();
    process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:1/none';
    try {
      const { GET } = await import('@/app/api/ready/route');
      const response = await GET();
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
      await (await import('@/db/client')).closeDb();
    } finally {
      process.env.DATABASE_URL = saved;
      vi.resetModules();
    }
  });
});

describe('a response that failed on the database', () => {
  // A subclass, so the hook does not reach other servers in this test process.
  class Response extends http.ServerResponse {}
  answerDatabaseOutagesWith503(Response);
  let server: http.Server;
  let base = '';
  const failing = createDb('postgres://postgres@127.0.0.1:1/none', 1);

  // Fails the way Next does on a page whose query could not reach the database: the
  // error is reported (instrumentation's onRequestError), then a 500 is sent.
  beforeAll(async () => {
    server = http.createServer(
      { ServerResponse: Response },
      (req, res) =>
        void (async () => {
          const url = new URL(req.url!, 'http://x');
          if (url.searchParams.get('db') === 'down') {
            try {
              await failing.sql`select 1`;
            } catch (error) {
              void onRequestError(
                error,
                { path: req.url!, method: req.method!, headers: req.headers },
                { routerKind: 'App Router', routePath: '/[locale]/publications', routeType: 'render', revalidateReason: undefined },
              );
            }
          }
          if (url.searchParams.get('ok')) {
            res.setHeader('Content-Type', 'text/plain');
            return res.end('fine');
          }
          if (url.searchParams.get('explicit')) {
            res.writeHead(500, { 'Content-Type': 'text/html', 'Content-Length': '40' });
            return res.end('<html id="__next_error__"></html>'.padEnd(40));
          }
          res.statusCode = 500;
          res.setHeader('Content-Type', 'text/html; charset=utf-8');
          res.write('<!DOCTYPE html><html id="__next_error__"><head></head>');
          res.end('<body></body></html>');
        })().catch((error: unknown) => {
          console.error(error);
          if (!res.headersSent) res.writeHead(500);
          res.end();
        }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  });
  afterAll(async () => {
    await failing.sql.end({ timeout: 1 });
    await new Promise((resolve) => server.close(resolve));
  });

  const page = { accept: 'text/html,application/xhtml+xml' };

  it('answers 503 with Retry-After and a page saying the site is having trouble', async () => {
    const response = await fetch(`${base}/publications?db=down`, { headers: page });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<h1>The site is having trouble</h1>');
    expect(html).toContain('<a href="">Try again</a>');
    expect(html).not.toContain('__next_error__');
  });

  it('speaks Spanish on a Spanish address', async () => {
    const html = await (await fetch(`${base}/es/publicaciones?db=down`, { headers: page })).text();
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('<h1>El sitio tiene problemas</h1>');
    expect(html).toContain('Volver a intentarlo');
  });

  it('replaces a body whose length Next had already declared', async () => {
    const response = await fetch(`${base}/?db=down&explicit=1`, { headers: page });
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('The site is having trouble');
  });

  it('keeps the body of the client router’s and API requests, with the 503', async () => {
    const rsc = await fetch(`${base}/publications?db=down`, { headers: { rsc: '1', accept: '*/*' } });
    expect(rsc.status).toBe(503);
    expect(rsc.headers.get('retry-after')).toBe('30');
    expect(await rsc.text()).toContain('__next_error__');
    const api = await fetch(`${base}/feed.xml?db=down`);
    expect(api.status).toBe(503);
  });

  it('leaves other errors as 500, and answers during an outage alone', async () => {
    noteDatabaseOutage(0);
    expect((await fetch(`${base}/publications`, { headers: page })).status).toBe(500);
    noteDatabaseOutage();
    const fine = await fetch(`${base}/?ok=1`, { headers: page });
    expect(fine.status).toBe(200);
    expect(await fine.text()).toBe('fine');
    noteDatabaseOutage(0);
  });

  it('does not change Node’s own ServerResponse for other servers', () => {
    expect(Object.hasOwn(http.ServerResponse.prototype, Symbol.for('psg.outageResponses'))).toBe(false);
  });
});
