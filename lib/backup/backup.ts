import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type postgres from 'postgres';
import { rowCounts, storedFileKeys } from '@/db/queries/backup';
import type { FileStorage } from '@/lib/storage';
import { MANIFEST, sha256Of, type Manifest } from './manifest';

// npm run backup: the database with pg_dump (custom format: pg_restore can restore it
// whole or in part, into a newer server) and the files the database refers to, read
// through the configured storage driver (a folder or a bucket alike).

/** Runs a client program of PostgreSQL, failing with what it printed. */
export function runPgTool(tool: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (error) => reject(new Error(`${tool} could not run (${error.message}): install PostgreSQL's client programs`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${tool} failed (${code}): ${stderr.trim()}`))));
  });
}

export async function backup(opts: { databaseUrl: string; sql: postgres.Sql; storage: FileStorage; dir: string }): Promise<Manifest> {
  if (fs.existsSync(opts.dir) && fs.readdirSync(opts.dir).length)
    throw new Error(`${opts.dir} is not empty: a backup goes into a folder of its own`);
  fs.mkdirSync(path.join(opts.dir, 'files'), { recursive: true });
  const dump = path.join(opts.dir, 'db.dump');
  await runPgTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${dump}`, opts.databaseUrl]);
  // Counted after the dump: a row written in between is in neither, so the counts match
  // what a restore gives (pg_dump reads one snapshot; a busy site may differ by those rows).
  const counts = await rowCounts(opts.sql);
  const files: Manifest['files'] = [];
  for (const key of await storedFileKeys(opts.sql)) {
    const stored = await opts.storage.read(key);
    if (!stored) throw new Error(`the file ${key} is in the database but not in storage`);
    const target = path.join(opts.dir, 'files', key);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    await pipeline(Readable.fromWeb(stored.stream as import('node:stream/web').ReadableStream), fs.createWriteStream(target));
    files.push({ key, ...(await sha256Of(target)) });
  }
  const manifest: Manifest = {
    version: 1,
    createdAt: new Date().toISOString(),
    database: { file: 'db.dump', ...(await sha256Of(dump)) },
    files,
    rowCounts: counts,
  };
  fs.writeFileSync(path.join(opts.dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
