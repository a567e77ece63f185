import { createHash } from 'node:crypto';
import fs from 'node:fs';

// A backup folder: db.dump (pg_dump's custom format), files/<storage key> for every file
// the database refers to, and manifest.json with each one's size and SHA-256 and the row
// count of every table, so that a restore can refuse a damaged backup before it wipes
// anything, and a drill can compare what came back.

export type Manifest = {
  version: 1;
  createdAt: string;
  database: { file: 'db.dump'; bytes: number; sha256: string };
  files: { key: string; bytes: number; sha256: string }[];
  rowCounts: Record<string, number>;
};

export const MANIFEST = 'manifest.json';

export async function sha256Of(path: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(path) as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    hash.update(chunk);
  }
  return { bytes, sha256: hash.digest('hex') };
}
