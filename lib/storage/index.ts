import { randomUUID } from 'node:crypto';
import { s3Env, serverEnv } from '@/lib/env';
import { LocalFileStorage } from './local';
import { S3FileStorage } from './s3';

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
  /**
   * For the readiness probe: resolves when files can be stored (local: the folder exists and
   * is writable; s3: the bucket answers HeadBucket with these credentials), rejects with the
   * cause otherwise. Cheap, and settles within a few seconds even when the store hangs.
   */
  check(): Promise<void>;
}

/**
 * What a staff member is told when storage refused a file: the disk (or the quota) is full,
 * or the storage failed some other way (an I/O error, a volume gone, no permission). Either
 * way the file was not kept; the administrator finds the cause in the log.
 */
export type StorageFault = 'storageFull' | 'storageFailed';

// How S3-compatible stores say they are full: Ceph RGW's bucket or user quota, MinIO's full
// disks, and HTTP 507 for the others. AWS itself is never full.
const FULL_STORE_ERRORS = new Set(['QuotaExceeded', 'XMinioStorageFull', 'StorageFull', 'InsufficientStorage']);

export function storageFault(error: unknown): StorageFault {
  const failure = error as (NodeJS.ErrnoException & { $metadata?: { httpStatusCode?: number } }) | null;
  if (failure?.code === 'ENOSPC' || failure?.code === 'EDQUOT') return 'storageFull';
  if (FULL_STORE_ERRORS.has(failure?.name ?? '') || failure?.$metadata?.httpStatusCode === 507) return 'storageFull';
  return 'storageFailed';
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

/** The configured storage: STORAGE_DRIVER, `local` (a folder) or `s3` (a bucket, S3_* settings). */
export function getStorage(): FileStorage {
  if (!instance) {
    const env = serverEnv();
    switch (env.STORAGE_DRIVER) {
      case 'local':
        instance = new LocalFileStorage(env.STORAGE_DIR);
        break;
      case 's3': {
        const s3 = s3Env();
        instance = new S3FileStorage({
          endpoint: s3.S3_ENDPOINT,
          region: s3.S3_REGION,
          bucket: s3.S3_BUCKET,
          // Both or neither (checked in lib/env); neither: the SDK's own chain, such as a role.
          credentials:
            s3.S3_ACCESS_KEY_ID && s3.S3_SECRET_ACCESS_KEY
              ? { accessKeyId: s3.S3_ACCESS_KEY_ID, secretAccessKey: s3.S3_SECRET_ACCESS_KEY }
              : undefined,
          prefix: s3.S3_KEY_PREFIX,
        });
        break;
      }
    }
  }
  return instance;
}
