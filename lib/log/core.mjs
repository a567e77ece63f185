// The logger's core, in plain JavaScript because Next loads lib/cache/page-cache-handler.mjs
// uncompiled and it logs too; everything else imports lib/log/index.ts, which adds the
// validated LOG_LEVEL and the types.
//
// One pino logger per process, writing one JSON object per line to standard output (the
// units' output goes to the journal in production: deploy/). No transport: pino's
// transports run in worker threads that load their files at run time, which Next's
// standalone file tracing does not see; a plain synchronous write to fd 1 is all we need.
//
// Secrets are kept out three ways: `redact` censors known keys (headers, passwords,
// tokens, card fields, the configuration's secrets) wherever they sit in a logged object;
// errors are serialised field by field (never the request, response or headers a library
// hangs on them); and each finished line is scrubbed of the shapes a secret has when it
// hides in a message or a stack (a session cookie, a Bearer token, a Stripe key, a signed
// link's token, a password in a URL).
import { AsyncLocalStorage } from 'node:async_hooks';
import pino from 'pino';

// On globalThis: instrumentation, each route's bundle and this file loaded by Next itself
// are separate module instances, and they must share one logger and one request context.
const GLOBAL = Symbol.for('psg.log');
/** @type {{ logger?: import('pino').Logger, context?: AsyncLocalStorage<Readonly<Record<string, string>>> }} */
const shared = (globalThis[GLOBAL] ??= {});

/**
 * Fields every line logged in this async context carries: `reqId` for the request being
 * served (set at the HTTP server, lib/log/request-id.ts), `job` and `jobId` for a job.
 */
export const logContext = (shared.context ??= new AsyncLocalStorage());

export const CENSOR = '[redacted]';

// Keys whose values are never written. Matched exactly (pino's paths are case-sensitive):
// Node and fetch give header names in lower case; the capitalised forms are for objects
// built by hand.
export const SECRET_KEYS = [
  'authorization',
  'Authorization',
  'proxy-authorization',
  'cookie',
  'Cookie',
  'set-cookie',
  'Set-Cookie',
  'stripe-signature',
  'x-api-key',
  'password',
  'pass',
  'secret',
  'token',
  'accessToken',
  'refreshToken',
  'sessionToken',
  'session_token',
  'access_token',
  'refresh_token',
  'client_secret',
  'clientSecret',
  'apiKey',
  'api_key',
  'card',
  'cardNumber',
  'card_number',
  'cvc',
  'cvv',
  'AUTH_SECRET',
  'NEXT_SERVER_ACTIONS_ENCRYPTION_KEY',
  'STRIPE_SECRET_KEY',
  'STRIPE_WEBHOOK_SECRET',
  'S3_SECRET_ACCESS_KEY',
  'SMTP_URL',
  'DATABASE_URL',
];

const segment = (key) => (/^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`);
const join = (prefix, key) => (segment(key).startsWith('[') ? `${prefix}${segment(key)}` : `${prefix}.${key}`);

// At the top of a line's object and up to three levels down (`headers.cookie`,
// `req.headers.cookie`, `event.data.card`): @pinojs/redact paths are explicit.
export const REDACT_PATHS = SECRET_KEYS.flatMap((key) => [segment(key), join('*', key), join('*.*', key), join('*.*.*', key)]);

// What a secret looks like inside a string: a message, a stack, a URL.
const SCRUBS = [
  // Auth.js cookies, with or without their __Secure-/__Host- prefixes.
  [/((?:__Secure-|__Host-)?(?:authjs|next-auth)\.(?:session-token|csrf-token|callback-url)(?:\.\d+)?=)[^;,\s"\\]+/g, `$1${CENSOR}`],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${CENSOR}`],
  [/\b((?:sk|rk)_(?:test|live)_)[A-Za-z0-9_]+/g, `$1${CENSOR}`],
  [/\b(whsec_)[A-Za-z0-9_]+/g, `$1${CENSOR}`],
  // Sign-in links (token=), signed links (s=: unsubscribe, Gift Aid declarations), and the like.
  [/([?&](?:s|code|key)=)[^&\s"\\#]{8,}/gi, `$1${CENSOR}`],
  [/(\b(?:token|sig|signature|secret|password)=)[^&\s"\\#;,]{8,}/gi, `$1${CENSOR}`],
  // A password in a URL: postgres://user:password@host, smtp://user:pass@host.
  [/(\/\/[^\s/:@"\\]+:)[^\s/@"\\]+@/g, `$1${CENSOR}@`],
];

/** Removes secrets' shapes from a finished line (also used on anything printed beside the logger). */
export function scrub(text) {
  let out = text;
  for (const [pattern, replacement] of SCRUBS) out = out.replace(pattern, replacement);
  return out;
}

// Scalar fields of errors worth keeping: Node's system errors, Postgres's SQLSTATE, HTTP
// statuses, Next's digest. Anything else an error carries (postgres.js's query parameters,
// Stripe's raw response and headers, the AWS SDK's $response) stays out.
const ERROR_FIELDS = ['code', 'digest', 'errno', 'syscall', 'statusCode', 'status', 'severity', 'type'];

/** An error as a plain object: type, message, stack, a few scalar fields, its cause. */
export function serializeError(error, depth = 0) {
  if (!(error instanceof Error)) {
    return { type: typeof error, message: typeof error === 'string' ? error : safeString(error) };
  }
  const out = { type: error.constructor?.name ?? error.name, message: error.message, stack: error.stack };
  for (const field of ERROR_FIELDS) {
    const value = error[field];
    if (typeof value === 'string' || typeof value === 'number') out[field === 'type' ? 'errorType' : field] = value;
  }
  if (depth < 3 && error.cause !== undefined) out.cause = serializeError(error.cause, depth + 1);
  if (depth < 3 && error instanceof AggregateError) out.errors = error.errors.slice(0, 5).map((e) => serializeError(e, depth + 1));
  return out;
}

function safeString(value) {
  try {
    return String(value);
  } catch {
    return '[unprintable]';
  }
}

/**
 * A logger with the project's settings. `destination` is for tests; by default, standard
 * output, written synchronously: a line is out before the call returns, so none is lost
 * when the process exits right after (graceful shutdown, a crash) and the lines keep their
 * order with anything else the process prints.
 */
export function createLogger({ level = 'info', destination } = {}) {
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // The level by name: readable in the journal and in `jq`.
      formatters: { level: (label) => ({ level: label }) },
      messageKey: 'msg',
      errorKey: 'err',
      serializers: { err: serializeError, error: serializeError, cause: serializeError },
      redact: { paths: REDACT_PATHS, censor: CENSOR },
      // Every line logged while a request or a job runs names it (a field given explicitly
      // wins). A copy: pino merges the line's fields into what this returns.
      mixin: () => ({ ...logContext.getStore() }),
      hooks: { streamWrite: scrub },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/**
 * The process's logger, made on first use. lib/log/index.ts calls it first with LOG_LEVEL
 * (instrumentation and the worker import it before anything logs); the page cache handler
 * calls it without a level and gets that same logger.
 */
export function rootLogger(level) {
  if (!shared.logger) shared.logger = createLogger({ level: level ?? 'info' });
  else if (level && shared.logger.level !== level) shared.logger.level = level;
  return shared.logger;
}
