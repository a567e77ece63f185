import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '@/db/embedded';
import { DataFolderLockedError, lockDataFolder } from '@/db/lock';
import { runScript } from '../support/run-script';

const folders: string[] = [];
const tempFolder = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-pglite-'));
  folders.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the embedded database folder lock', () => {
  it('refuses a second process on the same data folder and names the holder', async () => {
    const dataDir = tempFolder();
    const first = await startEmbeddedPostgres({ dataDir });
    try {
      const second = await runScript('migrate', { DATABASE_URL: '', PGLITE_DATA_DIR: dataDir });
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`already open by process ${process.pid}`);
      expect(second.stderr).toContain(dataDir);
      expect(second.stderr).toContain('DATABASE_URL');
    } finally {
      await first.stop();
    }
    // Once released, the folder opens again.
    const third = await runScript('migrate', { DATABASE_URL: '', PGLITE_DATA_DIR: dataDir });
    expect(third.stderr).toBe('');
    expect(third.code).toBe(0);
  });

  it('refuses a second opener in the same process', () => {
    const dir = tempFolder();
    const release = lockDataFolder(dir);
    try {
      expect(() => lockDataFolder(dir)).toThrow(DataFolderLockedError);
    } finally {
      release();
    }
    lockDataFolder(dir)();
  });

  it('takes over a lock left by a process that has died', () => {
    const dir = tempFolder();
    const dead = { pid: 2 ** 22 + 12345, host: os.hostname(), command: 'crashed', since: new Date().toISOString() };
    fs.writeFileSync(path.join(dir, 'psg.lock'), JSON.stringify(dead));
    const release = lockDataFolder(dir);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'psg.lock'), 'utf8')).pid).toBe(process.pid);
    release();
    expect(fs.existsSync(path.join(dir, 'psg.lock'))).toBe(false);
  });
});

describe('starting against an unmigrated DATABASE_URL', () => {
  it('refuses to start and says which command to run', async () => {
    const empty = await startEmbeddedPostgres({ dataDir: null });
    try {
      const result = await runScript('start', { DATABASE_URL: empty.url });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('npm run db:migrate');
      expect(result.stderr).toMatch(/missing \d+ migration/);
    } finally {
      await empty.stop();
    }
  });
});
