import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// PGlite has no lock of its own: two processes on one data folder lose writes silently.
// This lock file (created with O_EXCL) makes a second opener fail loudly instead.

export type LockHolder = { pid: number; host: string; command: string; since: string };

export class DataFolderLockedError extends Error {
  constructor(
    readonly folder: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The embedded database in ${folder} is already open by process ${holder.pid} on ${holder.host} ` +
        `("${holder.command}", since ${holder.since}). Stop that process first, or set DATABASE_URL to use a Postgres server.`,
    );
    this.name = 'DataFolderLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock on `folder` or throws DataFolderLockedError naming the holder. Returns a release function. */
export function lockDataFolder(folder: string): () => void {
  fs.mkdirSync(folder, { recursive: true });
  const lockPath = path.join(folder, 'psg.lock');
  const me: LockHolder = {
    pid: process.pid,
    host: os.hostname(),
    command: process.argv
      .slice(1)
      .map((a) => path.basename(a))
      .join(' '),
    since: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(me), { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          const current = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockHolder;
          if (current.pid === me.pid) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: LockHolder;
      try {
        holder = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockHolder;
      } catch {
        holder = { pid: -1, host: '?', command: 'unknown', since: 'unknown' };
      }
      // A lock left by a process that died on this host is stale: take it over once.
      if (holder.host === me.host && holder.pid > 0 && !isAlive(holder.pid)) {
        fs.rmSync(lockPath, { force: true });
        continue;
      }
      throw new DataFolderLockedError(folder, holder);
    }
  }
  throw new Error(`Could not take the lock in ${folder}`);
}
