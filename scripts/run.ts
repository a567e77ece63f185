// One entry point for the commands in package.json:
//   tsx scripts/run.ts dev|start|migrate|seed
// With DATABASE_URL unset, it serves the embedded PGlite database (data in .data/),
// migrates it and seeds it when empty. With DATABASE_URL set it never migrates on its
// own: dev/start refuse an unmigrated database and say what to run.
import { spawn } from 'node:child_process';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@/db/embedded';
import { createDb } from '@/db/client';
import { migrateDatabase, pendingMigrations } from '@/db/migrate';
import { isDatabaseEmpty, seedDatabase } from '@/db/seed';
import { getStorage } from '@/lib/storage';

const command = process.argv[2];
const commands = ['dev', 'start', 'migrate', 'seed'] as const;
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

async function main(cmd: Command) {
  let embedded: EmbeddedPostgres | undefined;
  if (!process.env.DATABASE_URL) {
    embedded = await startEmbeddedPostgres({ dataDir: process.env.PGLITE_DATA_DIR || undefined });
    process.env.DATABASE_URL = embedded.url;
    // PGlite runs one statement at a time; statements from several client connections can
    // interleave mid-protocol, so the app gets a single (pipelined) connection.
    process.env.DATABASE_POOL_MAX ??= '1';
    log(`embedded database (PGlite in ${process.env.PGLITE_DATA_DIR || '.data/pglite'}) on ${embedded.url}`);
    await migrateDatabase(embedded.url);
  }
  const url = process.env.DATABASE_URL;
  const stopEmbedded = async () => {
    if (embedded) await embedded.stop().catch(() => {});
    embedded = undefined;
  };

  try {
    if (cmd === 'migrate') {
      if (!embedded) await migrateDatabase(url);
      log('migrations applied');
      return;
    }
    if (!embedded) await refuseIfUnmigrated(url);
    if (cmd === 'seed') return await seed(url, false);
    if (embedded) await seed(url, true);
  } catch (error) {
    await stopEmbedded();
    throw error;
  }

  process.env.NEXT_TELEMETRY_DISABLED = '1';
  const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', cmd, ...process.argv.slice(3)], {
    stdio: 'inherit',
    env: process.env,
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', async (code, signal) => {
    await stopEmbedded();
    process.exit(code ?? (signal ? 1 : 0));
  });
}

if (!commands.includes(command as Command)) {
  console.error(`usage: tsx scripts/run.ts ${commands.join('|')}`);
  process.exit(2);
}
main(command as Command).then(
  () => {
    if (command === 'migrate' || command === 'seed') process.exit(0);
  },
  (error: unknown) => {
    console.error(`[psg] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
