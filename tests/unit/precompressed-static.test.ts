import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsBrotli, createPrecompressedStatic } from '@/lib/http/precompressed-static';

// The build's scripts go out in brotli to browsers that take it (issue #16); anything
// else, and anything outside the build's static folder, is left to Next.

function response() {
  const headers: Record<string, string | number> = {};
  let body: Buffer | undefined;
  const res = {
    statusCode: 0,
    setHeader: (key: string, value: string | number) => void (headers[key.toLowerCase()] = value),
    end: (chunk?: Buffer) => void (body = chunk),
  };
  return { res: res as unknown as ServerResponse, headers, body: () => body, status: () => res.statusCode };
}

const request = (url: string, encoding = 'gzip, deflate, br', method = 'GET') =>
  ({ url, method, headers: { 'accept-encoding': encoding } }) as unknown as IncomingMessage;

describe('precompressed static files', () => {
  it('reads Accept-Encoding as browsers send it', () => {
    expect(acceptsBrotli('gzip, deflate, br, zstd')).toBe(true);
    expect(acceptsBrotli('br;q=0.5')).toBe(true);
    expect(acceptsBrotli('gzip, br;q=0')).toBe(false);
    expect(acceptsBrotli('gzip')).toBe(false);
    expect(acceptsBrotli(undefined)).toBe(false);
  });

  it('serves a script in brotli once compressed (after its first request), with the headers Next sends, and leaves the rest to Next', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-static-'));
    fs.mkdirSync(path.join(dir, 'static', 'chunks'), { recursive: true });
    const script = `console.log(${JSON.stringify('x'.repeat(5000))});`;
    fs.writeFileSync(path.join(dir, 'static', 'chunks', 'a.js'), script);
    fs.writeFileSync(path.join(dir, 'secret.js'), 'secret');
    const { serve, settled } = createPrecompressedStatic(path.join(dir, 'static'), [{ key: 'X-Content-Type-Options', value: 'nosniff' }]);
    // The first request finds it not yet compressed: Next answers that one (gzip).
    expect(serve(request('/_next/static/chunks/a.js'), response().res)).toBe(false);
    await settled();

    const ok = response();
    expect(serve(request('/_next/static/chunks/a.js'), ok.res)).toBe(true);
    expect(ok.status()).toBe(200);
    expect(ok.headers).toMatchObject({
      'content-encoding': 'br',
      'content-type': 'application/javascript; charset=UTF-8',
      vary: 'Accept-Encoding',
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
    });
    expect(brotliDecompressSync(ok.body()!).toString()).toBe(script);
    expect(ok.headers['content-length']).toBe(ok.body()!.length);

    const head = response();
    expect(serve(request('/_next/static/chunks/a.js', 'br', 'HEAD'), head.res)).toBe(true);
    expect(head.body()).toBeUndefined();

    for (const [url, encoding] of <[string, string][]>[
      ['/_next/static/chunks/a.js', 'gzip'],
      ['/_next/static/chunks/a.js?v=1', 'br'],
      ['/_next/static/../secret.js', 'br'],
      ['/_next/static/%2e%2e/secret.js', 'br'],
      ['/_next/static/chunks/missing.js', 'br'],
      ['/_next/static/media/font.woff2', 'br'],
      ['/publications', 'br'],
    ]) {
      expect(serve(request(url, encoding), response().res), url).toBe(false);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
