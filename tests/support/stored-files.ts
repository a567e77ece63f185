// What the configured file storage holds, whichever driver the test runs on
// (TEST_STORAGE_DRIVER, tests/support/setup-file.ts): the keys under an area, and whether a
// key is there. Read straight from the folder or the bucket, not through the driver under test.
import fs from 'node:fs';
import path from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { TestS3 } from './s3-server';

const testS3 = () => (globalThis as { __psgTestS3?: TestS3 }).__psgTestS3;

/** Keys under `area/` (e.g. 'publications'), sorted; on S3 with unfinished uploads too. */
export async function storedKeys(area: string): Promise<string[]> {
  const s3 = testS3();
  if (!s3) {
    const dir = path.join(process.env.STORAGE_DIR!, area);
    return fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .map((f) => `${area}/${f}`)
          .sort()
      : [];
  }
  const prefix = process.env.S3_KEY_PREFIX ?? '';
  const client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: s3.credentials });
  const keys: string[] = [];
  let token: string | undefined;
  try {
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: `${prefix}${area}/`, ContinuationToken: token }),
      );
      keys.push(...(page.Contents ?? []).map((o) => (o.Key ?? '').slice(prefix.length)));
      token = page.NextContinuationToken;
    } while (token);
  } finally {
    client.destroy();
  }
  return [...keys.sort(), ...s3.openUploads().map((id) => `unfinished upload ${id}`)];
}

export async function isStored(key: string): Promise<boolean> {
  return (await storedKeys(key.slice(0, key.indexOf('/')))).includes(key);
}

/** The bytes stored under `key`, or null. */
export async function storedBytes(key: string): Promise<Buffer | null> {
  const s3 = testS3();
  if (!s3) {
    const file = path.join(process.env.STORAGE_DIR!, key);
    return fs.existsSync(file) ? fs.readFileSync(file) : null;
  }
  const client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: s3.credentials });
  try {
    const object = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: `${process.env.S3_KEY_PREFIX ?? ''}${key}` }));
    return object.Body ? Buffer.from(await object.Body.transformToByteArray()) : null;
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchKey') return null;
    throw error;
  } finally {
    client.destroy();
  }
}
