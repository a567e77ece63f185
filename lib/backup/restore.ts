import fs from 'node:fs';
import path from 'node:path';
import type { FileStorage } from '@/lib/storage';
import { runPgTool } from './backup';
import { MANIFEST, sha256Of, type Manifest } from './manifest';

// npm run restore: checks every checksum of the backup first (a damaged backup wipes
// nothing), then replaces the database's contents with the dump and puts each file back
// through the configured storage driver. Run it with the site stopped.

export async function verifyBackup(dir: string): Promise<Manifest> {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as Manifest;
  if (manifest.version !== 1) throw new Error(`unknown backup version ${String(manifest.version)}`);
  const entries = [manifest.database, ...manifest.files.map((f) => ({ ...f, file: path.join('files', f.key) }))];
  for (const entry of entries) {
    const actual = await sha256Of(path.join(dir, entry.file)).catch(() => null);
    if (!actual || actual.sha256 !== entry.sha256 || actual.bytes !== entry.bytes)
      throw new Error(`${entry.file} is missing or damaged: nothing was restored`);
  }
  return manifest;
}

export async function restore(opts: { databaseUrl: string; storage: FileStorage; dir: string }): Promise<Manifest> {
  const manifest = await verifyBackup(opts.dir);
  await runPgTool('pg_restore', [
    '--clean',
    '--if-exists',
    '--no-owner',
    '--no-privileges',
    '--single-transaction',
    `--dbname=${opts.databaseUrl}`,
    path.join(opts.dir, manifest.database.file),
  ]);
  // Streamed, one file at a time: a 50 MB PDF never sits in memory whole.
  for (const file of manifest.files) {
    const writer = await opts.storage.createWriter(file.key);
    try {
      for await (const chunk of fs.createReadStream(path.join(opts.dir, 'files', file.key)) as AsyncIterable<Buffer>) {
        await writer.write(new Uint8Array(chunk));
      }
      await writer.commit();
    } catch (error) {
      await writer.abort();
      throw error;
    }
  }
  return manifest;
}
