import type { IncomingMessage, ServerResponse } from 'node:http';
import troubleEn from '@/messages/trouble.en.json';
import troubleEs from '@/messages/trouble.es.json';

// When the database is down, a request that fails because of it answers 503 with
// Retry-After, so browsers, crawlers, uptime checks and load balancers know to come back,
// and a person reading it gets a page saying so in their language (JavaScript or not).
//
// Next.js gives a page no way to choose its status once rendering has failed (it always
// sends 500, and an empty error shell until JavaScript runs), so this works one level
// down: instrumentation.ts notes a database outage when a request fails with one
// (onRequestError, called before the response goes out), and a hook on Node's
// ServerResponse turns that request's 500 into the 503. Every route handler and page is
// covered without each having to catch.

export const RETRY_AFTER_SECONDS = 30;
// A 500 this soon after a request failed on the database is taken to be that failure.
const OUTAGE_WINDOW_MS = 5_000;

// Errors of the connection, not of the query: the server is unreachable, went away, is
// starting or shutting down, or is out of connections.
const NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);
const POSTGRES_JS_CODES = new Set(['CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED']);
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** True when the error (or what caused it: Drizzle wraps the driver's) says the database is unreachable. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const code = (error as { code?: unknown }).code;
  if (
    typeof code === 'string' &&
    (NODE_CODES.has(code) || POSTGRES_JS_CODES.has(code) || SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))
  )
    return true;
  if (error instanceof AggregateError && error.errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true;
  return isDatabaseUnavailable((error as { cause?: unknown }).cause, depth + 1);
}

// On globalThis: instrumentation, pages and route handlers are separate bundles.
const STATE = Symbol.for('psg.databaseOutage');
const state = () => ((globalThis as { [STATE]?: { at: number } })[STATE] ??= { at: 0 });

export function noteDatabaseOutage(now = Date.now()): void {
  state().at = now;
}

export function databaseOutageIsRecent(now = Date.now()): boolean {
  return now - state().at < OUTAGE_WINDOW_MS;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The whole page a visitor gets during an outage: no scripts, no database, both languages' texts from messages/trouble.*.json. */
export function troubleDocument(locale: 'en' | 'es'): string {
  const t = (locale === 'es' ? troubleEs : troubleEn).trouble;
  const home = locale === 'es' ? '/es' : '/';
  return `<!DOCTYPE html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(t.title)} · ${escapeHtml(t.siteName)}</title>
<style>body{margin:0;font-family:system-ui,sans-serif;color:#1f2937;background:#faf7f2;line-height:1.5}main{max-width:40rem;margin:0 auto;padding:4rem 1.5rem}h1{font-family:Georgia,serif;font-size:1.9rem;margin:0 0 1rem}a{color:#9f1d20;font-weight:600;margin-right:1.5rem}a:focus{outline:3px solid #1f2937;outline-offset:2px}</style>
</head>
<body>
<main>
<h1>${escapeHtml(t.title)}</h1>
<p>${escapeHtml(t.text)}</p>
<p><a href="">${escapeHtml(t.retry)}</a><a href="${home}">${escapeHtml(t.home)}</a></p>
</main>
</body>
</html>
`;
}

const localeOf = (req: IncomingMessage | undefined) => (/^\/es(\/|\?|$)/.test(req?.url ?? '') ? 'es' : 'en');

// A browser loading a page (not the client router's RSC fetch, not a server action, not an API client).
function wantsDocument(req: IncomingMessage | undefined): boolean {
  if (!req || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
  if (req.headers['rsc'] || req.headers['next-action'] || req.headers['next-router-state-tree']) return false;
  return String(req.headers.accept ?? '').includes('text/html');
}

const INSTALLED = Symbol.for('psg.outageResponses');
const DIVERTED = Symbol('psg.outageDocument');
type Response = ServerResponse & { [DIVERTED]?: boolean };
type Callback = (error?: Error | null) => void;
const callbackIn = (args: unknown[]) => args.find((a): a is Callback => typeof a === 'function');

/**
 * Installs the 500 → 503 hook on ServerResponse (once per process). The decision is made
 * just before the response's head goes out; a browser's page request then gets
 * troubleDocument() instead of Next's empty error shell.
 */
export function answerDatabaseOutagesWith503(ResponseClass: { prototype: ServerResponse }): void {
  const proto = ResponseClass.prototype as Response & { [INSTALLED]?: boolean };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const { writeHead, write, end } = proto;

  function divert(res: Response): void {
    if (res.headersSent || res.statusCode !== 500 || !databaseOutageIsRecent()) return;
    res.statusCode = 503;
    res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    res.setHeader('Cache-Control', 'no-store');
    if (wantsDocument(res.req)) {
      res[DIVERTED] = true;
      res.removeHeader('Content-Length');
      res.removeHeader('Content-Encoding');
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
    }
  }

  proto.writeHead = function (this: Response, statusCode: number, ...args: unknown[]) {
    if (statusCode === 500 && !this.headersSent) {
      this.statusCode = 500;
      divert(this);
      statusCode = this.statusCode;
      // Headers given to writeHead itself would describe Next's body, not ours.
      if (this[DIVERTED]) args = args.filter((a) => typeof a !== 'object' || a === null || Array.isArray(a));
    }
    return (writeHead as (...a: unknown[]) => ServerResponse).call(this, statusCode, ...args);
  } as typeof proto.writeHead;

  proto.write = function (this: Response, chunk: unknown, ...args: unknown[]) {
    divert(this);
    if (!this[DIVERTED]) return (write as (...a: unknown[]) => boolean).call(this, chunk, ...args);
    const callback = callbackIn(args);
    if (callback) process.nextTick(callback);
    return true;
  } as typeof proto.write;

  proto.end = function (this: Response, ...args: unknown[]) {
    divert(this);
    if (!this[DIVERTED]) return (end as (...a: unknown[]) => ServerResponse).call(this, ...args);
    this[DIVERTED] = false;
    return (end as (...a: unknown[]) => ServerResponse).call(this, troubleDocument(localeOf(this.req)), callbackIn(args));
  } as typeof proto.end;
}
