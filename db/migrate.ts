import fs from 'node:fs';
import path from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import type postgres from 'postgres';
import { createDb } from './client';
import { oneRow } from './queries/rows';

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations');

// Any fixed 64-bit number, the same in every version of the site: the lock every
// migration run takes, so that two servers (or a deploy step and a server) started at
// once never apply the same migration twice. Drizzle's migrator takes no lock itself: two
// runs at once both see a migration as missing and both apply it (the second fails half
// way, "relation already exists"). The number spells "psg migr" in ASCII.
export const MIGRATION_LOCK_KEY = 0x7073_6720_6d69_6772n;

/**
 * Applies every migration in db/migrations that the database has not seen, under a
 * session advisory lock: a second run waits for the first, then finds nothing to do.
 */
export async function migrateDatabase(url: string): Promise<void> {
  const { db, sql } = createDb(url, 1);
  try {
    // One connection (the pool's only one) holds the lock and runs the migrator, so the
    // lock is on the session that migrates; it goes with the connection if the process dies.
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY.toString()}::bigint)`;
    try {
      await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY.toString()}::bigint)`;
    }
  } finally {
    await sql.end();
  }
}

/** Names of the migrations the database still lacks (the drizzle migrator's own rule). */
export async function pendingMigrations(url: string): Promise<string[]> {
  const { sql } = createDb(url, 1);
  try {
    return await pendingMigrationsOn(sql);
  } finally {
    await sql.end();
  }
}

/** The same, over a connection already open (the readiness check uses the app's pool). */
export async function pendingMigrationsOn(sql: postgres.Sql): Promise<string[]> {
  const files = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  const { exists } = oneRow(
    await sql<{ exists: boolean }[]>`
      select to_regclass('drizzle.__drizzle_migrations') is not null as exists`,
    'the migrations table check',
  );
  let last = 0;
  if (exists) {
    const rows = await sql<{ created_at: string }[]>`
        select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`;
    last = rows[0] ? Number(rows[0].created_at) : 0;
  }
  const tags = journalTags();
  return files.flatMap((m, i) => (m.folderMillis > last ? [tags[i] ?? String(m.folderMillis)] : []));
}

function journalTags(): string[] {
  const raw = fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8');
  return (JSON.parse(raw) as { entries: { tag: string }[] }).entries.map((e) => e.tag);
}
