import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { FileStorage, FileWriter, StoredFile } from './index';
import { isStorageKey } from './index';

/** Files in a folder on local disk (default `.data/files`). */
export class LocalFileStorage implements FileStorage {
  private readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  // Keys are checked against a strict pattern and the resolved path must stay inside root.
  private pathFor(key: string): string | null {
    if (!isStorageKey(key)) return null;
    const full = path.resolve(this.root, key);
    return full.startsWith(this.root + path.sep) ? full : null;
  }

  async put(key: string, body: Uint8Array): Promise<void> {
    const full = this.pathFor(key);
    if (!full) throw new Error(`Invalid storage key: ${key}`);
    await fsp.mkdir(path.dirname(full), { recursive: true });
    const tmp = `${full}.${process.pid}.${Date.now()}.tmp`;
    try {
      // flush: on disk before it has its name, so a key never names a file cut short.
      await fsp.writeFile(tmp, body, { flag: 'wx', flush: true });
      await fsp.rename(tmp, full);
    } catch (error) {
      // A full disk stops writeFile part-way: what it wrote must not stay behind.
      await fsp.rm(tmp, { force: true }).catch(() => {});
      throw error;
    }
  }

  async createWriter(key: string): Promise<FileWriter> {
    const full = this.pathFor(key);
    if (!full) throw new Error(`Invalid storage key: ${key}`);
    await fsp.mkdir(path.dirname(full), { recursive: true });
    // Written under a temporary name beside the file, and renamed only once complete and
    // flushed to disk: a full disk or a failing one (ENOSPC, EIO) leaves at most this temp
    // file, which abort() removes; nothing is ever readable under the key half-written.
    const tmp = `${full}.${process.pid}.${Date.now()}.tmp`;
    const out = fs.createWriteStream(tmp, { flags: 'wx', flush: true });
    const failed = new Promise<never>((_, reject) => out.once('error', reject));
    failed.catch(() => {});
    let done = false;
    return {
      write: async (chunk) => {
        if (!out.write(chunk)) await Promise.race([new Promise<void>((resolve) => out.once('drain', () => resolve())), failed]);
      },
      commit: async () => {
        // 'close', not 'finish': the fsync (flush) runs when the file is closed, and a disk
        // that fails only then must still fail the commit.
        await Promise.race([
          new Promise<void>((resolve) => {
            out.once('close', () => resolve());
            out.end();
          }),
          failed,
        ]);
        await fsp.rename(tmp, full);
        done = true;
      },
      abort: async () => {
        if (done) return;
        done = true;
        if (!out.closed) {
          await new Promise<void>((resolve) => {
            out.once('close', () => resolve());
            out.destroy();
          });
        }
        await fsp.rm(tmp, { force: true });
      },
    };
  }

  async read(key: string): Promise<StoredFile | null> {
    const full = this.pathFor(key);
    if (!full) return null;
    try {
      const stat = await fsp.stat(full);
      if (!stat.isFile()) return null;
      const stream = Readable.toWeb(fs.createReadStream(full)) as ReadableStream<Uint8Array>;
      return { stream, size: stat.size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const full = this.pathFor(key);
    if (full) await fsp.rm(full, { force: true });
  }

  /** The folder exists (made if need be) and this process may write to it; EROFS, EACCES otherwise. */
  async check(): Promise<void> {
    await fsp.mkdir(this.root, { recursive: true });
    await fsp.access(this.root, fs.constants.W_OK);
  }
}
