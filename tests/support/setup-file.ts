// Runs before each test file: gives it its own database and file storage folder, or with
// TEST_STORAGE_DRIVER=s3 its own bucket on a real S3 server started for the file
// (tests/support/s3-server.ts), so the storage tests can be run against either driver.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, inject } from 'vitest';
import { openTestDatabase } from './database';
import { startTestS3 } from './s3-server';

const serverUrl = inject('serverUrl');
const template = inject('templateDb');

const database = await openTestDatabase({ serverUrl: serverUrl || undefined, template: template || undefined });
const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-files-'));
process.env.DATABASE_URL = database.url;
process.env.STORAGE_DIR = storageDir;
const s3 = process.env.TEST_STORAGE_DRIVER === 's3' ? await startTestS3() : null;
if (s3) {
  Object.assign(process.env, {
    STORAGE_DRIVER: 's3',
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: s3.bucket,
    S3_ACCESS_KEY_ID: s3.credentials.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
    S3_KEY_PREFIX: 'test/',
  });
  (globalThis as { __psgTestS3?: typeof s3 }).__psgTestS3 = s3;
}
process.env.DATABASE_POOL_MAX = '5';
process.env.AUTH_SECRET = 'test-secret-for-vitest-only-0123456789';
process.env.SITE_URL = 'http://localhost:3000';
// What next.config's experimental.authInterrupts sets, so forbidden() works under vitest.
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = 'true';

afterAll(async () => {
  // Mails and other after() work a test started must finish before their database goes.
  await (globalThis as { __psgDrainAfterTasks?: () => Promise<void> }).__psgDrainAfterTasks?.();
  await (await import('@/lib/mail/outbox')).mailDeliveriesSettled();
  const { closeDb } = await import('@/db/client');
  await closeDb();
  await database.close();
  fs.rmSync(storageDir, { recursive: true, force: true });
  await s3?.stop();
});
