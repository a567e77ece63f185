import { randomUUID } from 'node:crypto';
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { logContext } from './core.mjs';

/** Set by nginx (`$request_id`, deploy/nginx/psg-locations.conf), made here otherwise. */
export const REQUEST_ID_HEADER = 'x-request-id';

// nginx's ids are 32 hex digits, ours UUIDs; a proxy of someone else's may use another
// shape. Only letters, digits and hyphens, and bounded: the id goes into every log line
// and back out in a response header, so it must not carry anything else.
const VALID = /^[A-Za-z0-9-]{8,64}$/;

/** The request's id: the one it came with when that is well-formed, else a new one. */
export function requestIdFrom(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && VALID.test(incoming) ? incoming : randomUUID();
}

/** The id of the request this code runs for, if any. */
export function currentRequestId(): string | undefined {
  return logContext.getStore()?.reqId;
}

const INSTALLED = Symbol.for('psg.requestIds');

/**
 * Gives every incoming HTTP request an id before Next.js sees it: stamped on the request
 * (so `headers()` and onRequestError read it), sent back in the response's X-Request-Id,
 * and entered as the async context of everything that serves it, so every log line it
 * causes carries `reqId`: pages, server actions and route handlers alike. Node publishes
 * `http.server.request.start` synchronously just before the server's 'request' event, in
 * the same synchronous run, so the context entered here is the one Next's handler starts
 * in (the way lib/security/socket-address.ts stamps the peer address). Called from
 * instrumentation.ts.
 */
export function installRequestIds(): void {
  const g = globalThis as { [INSTALLED]?: boolean };
  if (g[INSTALLED]) return;
  g[INSTALLED] = true;
  subscribe('http.server.request.start', (message) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    const reqId = requestIdFrom(request.headers[REQUEST_ID_HEADER]);
    request.headers[REQUEST_ID_HEADER] = reqId;
    if (!response.headersSent) response.setHeader('X-Request-Id', reqId);
    logContext.enterWith({ reqId });
  });
}
