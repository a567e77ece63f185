import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { describe, expect, inject, it } from 'vitest';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { firstRow } from '../support/rows';
import { MIGRATIONS_FOLDER, migrateDatabase, pendingMigrations } from '@/db/migrate';

// Two servers started at once (or a deploy's migrate step beside a server) both migrate:
// the second must wait for the first and find nothing left to do, never apply a migration
// twice. Needs a Postgres server: the embedded database has one session for everyone.
const serverUrl = inject('serverUrl');

describe.skipIf(!serverUrl)('migrations started at once', () => {
  it('apply once: every run succeeds, each migration is recorded once, none is pending', { timeout: 120_000 }, async () => {
    const name = `migrate_lock_${randomBytes(4).toString('hex')}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    const url = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
    try {
      const runs = await Promise.allSettled([migrateDatabase(url), migrateDatabase(url), migrateDatabase(url)]);
      expect(runs.map((run) => (run.status === 'rejected' ? String(run.reason) : 'ok'))).toEqual(['ok', 'ok', 'ok']);

      const db = postgres(url, { max: 1, onnotice: () => {} });
      try {
        const { applied } = firstRow(await db<{ applied: number }[]>`select count(*)::int as applied from drizzle.__drizzle_migrations`);
        expect(applied).toBe(readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).length);
        // The lock is given back: nothing is left holding it once the runs are over.
        expect(
          await db`select 1 from pg_locks where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())`,
        ).toHaveLength(0);
      } finally {
        await db.end();
      }
      expect(await pendingMigrations(url)).toEqual([]);
    } finally {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  });
});
