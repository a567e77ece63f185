import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Appends a server's output to `<name>.log` in the run's log folder (E2E_LOG_DIR, set by
 * tests/support/run-e2e.ts), which is scanned for secrets once the run is over, like the
 * main server's. Start the server with stdout and stderr piped.
 */
export function recordServerOutput(child: ChildProcess, name: string): void {
  const dir = process.env.E2E_LOG_DIR;
  if (!dir) throw new Error('E2E_LOG_DIR is not set: run the browser tests through tests/support/run-e2e.ts');
  const file = fs.createWriteStream(path.join(dir, `${name}.log`), { flags: 'a' });
  child.stdout?.pipe(file, { end: false });
  child.stderr?.pipe(file, { end: false });
  child.once('exit', () => setImmediate(() => file.end()));
}
