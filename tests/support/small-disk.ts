// A real, small filesystem that a test can fill up: a tmpfs of a few MB, so that writes to
// it fail with ENOSPC exactly as on a full disk (part of a write lands, the rest is refused,
// the space comes back when files are removed). It needs no root: the tmpfs is mounted by a
// child process inside its own user and mount namespaces (`unshare --user --map-root-user
// --mount`, Linux), and the test reaches it through that process's view of the filesystem,
// /proc/<pid>/root/<mount point>, so the code under test runs in the test's own process.
// The mount is private to the child: nothing is mounted on the machine, and it goes away
// with the child (when the test ends, or if it is killed).
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';

export type SmallDisk = {
  /** The filesystem's root, as this process sees it. */
  dir: string;
  /** Bytes a file can still grow by. */
  free(): number;
  close(): Promise<void>;
};

/** Why this machine cannot make one (tests skip with it), or null. */
export function smallDiskUnsupported(): string | null {
  return process.platform === 'linux' ? null : `a small full disk is made with Linux namespaces (unshare); this is ${process.platform}`;
}

type Holder = ChildProcessByStdio<Writable, Readable, Readable>;

function hold(command: [string, ...string[]], mountPoint: string, bytes: number): Promise<Holder> {
  // `exec cat`: the holder lives as long as its stdin is open, i.e. as long as this process.
  const script = `mount -t tmpfs -o size=${bytes},mode=0755 psg-small-disk "$0" && echo mounted && exec cat`;
  const child = spawn(command[0], [...command.slice(1), 'sh', '-c', script, mountPoint], { stdio: ['pipe', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`${command.join(' ')} exited (${code}): ${stderr.trim()}`)));
    child.stdout.once('data', () => resolve(child));
  });
}

export async function mountSmallDisk(bytes: number): Promise<SmallDisk> {
  const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-small-disk-'));
  let child: Holder;
  try {
    child = await hold(['unshare', '--user', '--map-root-user', '--mount'], mountPoint, bytes);
  } catch (userns) {
    // Root on a kernel without user namespaces can still mount in a mount namespace of its own.
    if (process.getuid?.() !== 0) {
      fs.rmdirSync(mountPoint);
      throw new Error(
        `Could not mount a small tmpfs without root: ${(userns as Error).message}. ` +
          'Unprivileged user namespaces must be allowed (Debian: sysctl kernel.unprivileged_userns_clone=1; ' +
          'Ubuntu 24.04+: sysctl kernel.apparmor_restrict_unprivileged_userns=0), or run the tests as root.',
      );
    }
    child = await hold(['unshare', '--mount'], mountPoint, bytes);
  }
  const dir = `/proc/${child.pid}/root${mountPoint}`;
  const size = fs.statfsSync(dir);
  if (size.blocks * size.bsize > bytes + 64 * 1024) throw new Error(`${dir} is not the small tmpfs (${size.blocks * size.bsize} bytes)`);
  return {
    dir,
    free: () => {
      const s = fs.statfsSync(dir);
      return s.bavail * s.bsize;
    },
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.end();
      await exited;
      fs.rmdirSync(mountPoint);
    },
  };
}
