// Runs before each test file: gives it its own database and file storage folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, inject } from 'vitest';
import { openTestDatabase } from './database';

const serverUrl = inject('serverUrl');
const template = inject('templateDb');

const database = await openTestDatabase({ serverUrl: serverUrl || undefined, template: template || undefined });
const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-files-'));
process.env.DATABASE_URL = database.url;
process.env.STORAGE_DIR = storageDir;
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
});
