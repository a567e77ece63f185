// The S3 driver's settings are checked like every other setting (lib/env): a mistake stops
// the server with a message naming the variable, rather than failing on the first upload.
// And a store's errors become the two refusals a staff member can be told about.
import { afterEach, describe, expect, it, vi } from 'vitest';

const KEYS = ['S3_ENDPOINT', 'S3_REGION', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_KEY_PREFIX'];
const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
afterEach(() => {
  for (const k of KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

async function s3ConfigWith(env: Record<string, string>) {
  for (const k of KEYS) delete process.env[k];
  Object.assign(process.env, env);
  vi.resetModules();
  const { s3Env } = await import('@/lib/env');
  return s3Env;
}

describe('S3 storage settings', () => {
  it('needs only a bucket; AWS, us-east-1, no prefix and the SDK credentials otherwise', async () => {
    const s3Env = await s3ConfigWith({ S3_BUCKET: 'psg-files' });
    expect(s3Env()).toEqual({ S3_REGION: 'us-east-1', S3_BUCKET: 'psg-files', S3_KEY_PREFIX: '' });
  });

  it('takes a full set', async () => {
    const s3Env = await s3ConfigWith({
      S3_ENDPOINT: 'https://s3.example.org:7480',
      S3_REGION: 'eu-west-2',
      S3_BUCKET: 'psg.files-2026',
      S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
      S3_SECRET_ACCESS_KEY: 'secret/with+chars',
      S3_KEY_PREFIX: 'sites/psg/',
    });
    expect(s3Env()).toMatchObject({ S3_ENDPOINT: 'https://s3.example.org:7480', S3_KEY_PREFIX: 'sites/psg/' });
  });

  it.each([
    ['no bucket', {}, 'S3_BUCKET'],
    ['a bucket name S3 refuses', { S3_BUCKET: 'PSG_Files' }, 'S3_BUCKET'],
    ['an endpoint that is not http(s)', { S3_BUCKET: 'psg', S3_ENDPOINT: 'ftp://s3.example.org' }, 'S3_ENDPOINT'],
    ['a key without its secret', { S3_BUCKET: 'psg', S3_ACCESS_KEY_ID: 'AKIAEXAMPLE' }, 'S3_SECRET_ACCESS_KEY'],
    ['a prefix not ending in /', { S3_BUCKET: 'psg', S3_KEY_PREFIX: 'psg' }, 'S3_KEY_PREFIX'],
    ['a prefix climbing out', { S3_BUCKET: 'psg', S3_KEY_PREFIX: '../' }, 'S3_KEY_PREFIX'],
    ['a region with spaces', { S3_BUCKET: 'psg', S3_REGION: 'eu west' }, 'S3_REGION'],
  ])('refuses %s, naming the variable', async (_, env, variable) => {
    const s3Env = await s3ConfigWith(env as Record<string, string>);
    expect(() => s3Env()).toThrow(new RegExp(`Invalid S3 storage configuration:[\\s\\S]*${variable}`));
  });
});

describe('storageFault', () => {
  it('says storageFull for a full disk or a full store, storageFailed for anything else', async () => {
    const { storageFault } = await import('@/lib/storage');
    const s3Error = (name: string, status: number) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
    expect(storageFault(Object.assign(new Error('full'), { code: 'ENOSPC' }))).toBe('storageFull');
    expect(storageFault(Object.assign(new Error('quota'), { code: 'EDQUOT' }))).toBe('storageFull');
    expect(storageFault(s3Error('QuotaExceeded', 403))).toBe('storageFull');
    expect(storageFault(s3Error('XMinioStorageFull', 507))).toBe('storageFull');
    expect(storageFault(s3Error('SomethingElse', 507))).toBe('storageFull');
    expect(storageFault(s3Error('AccessDenied', 403))).toBe('storageFailed');
    expect(storageFault(s3Error('InternalError', 500))).toBe('storageFailed');
    expect(storageFault(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBe('storageFailed');
    expect(storageFault(null)).toBe('storageFailed');
  });
});
