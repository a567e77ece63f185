import { randomUUID } from 'node:crypto';
import { serverEnv } from '@/lib/env';
import { LocalFileStorage } from './local';

export type StoredFile = { stream: ReadableStream<Uint8Array>; size: number };

/** A file being written chunk by chunk: nothing is readable under its key until commit(). */
export interface FileWriter {
  write(chunk: Uint8Array): Promise<void>;
  commit(): Promise<void>;
  /** Drops what was written; safe to call more than once, or after a failure. */
  abort(): Promise<void>;
}

/** Where uploaded and generated files live. Keys are made by newStorageKey, never by a request. */
export interface FileStorage {
  put(key: string, body: Uint8Array): Promise<void>;
  /** For uploads streamed from a request, so a large file is never held in memory. */
  createWriter(key: string): Promise<FileWriter>;
  read(key: string): Promise<StoredFile | null>;
  delete(key: string): Promise<void>;
}

/**
 * What a staff member is told when storage refused a file: the disk (or the quota) is full,
 * or the storage failed some other way (an I/O error, a volume gone, no permission). Either
 * way the file was not kept; the administrator finds the cause in the log.
 */
export type StorageFault = 'storageFull' | 'storageFailed';

export function storageFault(error: unknown): StorageFault {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' ? 'storageFull' : 'storageFailed';
}

// drafts/: what a staff member typed into a form that was refused, kept for the page that
// shows it again (lib/storage/drafts.ts).
export type StorageArea = 'publications' | 'newsletters' | 'drafts';
const KEY_PATTERN = /^(publications|newsletters|drafts)\/[0-9a-f-]{36}\.[a-z0-9]{1,8}$/;

export function newStorageKey(area: StorageArea, extension: string): string {
  const key = `${area}/${randomUUID()}.${extension.toLowerCase()}`;
  if (!isStorageKey(key)) throw new Error(`Bad file extension: ${extension}`);
  return key;
}

export function isStorageKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

let instance: FileStorage | undefined;

/** The configured storage (STORAGE_DRIVER). An S3-compatible driver implements the same interface. */
export function getStorage(): FileStorage {
  if (!instance) {
    const env = serverEnv();
    switch (env.STORAGE_DRIVER) {
      case 'local':
        instance = new LocalFileStorage(env.STORAGE_DIR);
        break;
    }
  }
  return instance;
}
