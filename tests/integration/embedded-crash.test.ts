// The embedded database's data folder after a crash: a process writing to it is killed
// with SIGKILL mid-write (no shutdown, no flush), and the folder must open again with every
// row whose commit had been answered.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '@/db/embedded';
import { firstRow } from '../support/rows';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-crash-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('the embedded database killed mid-write', () => {
  it('opens again with every committed row', { timeout: 120_000 }, async () => {
    // One process (node with tsx loaded), so that SIGKILL reaches the one holding the database.
    const writer = spawn(process.execPath, ['--import', 'tsx', 'tests/support/embedded-writer.ts', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let committed = 0;
    let stderr = '';
    writer.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => writer.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the writer committed ${committed} rows in 90 s\n${stderr}`)), 90_000);
      writer.stdout.on('data', (d: Buffer) => {
        for (const line of d.toString().split('\n')) {
          const m = /^committed (\d+)$/.exec(line);
          if (m) committed = Math.max(committed, Number(m[1]));
        }
        if (committed >= 200) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    // Killed while it goes on writing.
    writer.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // Opened again (the dead process's lock is stale and taken over).
    const reopened = await startEmbeddedPostgres({ dataDir });
    const sql = postgres(reopened.url, { max: 1, onnotice: () => {} });
    try {
      const { count, max } = firstRow(
        await sql<{ count: number; max: number }[]>`select count(*)::int as count, coalesce(max(n), 0)::int as max from crash_rows`,
      );
      expect(max).toBeGreaterThanOrEqual(committed);
      // No gaps: every answered commit is there.
      expect(count).toBe(max);
      // And it takes writes again.
      await sql`insert into crash_rows values (${max + 1}, 'after the crash')`;
    } finally {
      await sql.end();
      await reopened.stop();
    }
  });
});
