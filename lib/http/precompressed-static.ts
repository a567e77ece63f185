import { subscribe } from 'node:diagnostics_channel';
import fs from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { isHttps, securityHeaders, staticPolicy } from './csp';

// Issue #16: a phone downloads every page's scripts before it can be used, and Next only
// ever gzips them. Next 16's own runtime (React DOM and the router) is 130 KiB gzipped
// before any code of ours, which is the budget for a whole page. Brotli at its highest
// level makes the same files about 17% smaller, and every browser since 2017 takes it.
//
// So the build's scripts and styles (/_next/static/..., named by their content, never
// changed in place) are compressed once, when first asked for, off the main thread and one
// at a time (the highest level takes about 25 MB while it works: never several at once),
// and kept in memory (about 240 KiB for the whole build); a browser that accepts br gets
// them from here with the headers Next would send. The request that found a file not yet
// compressed gets Next's gzip, so nothing waits. Anything else, and every request before a
// file is ready, goes to Next as before. Next creates the HTTP server (`next start`), so
// this puts itself in front of Next's request handler the first time it sees the server,
// through the channel Node publishes each request on (as socket-address.ts does).

const brotli = promisify(zlib.brotliCompress);
const STATIC_PREFIX = '/_next/static/';
const TYPES: Record<string, string> = { '.js': 'application/javascript; charset=UTF-8', '.css': 'text/css; charset=UTF-8' };
const MAX_BYTES = 5 * 1024 * 1024;

type Entry = { body: Buffer; type: string } | 'pending' | 'none';

/** Accept-Encoding names br with a weight above zero. */
export function acceptsBrotli(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value.split(',').some((part) => {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    if (coding.trim() !== 'br') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  });
}

export function createPrecompressedStatic(staticDir: string, headers: { key: string; value: string }[]) {
  const cache = new Map<string, Entry>();
  const root = path.resolve(staticDir);

  let queue: Promise<unknown> = Promise.resolve();

  async function compress(file: string, type: string) {
    try {
      const source = await fs.readFile(file);
      if (source.length > MAX_BYTES) return cache.set(file, 'none');
      const body = await brotli(source, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
          [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: source.length,
        },
      });
      cache.set(file, { body, type });
    } catch {
      // Not a file of the build (a mistyped or old chunk): Next answers it, a 404.
      cache.set(file, 'none');
    }
  }

  /** Resolves once every file asked for so far is compressed. */
  const settled = () => queue.then(() => undefined);

  /** Answers the request when it can (true); otherwise leaves it to Next (false). */
  function serve(request: IncomingMessage, response: ServerResponse): boolean {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const url = request.url ?? '';
    if (!url.startsWith(STATIC_PREFIX) || url.includes('?')) return false;
    const type = TYPES[path.extname(url)];
    if (!type || !acceptsBrotli(request.headers['accept-encoding'])) return false;
    let relative: string;
    try {
      relative = decodeURIComponent(url.slice(STATIC_PREFIX.length));
    } catch {
      return false;
    }
    const file = path.resolve(root, relative);
    if (!file.startsWith(root + path.sep)) return false;
    const entry = cache.get(file);
    if (entry === undefined) {
      cache.set(file, 'pending');
      queue = queue.then(() => compress(file, type));
      return false;
    }
    if (entry === 'pending' || entry === 'none') return false;
    for (const { key, value } of headers) response.setHeader(key, value);
    response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    response.setHeader('Content-Type', entry.type);
    response.setHeader('Content-Encoding', 'br');
    response.setHeader('Vary', 'Accept-Encoding');
    response.setHeader('Content-Length', entry.body.length);
    response.statusCode = 200;
    response.end(request.method === 'HEAD' ? undefined : entry.body);
    return true;
  }

  return { serve, settled };
}

let installed = false;

/** Called from instrumentation.ts in the production server. */
export function installPrecompressedStatic(distDir = path.join(process.cwd(), '.next')): void {
  if (installed) return;
  installed = true;
  const https = isHttps(process.env.SITE_URL);
  const { serve } = createPrecompressedStatic(path.join(distDir, 'static'), [
    ...securityHeaders(https),
    { key: 'Content-Security-Policy', value: staticPolicy(https) },
  ]);
  const fronted = new WeakSet<Server>();
  subscribe('http.server.request.start', (message) => {
    const { server } = message as { server: Server };
    if (fronted.has(server)) return;
    fronted.add(server);
    // This request is already on its way to Next's handler; the following ones come here first.
    const handlers = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
    server.removeAllListeners('request');
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      if (serve(request, response)) return;
      for (const handler of handlers) handler.call(server, request, response);
    });
  });
}
