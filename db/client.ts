import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { serverEnv } from '@/lib/env';
import * as schema from './schema';

export type Database = PostgresJsDatabase<typeof schema>;

// Created lazily: a client made at module load would open the database during `next build`.
let instance: { db: Database; sql: postgres.Sql } | undefined;

function connect() {
  if (!instance) {
    const env = serverEnv();
    const sql = postgres(env.DATABASE_URL, {
      max: env.DATABASE_POOL_MAX,
      onnotice: () => {},
      connect_timeout: 5,
    });
    instance = { sql, db: drizzle(sql, { schema, casing: 'snake_case' }) };
  }
  return instance;
}

export function getDb(): Database {
  return connect().db;
}

export function getSql(): postgres.Sql {
  return connect().sql;
}

/** For scripts and tests that bring their own connection string. */
export function createDb(url: string, max = 5): { db: Database; sql: postgres.Sql } {
  const sql = postgres(url, { max, onnotice: () => {}, connect_timeout: 5 });
  return { sql, db: drizzle(sql, { schema, casing: 'snake_case' }) };
}

/** Closes the shared pool (tests and scripts that end cleanly). */
export async function closeDb(): Promise<void> {
  const current = instance;
  instance = undefined;
  if (current) await current.sql.end({ timeout: 5 });
}

/** A transaction handle, for query functions that must run inside the caller's transaction. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
