// Prepares a fresh database and file folder, runs Playwright against the production
// build, and cleans up. Postgres when DATABASE_URL is set, else the embedded PGlite, which
// this process serves (db/embedded-server.ts) to the app server and to the specs' fixtures
// alike, so that every spec runs on either database.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb } from '@/db/client';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@/db/embedded';
import { migrateDatabase } from '@/db/migrate';
import { seedDatabase } from '@/db/seed';
import { LocalFileStorage } from '@/lib/storage/local';
import { randomBytes } from 'node:crypto';
import { createTemplateDatabase, dropRunDatabases } from './database';
import { startSmtpSink } from './smtp-sink';
import { startStripeDouble } from '../../stripe-double/server';

async function main(): Promise<number> {
  const serverUrl = process.env.DATABASE_URL;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-e2e-'));
  const storageDir = path.join(work, 'files');
  const sink = await startSmtpSink({ http: true });
  const port = Number(process.env.E2E_PORT ?? 3210);
  const webhookSecret = `whsec_e2e_${randomBytes(12).toString('hex')}`;
  const stripe = await startStripeDouble({
    webhook: `http://localhost:${port}/api/stripe/webhook`,
    webhookSecret,
    retryDelaysMs: [500, 1000, 2000],
  });
  const env: Record<string, string> = {
    STORAGE_DIR: storageDir,
    SMTP_URL: sink.smtpUrl,
    MAIL_SINK_URL: sink.httpUrl!,
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    EMAIL_FROM: 'Peru Support Group <no-reply@psg.test>',
    STRIPE_SECRET_KEY: 'sk_test_e2e',
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    STRIPE_API_BASE: stripe.url,
    STRIPE_DOUBLE_URL: stripe.url,
  };
  let database: string | undefined;
  let embedded: EmbeddedPostgres | undefined;
  try {
    let url: string;
    if (serverUrl) {
      database = await createTemplateDatabase(serverUrl);
      const u = new URL(serverUrl);
      u.pathname = `/${database}`;
      url = u.toString();
    } else {
      embedded = await startEmbeddedPostgres({ dataDir: path.join(work, 'pglite') });
      await migrateDatabase(embedded.url);
      url = embedded.url;
      console.log(`[e2e] embedded database on ${url}`);
    }
    const { db, sql } = createDb(url, 2);
    await seedDatabase(db, new LocalFileStorage(storageDir));
    await sql.end();
    env.DATABASE_URL = url;
    // For the few specs whose set-up differs (a lock is observable only on a server).
    env.E2E_DATABASE = serverUrl ? 'postgres' : 'embedded';
    const args = ['playwright', 'test', ...process.argv.slice(2)];
    const child = spawn('npx', args, { stdio: 'inherit', env: { ...process.env, ...env } });
    return await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  } finally {
    await sink.close();
    await stripe.stop();
    if (serverUrl && database) await dropRunDatabases(serverUrl, database);
    if (embedded) await embedded.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
