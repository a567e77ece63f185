import fs from 'node:fs';
import path from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { createDb } from './client';
import { oneRow } from './queries/rows';

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations');

/** Applies every migration in db/migrations that the database has not seen. */
export async function migrateDatabase(url: string): Promise<void> {
  const { db, sql } = createDb(url, 1);
  try {
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await sql.end();
  }
}

/** Names of the migrations the database still lacks (the drizzle migrator's own rule). */
export async function pendingMigrations(url: string): Promise<string[]> {
  const files = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  const { sql } = createDb(url, 1);
  try {
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
  } finally {
    await sql.end();
  }
}

function journalTags(): string[] {
  const raw = fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8');
  return (JSON.parse(raw) as { entries: { tag: string }[] }).entries.map((e) => e.tag);
}
