// What the conformance test needs around the Stripe double: a recording proxy on loopback
// in front of its /v1 API, so the test sees exactly the bytes the SDK receives, and a
// plain client for its control API (DOUBLE-CONTRACT.md), which fails loudly when the
// double lacks an endpoint the contract promises.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import qs from 'qs';

export type Exchange = {
  method: string;
  path: string;
  query: string;
  status: number;
  /** The response body as JSON (undefined when it was not JSON). */
  body: unknown;
  raw: string;
  /** The expand[] paths the request asked for, from its query or its form body. */
  expand: string[];
  idempotencyKey: string | null;
};

export type RecordingProxy = { url: string; port: number; exchanges: Exchange[]; stop: () => Promise<void> };

const HOP_BY_HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'content-encoding']);

function expandOf(params: Record<string, unknown>): string[] {
  return ([] as unknown[]).concat(params.expand ?? []).filter((p): p is string => typeof p === 'string');
}

export async function startRecordingProxy(upstream: string): Promise<RecordingProxy> {
  const exchanges: Exchange[] = [];
  const server = http.createServer(
    (req, res) =>
      void (async () => {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const requestBody = Buffer.concat(chunks).toString('utf8');
        const url = new URL(req.url ?? '/', 'http://proxy');
        const headers = Object.fromEntries(
          Object.entries(req.headers).filter(([name, value]) => !HOP_BY_HOP.has(name) && typeof value === 'string'),
        ) as Record<string, string>;
        const method = req.method ?? 'GET';
        try {
          const response = await fetch(`${upstream}${url.pathname}${url.search}`, {
            method,
            headers,
            body: requestBody || undefined,
            redirect: 'manual',
          });
          const raw = await response.text();
          let body: unknown;
          try {
            body = JSON.parse(raw);
          } catch {
            body = undefined;
          }
          const params = (method === 'GET' || method === 'DELETE' ? qs.parse(url.search.slice(1)) : qs.parse(requestBody)) as Record<
            string,
            unknown
          >;
          exchanges.push({
            method,
            path: url.pathname,
            query: url.search,
            status: response.status,
            body,
            raw,
            expand: expandOf(params),
            idempotencyKey: headers['idempotency-key'] ?? null,
          });
          const back: Record<string, string> = {};
          response.headers.forEach((value, name) => {
            if (!HOP_BY_HOP.has(name)) back[name] = value;
          });
          res.writeHead(response.status, back);
          res.end(raw);
        } catch (error) {
          res.writeHead(502, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { type: 'api_error', message: `recording proxy: ${String(error)}` } }));
        }
      })().catch((error: unknown) => {
        console.error(error);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    exchanges,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export class ControlError extends Error {}

/** POST {double}/_control/<path> with a JSON body, as DOUBLE-CONTRACT.md describes. */
export class ControlApi {
  constructor(private readonly baseUrl: string) {}

  async post<T = Record<string, unknown>>(path: string, body: Record<string, unknown> = {}): Promise<T> {
    const response = await fetch(`${this.baseUrl}/_control/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new ControlError(
        `control API POST /_control/${path} ${JSON.stringify(body)} answered ${response.status}: ${text.slice(0, 300)} (DOUBLE-CONTRACT.md promises this)`,
      );
    }
    return (text ? JSON.parse(text) : {}) as T;
  }
}

/** `/v1/invoices/in_123/lines` -> `/v1/invoices/:id/lines`, so reports group by endpoint. */
export function endpointOf(method: string, path: string): string {
  const segments = path.split('/').map((segment) => (/^[a-z]+_[A-Za-z0-9_]+$/.test(segment) && /[0-9]/.test(segment) ? ':id' : segment));
  return `${method} ${segments.join('/')}`;
}
