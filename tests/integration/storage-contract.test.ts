// One set of promises, kept by both storage drivers: the local folder and an S3-compatible
// bucket (a real S3 server started here on loopback, tests/support/s3-server.ts). Each
// driver is chosen as the site chooses it, by STORAGE_DRIVER and its settings, and the
// uploads go through the site's own upload path (storePdfUpload), size caps included.
// Then what only a network store can do: fail part-way, be full, be unreachable or hang.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FileStorage } from '@/lib/storage';
import { S3FileStorage, type S3Timeouts } from '@/lib/storage/s3';
import { closedPort, startSilentServer, startTestS3, type TestS3 } from '../support/s3-server';

const MB = 1024 * 1024;
const CHUNK = 64 * 1024;

/** `bytes` of a PDF by its content ("%PDF-"), different for every seed. */
function pdfBytes(bytes: number, seed: number): Buffer {
  const body = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i += 4096) body.writeUInt32LE((seed * 2654435761 + i) >>> 0, Math.min(i, bytes - 4));
  body.write('%PDF-1.7\n');
  return body;
}
/** As a request's file part arrives: in small chunks. */
const asUpload = (body: Buffer) =>
  Readable.from(
    (function* () {
      for (let at = 0; at < body.length; at += CHUNK) yield body.subarray(at, at + CHUNK);
    })(),
  );
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
async function readAll(storage: FileStorage, key: string): Promise<{ bytes: Buffer; size: number } | null> {
  const file = await storage.read(key);
  if (!file) return null;
  return { bytes: Buffer.from(await new Response(file.stream).arrayBuffer()), size: file.size };
}

type Harness = {
  /** The configuration that chooses this driver. */
  env: Record<string, string>;
  /** Everything the store holds: files or objects, and unfinished uploads or temp files. */
  contents(): Promise<string[]>;
  stop(): Promise<void>;
};

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

async function localHarness(): Promise<Harness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-contract-'));
  return {
    env: { STORAGE_DRIVER: 'local', STORAGE_DIR: dir },
    contents: async () => walk(dir),
    stop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

async function listBucket(s3: TestS3): Promise<string[]> {
  const client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: s3.credentials });
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, ContinuationToken: token }));
    keys.push(...(page.Contents ?? []).map((o) => o.Key ?? ''));
    token = page.NextContinuationToken;
  } while (token);
  client.destroy();
  return keys.sort();
}

let s3: TestS3;
async function s3Harness(): Promise<Harness> {
  s3 = await startTestS3();
  return {
    env: {
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: s3.bucket,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: s3.credentials.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
      S3_KEY_PREFIX: 'site/',
    },
    contents: async () => [...(await listBucket(s3)), ...s3.openUploads().map((id) => `unfinished upload ${id}`)],
    stop: () => s3.stop(),
  };
}

const CONFIG_KEYS = [
  'STORAGE_DRIVER',
  'STORAGE_DIR',
  'S3_ENDPOINT',
  'S3_BUCKET',
  'S3_REGION',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
  'S3_KEY_PREFIX',
];
const savedConfig = Object.fromEntries(CONFIG_KEYS.map((k) => [k, process.env[k]]));

/** The storage modules as a fresh process would load them under this configuration. */
async function loadWith(env: Record<string, string>) {
  for (const key of CONFIG_KEYS) delete process.env[key];
  Object.assign(process.env, env);
  vi.resetModules();
  const storage = await import('@/lib/storage');
  const upload = await import('@/lib/storage/upload');
  return {
    storage: storage.getStorage(),
    newStorageKey: storage.newStorageKey,
    storageFault: storage.storageFault,
    storePdfUpload: upload.storePdfUpload,
  };
}
afterAll(() => {
  for (const key of CONFIG_KEYS) {
    if (savedConfig[key] === undefined) delete process.env[key];
    else process.env[key] = savedConfig[key];
  }
  vi.resetModules();
});

describe.each([
  { driver: 'local', harness: localHarness },
  { driver: 's3', harness: s3Harness },
])('$driver storage', ({ driver, harness }) => {
  let h: Harness;
  let m: Awaited<ReturnType<typeof loadWith>>;
  beforeAll(async () => {
    h = await harness();
    m = await loadWith(h.env);
  });
  afterAll(async () => {
    await h.stop();
  });

  it('is the driver STORAGE_DRIVER names, and check() says it is ready', async () => {
    expect(m.storage.constructor.name).toBe(driver === 's3' ? 'S3FileStorage' : 'LocalFileStorage');
    await expect(m.storage.check()).resolves.toBeUndefined();
  });

  it('streams a 12 MB upload in, readable only once committed, and back out byte for byte', async () => {
    const body = pdfBytes(12 * MB + 123, 1);
    const key = m.newStorageKey('publications', 'pdf');
    const writer = await m.storage.createWriter(key);
    for (let at = 0; at < body.length; at += CHUNK) {
      await writer.write(body.subarray(at, at + CHUNK));
      // Past a multipart part on S3, past the first flushes on disk: still nothing to read.
      if (at === 8 * MB) expect(await m.storage.read(key)).toBeNull();
    }
    await writer.commit();
    const back = await readAll(m.storage, key);
    expect(back?.size).toBe(body.length);
    expect(Number.isInteger(back?.size)).toBe(true);
    expect(sha(back!.bytes)).toBe(sha(body));
    expect((await h.contents()).filter((f) => f.includes('unfinished') || f.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps a small file put in one go (a draft) and reads it back', async () => {
    const key = m.newStorageKey('drafts', 'json');
    const body = new TextEncoder().encode(JSON.stringify({ title: 'Minería y derechos — informe' }));
    await m.storage.put(key, body);
    const back = await readAll(m.storage, key);
    expect(back?.size).toBe(body.byteLength);
    expect(back?.bytes.toString('utf8')).toBe(new TextDecoder().decode(body));
    // Under its key in the folder, or under S3_KEY_PREFIX + key in the bucket.
    expect(await h.contents()).toContain(driver === 's3' ? `site/${key}` : key);
  });

  it('stores an uploaded PDF through the upload path, with its integer size', async () => {
    const body = pdfBytes(6 * MB + 7, 2);
    const stored = await m.storePdfUpload('newsletters', asUpload(body));
    expect(stored).toEqual({ ok: true, storageKey: expect.stringMatching(/^newsletters\//), byteSize: body.length });
    if (!stored.ok) return;
    expect(sha((await readAll(m.storage, stored.storageKey))!.bytes)).toBe(sha(body));
  });

  it('refuses an upload over the size cap as tooLarge, and leaves nothing behind', async () => {
    const before = await h.contents();
    // 7 MB cap: on S3 one 5 MB part has been sent when the cap is crossed.
    const stored = await m.storePdfUpload('publications', asUpload(pdfBytes(12 * MB, 3)), 7 * MB);
    expect(stored).toEqual({ ok: false, error: 'tooLarge' });
    expect(await h.contents()).toEqual(before);
  });

  it('refuses a file that is not a PDF, and leaves nothing behind', async () => {
    const before = await h.contents();
    const stored = await m.storePdfUpload('publications', asUpload(Buffer.alloc(2 * MB, 'x')));
    expect(stored).toEqual({ ok: false, error: 'notPdf' });
    expect(await h.contents()).toEqual(before);
  });

  it('drops an upload aborted part-way (a request cut off), leaving nothing under any name', async () => {
    const before = await h.contents();
    const key = m.newStorageKey('publications', 'pdf');
    const writer = await m.storage.createWriter(key);
    const body = pdfBytes(11 * MB, 4);
    for (let at = 0; at < body.length; at += CHUNK) await writer.write(body.subarray(at, at + CHUNK));
    await writer.abort();
    await writer.abort(); // safe twice
    expect(await m.storage.read(key)).toBeNull();
    expect(await h.contents()).toEqual(before);
  });

  it('deletes a file; deleting a missing one is no error', async () => {
    const key = m.newStorageKey('newsletters', 'pdf');
    await m.storage.put(key, pdfBytes(1000, 5));
    await m.storage.delete(key);
    expect(await m.storage.read(key)).toBeNull();
    await expect(m.storage.delete(key)).resolves.toBeUndefined();
    await expect(m.storage.delete(m.newStorageKey('newsletters', 'pdf'))).resolves.toBeUndefined();
  });

  it('reads a missing key, or one that is not ours, as nothing, and refuses to write the latter', async () => {
    expect(await m.storage.read(m.newStorageKey('publications', 'pdf'))).toBeNull();
    for (const key of [
      '../etc/passwd',
      'publications/../../x.pdf',
      '/publications/x.pdf',
      'other/0f0f0f0f-0000-4000-8000-000000000000.pdf',
    ]) {
      expect(await m.storage.read(key)).toBeNull();
      await expect(m.storage.put(key, new Uint8Array(1))).rejects.toThrow(/Invalid storage key/);
      await expect(m.storage.createWriter(key)).rejects.toThrow(/Invalid storage key/);
    }
  });

  it('takes six uploads of different files at once, each keeping its own bytes', async () => {
    const bodies = Array.from({ length: 6 }, (_, i) => pdfBytes(6 * MB + i * 1000, 10 + i));
    const stored = await Promise.all(bodies.map((body) => m.storePdfUpload('publications', asUpload(body))));
    for (const [i, result] of stored.entries()) {
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      expect(result.byteSize).toBe(bodies[i]!.length);
      expect(sha((await readAll(m.storage, result.storageKey))!.bytes)).toBe(sha(bodies[i]!));
    }
    expect(new Set(stored.map((s) => s.ok && s.storageKey)).size).toBe(6);
  });
});

describe('local storage check()', () => {
  it('rejects when the folder cannot be made or written', async () => {
    const { LocalFileStorage } = await import('@/lib/storage/local');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'psg-check-')), 'a-file');
    fs.writeFileSync(file, '');
    // A folder "inside" a plain file: ENOTDIR, as with a volume that is not mounted right.
    await expect(new LocalFileStorage(path.join(file, 'files')).check()).rejects.toThrow();
  });
});

// Short enough for a test, the same mechanisms as production's (lib/storage/s3.ts).
const FAST: S3Timeouts = { connectMs: 500, requestMs: 1_000, idleMs: 1_000, attempts: 2, checkMs: 1_500 };

describe('s3 storage when the store fails', () => {
  let m: Awaited<ReturnType<typeof loadWith>>;
  let h: Harness;
  beforeAll(async () => {
    h = await s3Harness();
    m = await loadWith(h.env);
  });
  afterAll(async () => {
    await h.stop();
  });

  it('a part refused mid-upload: storageFailed, the multipart upload aborted, nothing kept', async () => {
    const before = await h.contents();
    s3.failWhen((r) => r.method === 'PUT' && r.query.get('partNumber') === '2');
    try {
      const stored = await m.storePdfUpload('publications', asUpload(pdfBytes(12 * MB, 20)));
      expect(stored).toEqual({ ok: false, error: 'storageFailed' });
    } finally {
      s3.clearFaults();
    }
    expect(await h.contents()).toEqual(before);
    // And the same upload works once the store is well again.
    expect((await m.storePdfUpload('publications', asUpload(pdfBytes(12 * MB, 20)))).ok).toBe(true);
  });

  it('a full quota (Ceph RGW answers QuotaExceeded) is storageFull, for a small file and a large one', async () => {
    const before = await h.contents();
    s3.failWhen((r) => r.method === 'PUT', { status: 403, code: 'QuotaExceeded' });
    try {
      expect(await m.storePdfUpload('newsletters', asUpload(pdfBytes(MB, 21)))).toEqual({ ok: false, error: 'storageFull' });
      expect(await m.storePdfUpload('newsletters', asUpload(pdfBytes(11 * MB, 22)))).toEqual({ ok: false, error: 'storageFull' });
    } finally {
      s3.clearFaults();
    }
    expect(await h.contents()).toEqual(before);
  });

  it('check() rejects when the bucket is gone or the store refuses', async () => {
    s3.failWhen((r) => r.method === 'HEAD', { status: 403, code: 'AccessDenied' });
    try {
      await expect(m.storage.check()).rejects.toThrow();
    } finally {
      s3.clearFaults();
    }
    const other = new S3FileStorage(
      { endpoint: s3.endpoint, region: 'us-east-1', bucket: 'no-such-bucket', credentials: s3.credentials, prefix: '' },
      FAST,
    );
    await expect(other.check()).rejects.toThrow();
    // A download from a bucket that is gone is an error, not "no such file".
    await expect(other.read(m.newStorageKey('publications', 'pdf'))).rejects.toThrow(/bucket/i);
  });

  it('an unreachable store (connection refused): the upload is refused as storageFailed, reads and check() fail, in seconds', async () => {
    const env = { ...h.env, S3_ENDPOINT: `http://127.0.0.1:${await closedPort()}` };
    const down = await loadWith(env);
    const started = Date.now();
    expect(await down.storePdfUpload('publications', asUpload(pdfBytes(7 * MB, 23)))).toEqual({ ok: false, error: 'storageFailed' });
    expect(await down.storePdfUpload('publications', asUpload(pdfBytes(MB, 24)))).toEqual({ ok: false, error: 'storageFailed' });
    await expect(down.storage.read(down.newStorageKey('publications', 'pdf'))).rejects.toThrow();
    await expect(down.storage.check()).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(15_000);
    m = await loadWith(h.env);
  });

  it('a store that takes connections and never answers: every operation fails within its timeouts, no hang', async () => {
    const silent = await startSilentServer();
    try {
      const hung = new S3FileStorage(
        { endpoint: silent.endpoint, region: 'us-east-1', bucket: 'psg-test', credentials: s3.credentials, prefix: '' },
        FAST,
      );
      const key = m.newStorageKey('publications', 'pdf');
      const timed = async (work: () => Promise<unknown>) => {
        const started = Date.now();
        const error = await work().then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(Error);
        expect(m.storageFault(error)).toBe('storageFailed');
        return Date.now() - started;
      };
      // attempts × requestMs, plus the SDK's back-off between them.
      expect(await timed(() => hung.put(key, pdfBytes(1000, 25)))).toBeLessThan(6_000);
      expect(await timed(() => hung.read(key))).toBeLessThan(6_000);
      expect(await timed(() => hung.check())).toBeLessThan(3_000);
      const writer = await hung.createWriter(key);
      expect(
        await timed(async () => {
          const body = pdfBytes(6 * MB, 26);
          for (let at = 0; at < body.length; at += CHUNK) await writer.write(body.subarray(at, at + CHUNK));
          await writer.commit();
        }),
      ).toBeLessThan(8_000);
      await writer.abort().catch(() => {}); // the abort cannot reach the store either
    } finally {
      await silent.stop();
    }
  });
});
