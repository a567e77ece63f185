// Prepares a fresh database and file folder, runs Playwright against the production
// build, and cleans up. Postgres when DATABASE_URL is set, else the embedded PGlite, which
// this process serves (db/embedded-server.ts) to the app server and to the specs' fixtures
// alike, so that every spec runs on either database.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { createDb } from '@/db/client';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@/db/embedded';
import { migrateDatabase } from '@/db/migrate';
import { seedDatabase } from '@/db/seed';
import { scheduledJobsTokenFor } from '@/lib/jobs/token';
import { LocalFileStorage } from '@/lib/storage/local';
import { randomBytes } from 'node:crypto';
import { createTemplateDatabase, dropRunDatabases } from './database';
import { describeScan, scanFailed, scanLogDir, type Secret } from './log-scan';
import { startSmtpSink, type ReceivedMail } from './smtp-sink';
import { startStripeDouble } from '../../stripe-double/server';

// Every server of the run writes its output here (playwright.config.ts's web server, and
// the specs' own servers through e2e/support/server-log.ts); it is scanned for secrets
// once the run is over, and kept as an artefact.
const LOG_DIR = path.resolve('test-results', 'server-logs');

/** The secret values this run used, to be found in no log. */
async function runSecrets(env: Record<string, string>, sql: postgres.Sql, mails: ReceivedMail[]): Promise<Secret[]> {
  const secrets: Secret[] = [
    { name: 'AUTH_SECRET', value: env.AUTH_SECRET! },
    { name: 'STRIPE_SECRET_KEY', value: env.STRIPE_SECRET_KEY! },
    { name: 'STRIPE_WEBHOOK_SECRET', value: env.STRIPE_WEBHOOK_SECRET! },
    // The bearer token of the scheduled tasks' requests.
    { name: 'the scheduled tasks token', value: scheduledJobsTokenFor(env.AUTH_SECRET!) },
  ];
  // The build's server actions key (NEXT_SERVER_ACTIONS_ENCRYPTION_KEY when set at build time).
  const manifest = path.join('.next', 'server', 'server-reference-manifest.json');
  if (fs.existsSync(manifest)) {
    const key = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { encryptionKey?: string }).encryptionKey;
    if (key) secrets.push({ name: 'the server actions encryption key', value: key });
  }
  for (const row of await sql<{ sessionToken: string }[]>`select session_token as "sessionToken" from sessions`) {
    secrets.push({ name: 'a session token of the run', value: row.sessionToken });
  }
  // Sign-in links' tokens and signed links' signatures, as mailed.
  for (const mail of mails) {
    for (const match of `${mail.text}\n${mail.html}`.matchAll(/[?&](?:amp;)?(token|s)=([^&\s"'<>]+)/g)) {
      secrets.push({
        name: match[1] === 'token' ? 'a mailed sign-in token' : 'a mailed link signature',
        value: decodeURIComponent(match[2]!),
      });
    }
  }
  return secrets;
}

async function main(): Promise<number> {
  const serverUrl = process.env.DATABASE_URL;
  fs.rmSync(LOG_DIR, { recursive: true, force: true });
  fs.mkdirSync(LOG_DIR, { recursive: true });
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
    E2E_LOG_DIR: LOG_DIR,
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
    const code = await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
    if (code !== 0) console.log(`[e2e] the servers' output is in ${path.relative(process.cwd(), LOG_DIR)}/`);

    // After the run, whatever its outcome: no secret of the run in any server's output.
    const scanSql = postgres(url, { max: 1, onnotice: () => {} });
    const secrets = await runSecrets(env, scanSql, sink.mails).finally(() => scanSql.end());
    const scan = scanLogDir(LOG_DIR, secrets);
    for (const line of describeScan(scan)) console.log(`[e2e] ${line}`);
    if (scanFailed(scan)) {
      console.error('[e2e] FAILED: the servers logged secrets, or nothing to scan (see above; lib/log/ redacts them)');
      return code || 1;
    }
    return code;
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
