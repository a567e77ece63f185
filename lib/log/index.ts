// The one logger (lib/log/core.mjs holds the settings and says why): JSON lines on standard
// output, at LOG_LEVEL, with the request id of the request being served (request-id.ts).
// Each area takes a child, so every line says where it comes from:
//   const log = logger.child({ area: 'mail' });
//   log.error({ err: error, mailId }, 'could not send a queued mail');
// Structured fields rather than text pasted into the message: they can be searched
// (`journalctl -u psg-web@3000 -o cat | jq 'select(.area == "mail")'`).
import type { Logger } from 'pino';
import { logEnv } from '@/lib/env';
import { logContext, rootLogger } from './core.mjs';

export type { Logger } from 'pino';

export const logger: Logger = rootLogger(logEnv().LOG_LEVEL);

export type LogArea =
  | 'account'
  | 'admin'
  | 'auth'
  | 'cache'
  | 'content'
  | 'donate'
  | 'embedded'
  | 'forms'
  | 'http'
  | 'jobs'
  | 'join'
  | 'mail'
  | 'payments'
  | 'request'
  | 'server'
  | 'signin'
  | 'storage'
  | 'stripe'
  | 'worker';

/** The logger of one part of the site: its lines carry `area`. */
export function logFor(area: LogArea): Logger {
  return logger.child({ area });
}

/**
 * Runs `fn` with `fields` on every line logged inside it, however deep (a job's name and
 * id, for instance); the request id is set this way for each request (request-id.ts).
 */
export function withLogContext<T>(fields: Readonly<Record<string, string>>, fn: () => T): T {
  return logContext.run({ ...logContext.getStore(), ...fields }, fn);
}
