// Test databases. With DATABASE_URL (a Postgres server), a migrated template database is
// made once per run and each test file gets a copy (CREATE DATABASE ... TEMPLATE).
// Without it, each test file gets an in-memory PGlite served on loopback.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { startEmbeddedPostgres } from '@/db/embedded';
import { migrateDatabase } from '@/db/migrate';

export const TEST_DB_MARKER = '_test_';

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function baseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres';
}

const suffix = () => randomBytes(4).toString('hex');

async function admin<T>(serverUrl: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
}

/** Creates and migrates the run's template database; returns its name. */
export async function createTemplateDatabase(serverUrl: string): Promise<string> {
  const name = `${baseName(serverUrl)}${TEST_DB_MARKER}${suffix()}`;
  await admin(serverUrl, (sql) => sql.unsafe(`create database "${name}"`));
  await migrateDatabase(withDatabase(serverUrl, name));
  return name;
}

export async function copyDatabase(serverUrl: string, template: string): Promise<string> {
  const name = `${template}_${suffix()}`;
  // A template cannot be copied while anything else is connected to it; retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin(serverUrl, (sql) => sql.unsafe(`create database "${name}" template "${template}"`));
      return withDatabase(serverUrl, name);
    } catch (error) {
      if (attempt > 20) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await admin(serverUrl, (sql) => sql.unsafe(`drop database if exists "${name}" with (force)`));
}

/** Drops every database this run created (names start with the template's). */
export async function dropRunDatabases(serverUrl: string, template: string): Promise<void> {
  const names = await admin(
    serverUrl,
    (sql) => sql<{ datname: string }[]>`select datname from pg_database where datname = ${template} or datname like ${template + '\\_%'}`,
  );
  for (const { datname } of names) await dropDatabase(serverUrl, datname);
}

export type TestDatabase = { url: string; close: () => Promise<void> };

/** A fresh, migrated database for one test file (or one e2e run). */
export async function openTestDatabase(opts: { serverUrl?: string; template?: string }): Promise<TestDatabase> {
  if (opts.serverUrl) {
    const template = opts.template ?? (await createTemplateDatabase(opts.serverUrl));
    const url = await copyDatabase(opts.serverUrl, template);
    return {
      url,
      close: async () => {
        await dropDatabase(opts.serverUrl!, baseName(url));
        if (!opts.template) await dropDatabase(opts.serverUrl!, template);
      },
    };
  }
  const embedded = await startEmbeddedPostgres({ dataDir: null });
  await migrateDatabase(embedded.url);
  return { url: embedded.url, close: embedded.stop };
}
