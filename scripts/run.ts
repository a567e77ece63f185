// One entry point for the commands in package.json:
//   tsx scripts/run.ts dev|start|migrate|seed
//   tsx --conditions=react-server scripts/run.ts user:role <email> <member|staff|admin>
// With DATABASE_URL unset, it serves the embedded PGlite database (data in .data/),
// migrates it and seeds it when empty. With DATABASE_URL set it never migrates on its
// own: dev/start refuse an unmigrated database and say what to run.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@/db/embedded';
import { startStripeDouble } from '../stripe-double/server';
import { createDb } from '@/db/client';
import { migrateDatabase, pendingMigrations } from '@/db/migrate';
import { isDatabaseEmpty, seedDatabase } from '@/db/seed';
import { seedScale } from '@/db/seed/scale';
import { getStorage } from '@/lib/storage';

const command = process.argv[2];
const commands = ['dev', 'start', 'migrate', 'seed', 'seed:scale', 'user:role', 'stripe:reconcile', 'worker', 'backup', 'restore'] as const;
type Command = (typeof commands)[number];

function log(message: string) {
  console.log(`[psg] ${message}`);
}

async function seed(url: string, onlyIfEmpty: boolean) {
  const { db, sql } = createDb(url, 2);
  try {
    if (onlyIfEmpty && !(await isDatabaseEmpty(db))) return;
    const report = await seedDatabase(db, getStorage());
    log(`seeded: ${JSON.stringify(report)}`);
  } finally {
    await sql.end();
  }
}

async function seedAtScale(url: string) {
  await seed(url, true);
  const { sql } = createDb(url, 1);
  try {
    const started = Date.now();
    const made = await seedScale(sql);
    log(
      made ? `scale data made in ${((Date.now() - started) / 1000).toFixed(0)} s: ${JSON.stringify(made)}` : 'scale data already present',
    );
  } finally {
    await sql.end();
  }
}

async function refuseIfUnmigrated(url: string) {
  const pending = await pendingMigrations(url);
  if (pending.length) {
    console.error(
      `[psg] The database at DATABASE_URL is missing ${pending.length} migration(s): ${pending.join(', ')}.\n` +
        `[psg] Run "npm run db:migrate" against it first; the server never migrates a DATABASE_URL on its own.`,
    );
    process.exit(1);
  }
}

async function setRole(args: string[]) {
  const [email, role] = args;
  if (!email || !role || !['member', 'staff', 'admin'].includes(role)) {
    console.error('usage: npm run user:role -- someone@example.org <member|staff|admin>');
    process.exit(2);
  }
  // Imported here: the module is server-only (this command runs with the react-server condition).
  const { setRole } = await import('@/lib/auth/set-role');
  const result = await setRole({ actorUserId: null, email, role: role as 'member' | 'staff' | 'admin', via: 'command line' });
  if (!result.ok) {
    console.error(
      result.error === 'lastAdmin'
        ? `[psg] ${email} is the last admin: make someone else admin first.`
        : `[psg] No account uses ${email}. The person must sign in once first.`,
    );
    process.exitCode = 1;
    return;
  }
  log(`${email} is now ${role}`);
}

/**
 * npm run worker: the job queue on its own (set JOBS=external on the web servers then).
 * It logs as the web servers do (lib/log: JSON lines on standard output, `area: worker`,
 * each job's lines with its name), since it runs under systemd beside them.
 */
async function runWorker(stopEmbedded: () => Promise<void>) {
  const workerLog = (await import('@/lib/log')).logFor('worker');
  const { startNewsletterWorker } = await import('@/lib/jobs/newsletter');
  const { stopBoss } = await import('@/lib/jobs/boss');
  // First, so the queue client starts with its scheduler (lib/jobs/boss.ts).
  await (await import('@/lib/jobs/scheduled')).startScheduledTasksWorker();
  await startNewsletterWorker({ concurrency: (await import('@/lib/env')).jobsEnv().WORKER_CONCURRENCY });
  await (await import('@/lib/jobs/member-import')).startMemberImportWorker();
  workerLog.info({ jobs: ['scheduled-tasks', 'newsletter-send', 'member-import'], node: process.version }, 'worker running');
  const { serverEnv } = await import('@/lib/env');
  const { mailDeliveriesSettled } = await import('@/lib/mail/outbox');
  let stopping = false;
  // The current job ends after the batch or mail in hand (lib/jobs/boss.ts jobsStopping);
  // one still running at the timeout is failed back to the queue, which retries it.
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    const timeoutMs = serverEnv().SHUTDOWN_TIMEOUT_SECONDS * 1000;
    const started = Date.now();
    let code = 0;
    workerLog.info({ timeoutMs }, 'stopping: finishing the job in hand');
    await stopBoss(timeoutMs).catch((error: unknown) => ((code = 1), workerLog.error({ err: error }, 'failed while stopping the worker')));
    await mailDeliveriesSettled();
    await stopEmbedded();
    workerLog.info({ ms: Date.now() - started, code }, 'worker stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  await new Promise(() => {});
}

async function reconcile() {
  const { reconcileFromStripe } = await import('@/lib/payments/reconcile');
  const { deliverQueuedMails } = await import('@/lib/mail/outbox');
  const report = await reconcileFromStripe();
  const mails = await deliverQueuedMails(500);
  log(`reconciled with Stripe: ${JSON.stringify(report)}; mails ${JSON.stringify(mails)}`);
}

// Auth.js signs sessions with AUTH_SECRET. On this machine's own data (the embedded
// database) one is made once and kept in .data/; a DATABASE_URL deployment must set it.
function ensureAuthSecret(cmd: Command, embedded: boolean) {
  if (process.env.AUTH_SECRET) return;
  if (cmd === 'start' && !embedded) {
    console.error('[psg] AUTH_SECRET is not set. Generate one (openssl rand -base64 32) and set it before starting.');
    process.exit(1);
  }
  const file = path.join(process.cwd(), '.data', 'auth-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  process.env.AUTH_SECRET = fs.readFileSync(file, 'utf8').trim();
}

/**
 * Payments by configuration: real Stripe keys are used as given. Without a key, `dev` and
 * a start on the embedded database run the project's Stripe double (the site shows a
 * "payments are simulated" banner); a production start on a DATABASE_URL refuses,
 * unless PAYMENTS=off says payments are deliberately switched off.
 */
async function configurePayments(cmd: Command, embedded: boolean): Promise<() => Promise<void>> {
  const none = async () => {};
  if (process.env.PAYMENTS === 'off' || process.env.STRIPE_SECRET_KEY) return none;
  if (cmd === 'start' && !embedded) {
    console.error(
      '[psg] Payments are on but STRIPE_SECRET_KEY is not set. Set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET, or PAYMENTS=off to run without payments.',
    );
    process.exit(1);
  }
  const port = Number(process.env.PORT ?? 3000);
  process.env.STRIPE_WEBHOOK_SECRET ??= `whsec_double_${randomBytes(16).toString('hex')}`;
  const double = await startStripeDouble({
    webhook: `http://localhost:${port}/api/stripe/webhook`,
    webhookSecret: process.env.STRIPE_WEBHOOK_SECRET,
  });
  process.env.STRIPE_SECRET_KEY = 'sk_test_stripe_double';
  process.env.STRIPE_API_BASE = double.url;
  log(`payments are simulated: the Stripe double runs on ${double.url}`);
  return double.stop;
}

/**
 * next.config.ts decides on Strict-Transport-Security when the build runs, from SITE_URL:
 * an https site started from a build made without it would silently go without HSTS.
 */
function refuseBuildWithoutHsts(site: string) {
  const manifest = path.join(process.cwd(), '.next', 'routes-manifest.json');
  if (!site.startsWith('https://') || !fs.existsSync(manifest)) return;
  if (fs.readFileSync(manifest, 'utf8').includes('Strict-Transport-Security')) return;
  console.error(
    `[psg] SITE_URL is ${site}, but this build was made without an https SITE_URL, so it sends no Strict-Transport-Security.\n[psg] Run "SITE_URL=${site} npm run build" and start again.`,
  );
  process.exit(1);
}

/** npm run backup -- <folder> / npm run restore -- <folder> (lib/backup/). */
async function backupOrRestore(cmd: 'backup' | 'restore', url: string, args: string[]) {
  const dir = args[0] ?? (cmd === 'backup' ? path.join('backups', new Date().toISOString().replace(/[:.]/g, '-')) : undefined);
  if (!dir) {
    console.error('usage: npm run restore -- <backup folder>   (the site stopped first)');
    process.exit(2);
  }
  const { createDb } = await import('@/db/client');
  if (cmd === 'backup') {
    const { sql } = createDb(url, 1);
    try {
      const manifest = await (await import('@/lib/backup/backup')).backup({ databaseUrl: url, sql, storage: getStorage(), dir });
      log(
        `backed up to ${dir}: the database (${manifest.database.bytes} bytes) and ${manifest.files.length} file(s), checksums in manifest.json`,
      );
    } finally {
      await sql.end();
    }
  } else {
    const manifest = await (await import('@/lib/backup/restore')).restore({ databaseUrl: url, storage: getStorage(), dir });
    log(`restored ${dir} (made ${manifest.createdAt}): the database and ${manifest.files.length} file(s)`);
  }
}

async function main(cmd: Command) {
  if ((cmd === 'backup' || cmd === 'restore') && !process.env.DATABASE_URL) {
    console.error(
      `[psg] npm run ${cmd} works on a Postgres server (DATABASE_URL), with pg_dump/pg_restore. The embedded database is the .data/ folder: stop the site and copy it.`,
    );
    process.exit(2);
  }
  let embedded: EmbeddedPostgres | undefined;
  if (!process.env.DATABASE_URL) {
    embedded = await startEmbeddedPostgres({ dataDir: process.env.PGLITE_DATA_DIR || undefined });
    process.env.DATABASE_URL = embedded.url;
    // The app keeps its usual pool: db/embedded-server.ts gives each connection its turn on
    // PGlite's one session, a whole exchange or transaction at a time.
    log(`embedded database (PGlite in ${process.env.PGLITE_DATA_DIR || '.data/pglite'}) on ${embedded.url}`);
    await migrateDatabase(embedded.url);
  }
  const url = process.env.DATABASE_URL;
  const stopEmbedded = async () => {
    if (embedded) await embedded.stop().catch(() => {});
    embedded = undefined;
  };

  // One-off commands run, close the database and return; dev/start go on to serve.
  try {
    if (cmd === 'migrate') {
      if (!embedded) await migrateDatabase(url);
      log('migrations applied');
    } else {
      // A restore may go into an empty database: the dump brings the schema.
      if (!embedded && cmd !== 'restore') await refuseIfUnmigrated(url);
      if (cmd === 'seed') await seed(url, false);
      else if (cmd === 'seed:scale') await seedAtScale(url);
      else if (cmd === 'user:role') await setRole(process.argv.slice(3));
      else if (cmd === 'stripe:reconcile') await reconcile();
      else if (cmd === 'worker') return await runWorker(stopEmbedded);
      else if (cmd === 'backup' || cmd === 'restore') await backupOrRestore(cmd, url, process.argv.slice(3));
      else if (embedded) await seed(url, true);
    }
  } catch (error) {
    await stopEmbedded();
    throw error;
  }
  if (
    cmd === 'migrate' ||
    cmd === 'seed' ||
    cmd === 'seed:scale' ||
    cmd === 'user:role' ||
    cmd === 'stripe:reconcile' ||
    cmd === 'backup' ||
    cmd === 'restore'
  ) {
    const { closeDb } = await import('@/db/client');
    await closeDb();
    await stopEmbedded();
    return;
  }

  // The standalone server works in .next/standalone: a relative folder must mean this one.
  process.env.STORAGE_DIR = path.resolve(process.env.STORAGE_DIR || path.join('.data', 'files'));
  // Links in mails and Stripe's return URLs use SITE_URL; locally, follow the port.
  process.env.SITE_URL ??= `http://localhost:${process.env.PORT ?? 3000}`;
  if (cmd === 'start') refuseBuildWithoutHsts(process.env.SITE_URL);
  ensureAuthSecret(cmd, Boolean(embedded));
  const stopDouble = await configurePayments(cmd, Boolean(embedded));
  process.env.AUTH_TRUST_HOST ??= 'true';
  // Several instances on one Postgres hear of each other's cache invalidations
  // (lib/cache/page-cache-handler.mjs); the embedded database has only ever one instance.
  process.env.PAGE_CACHE_SYNC ??= embedded ? 'off' : 'postgres';
  if (cmd === 'start' && !process.env.SMTP_URL) {
    console.warn('[psg] SMTP_URL is not set: mails (sign-in links included) are printed to this console, not sent.');
  }
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  // The server handles SIGTERM itself (instrumentation.ts): requests and the current job
  // finish first. `next dev` keeps Next's own handling.
  if (cmd === 'start') process.env.NEXT_MANUAL_SIG_HANDLE = 'true';
  const child = spawn(process.execPath, serverCommand(cmd, process.argv.slice(3)), { stdio: 'inherit', env: process.env });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code, signal) => {
    void (async () => {
      await stopDouble().catch((error: unknown) => console.error('[psg] stopping the Stripe double', error));
      await stopEmbedded().catch((error: unknown) => console.error('[psg] closing the embedded database', error));
      process.exit(code ?? (signal ? 1 : 0));
    })();
  });
}

/**
 * `dev` is Next's development server. `start` is the standalone server of the build
 * (.next/standalone/server.js, what production runs: it is the one the tests exercise),
 * which takes its port from PORT: a `-p N` given to `npm start` is turned into that.
 */
function serverCommand(cmd: Command, args: string[]): string[] {
  const standalone = path.join(process.cwd(), '.next', 'standalone', 'server.js');
  if (cmd !== 'start' || !fs.existsSync(standalone)) return ['node_modules/next/dist/bin/next', cmd, ...args];
  const port = args.findIndex((arg) => arg === '-p' || arg === '--port');
  if (port >= 0 && args[port + 1]) process.env.PORT = args[port + 1];
  // The standalone server binds HOSTNAME, which shells often set to the machine's name.
  process.env.HOSTNAME = process.env.LISTEN_HOST ?? '::';
  return [standalone];
}

if (!commands.includes(command as Command)) {
  console.error(`usage: tsx scripts/run.ts ${commands.join('|')}`);
  process.exit(2);
}
main(command as Command).then(
  () => {
    if (command !== 'dev' && command !== 'start') process.exit(process.exitCode ?? 0);
  },
  async (error: unknown) => {
    // The worker runs under systemd beside the web servers: its end is a log line like theirs.
    const workerLog =
      command === 'worker'
        ? await import('@/lib/log').then(
            (m) => m.logFor('worker'),
            () => null,
          )
        : null;
    if (workerLog) workerLog.fatal({ err: error }, 'the worker failed');
    else console.error(`[psg] ${error instanceof Error ? (process.env.DEBUG ? error.stack : error.message) : String(error)}`);
    process.exit(1);
  },
);
