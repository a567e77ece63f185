import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { getSql } from '@/db/client';
import { rowCounts, storedFileKeys } from '@/db/queries/backup';
import { getStorage } from '@/lib/storage';
import { seedDemoContent } from '../support/seed';

// The restore drill: seed, back up with `npm run backup`, wipe the database and the
// files, restore with `npm run restore`, and compare every table's row count and every
// file's checksum. Needs a Postgres server (pg_dump/pg_restore); the embedded database is
// backed up by copying .data/.
const serverUrl = inject('serverUrl');

function run(command: 'backup' | 'restore', dir: string) {
  const result = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/run.ts', command, dir], {
    env: { ...process.env },
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

async function fileChecksums(keys?: string[]) {
  const sums: Record<string, string> = {};
  for (const key of keys ?? (await storedFileKeys(getSql()))) {
    const stored = await getStorage().read(key);
    sums[key] = stored
      ? createHash('sha256')
          .update(new Uint8Array(await new Response(stored.stream).arrayBuffer()))
          .digest('hex')
      : 'missing';
  }
  return sums;
}

describe.skipIf(!serverUrl)('backup and restore', () => {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'psg-backup-')), 'backup');

  it('a backup restored into a wiped database and storage gives back every row and every file', { timeout: 120_000 }, async () => {
    await seedDemoContent();
    await getSql()`insert into users (email, name) values ('drill@example.org', 'Rosa Drill')`;
    const before = { rows: await rowCounts(getSql()), files: await fileChecksums() };
    expect(Object.keys(before.files).length).toBeGreaterThan(3);
    expect(before.rows.users).toBeGreaterThan(0);

    const made = run('backup', dir);
    expect(made.output).toContain('backed up to');
    expect(made.status).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.files.map((f: { key: string }) => f.key).sort()).toEqual(Object.keys(before.files).sort());
    expect(manifest.rowCounts).toEqual(before.rows);

    // Everything gone: the tables, the migrations' record, the files.
    await getSql().unsafe('drop schema public cascade; create schema public; drop schema if exists drizzle cascade');
    for (const key of Object.keys(before.files)) await getStorage().delete(key);
    expect(Object.values(await fileChecksums(Object.keys(before.files))).every((sum) => sum === 'missing')).toBe(true);

    const restored = run('restore', dir);
    expect(restored.output).toContain('restored');
    expect(restored.status).toBe(0);
    expect(await rowCounts(getSql())).toEqual(before.rows);
    expect(await fileChecksums()).toEqual(before.files);
    expect(await getSql()`select name from users where email = 'drill@example.org'`).toEqual([{ name: 'Rosa Drill' }]);
  });

  it('refuses a damaged backup before touching anything', { timeout: 60_000 }, async () => {
    const before = await rowCounts(getSql());
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    const victim = path.join(dir, 'files', manifest.files[0].key);
    const bytes = fs.readFileSync(victim);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
    fs.writeFileSync(victim, bytes);
    const refused = run('restore', dir);
    expect(refused.status).not.toBe(0);
    expect(refused.output).toContain('is missing or damaged: nothing was restored');
    expect(await rowCounts(getSql())).toEqual(before);
  });
});
