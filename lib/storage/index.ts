import { randomUUID } from 'node:crypto';
import { serverEnv } from '@/lib/env';
import { LocalFileStorage } from './local';

export type StoredFile = { stream: ReadableStream<Uint8Array>; size: number };

/** Where uploaded and generated files live. Keys are made by newStorageKey, never by a request. */
export interface FileStorage {
  put(key: string, body: Uint8Array): Promise<void>;
  read(key: string): Promise<StoredFile | null>;
  delete(key: string): Promise<void>;
}

const KEY_PATTERN = /^(publications|newsletters)\/[0-9a-f-]{36}\.[a-z0-9]{1,8}$/;

export function newStorageKey(area: 'publications' | 'newsletters', extension: string): string {
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
