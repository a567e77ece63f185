import { PassThrough } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { FileStorage, FileWriter, StoredFile } from './index';
import { isStorageKey } from './index';

export type S3StorageConfig = {
  /** Unset: AWS itself, by region. Any S3-compatible store otherwise (Ceph RGW, Garage, R2...). */
  endpoint?: string;
  region: string;
  bucket: string;
  /** Unset: the SDK's own chain (AWS_* variables, an instance or pod role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Put before every key, so that one bucket can hold several sites: '' or 'psg/'. */
  prefix: string;
};

/**
 * How long any one request may take. Without these the SDK waits for ever on a store that
 * accepts the connection and never answers, and the staff member's upload hangs with it.
 */
export type S3Timeouts = {
  /** TCP (and TLS) connection. */
  connectMs: number;
  /** From sending a request to the answer's headers: a 5 MB part on a slow link fits in it. */
  requestMs: number;
  /** A socket with no traffic either way, during a download too. */
  idleMs: number;
  /** Tries per request, the first included (the SDK backs off between them). */
  attempts: number;
  /** check() as a whole: a readiness probe answers quickly or says "not ready". */
  checkMs: number;
};

export const S3_TIMEOUTS: S3Timeouts = { connectMs: 5_000, requestMs: 120_000, idleMs: 60_000, attempts: 3, checkMs: 5_000 };

// lib-storage sends an upload of less than one part as a single PutObject at commit, and a
// larger one as a multipart upload of parts this size (S3's minimum, 5 MiB), one part in
// flight at a time: an upload holds about two parts in memory, whatever its size.
const PART_BYTES = 5 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = { pdf: 'application/pdf', json: 'application/json' };
const contentTypeOf = (key: string) => CONTENT_TYPES[key.slice(key.lastIndexOf('.') + 1)] ?? 'application/octet-stream';

/** Marks the end of an upload that abort() stopped, to tell it from a failure of the store. */
class UploadAborted extends Error {
  constructor() {
    super('Upload aborted');
    this.name = 'UploadAborted';
  }
}

/**
 * Files in a bucket of an S3-compatible store. The same promises as the local driver: a key
 * names a whole file or nothing (a multipart upload is invisible until it is completed, and
 * abort() or a failure aborts it), uploads are streamed, and an unreachable store fails
 * within the timeouts above instead of hanging.
 */
export class S3FileStorage implements FileStorage {
  private readonly client: S3Client;

  constructor(
    private readonly config: S3StorageConfig,
    private readonly timeouts: S3Timeouts = S3_TIMEOUTS,
  ) {
    this.client = new S3Client({
      endpoint: config.endpoint,
      region: config.region,
      credentials: config.credentials,
      // Bucket in the path, not the host name: stores other than AWS rarely have a DNS name
      // per bucket, and AWS still answers path-style requests.
      forcePathStyle: true,
      // Since v3.729 the SDK adds CRC checksums to every upload and checks them on every
      // download by default; stores other than AWS refuse or mangle them. Only where an
      // operation requires one.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: timeouts.attempts,
      requestHandler: {
        connectionTimeout: timeouts.connectMs,
        requestTimeout: timeouts.requestMs,
        // Without it the SDK only logs a warning when requestTimeout passes, and waits on.
        throwOnRequestTimeout: true,
        socketTimeout: timeouts.idleMs,
      },
    });
  }

  // Keys are checked against the same strict pattern as on disk; the prefix comes from the
  // configuration, never from a request.
  private objectKey(key: string): string | null {
    return isStorageKey(key) ? `${this.config.prefix}${key}` : null;
  }

  async put(key: string, body: Uint8Array): Promise<void> {
    const objectKey = this.objectKey(key);
    if (!objectKey) throw new Error(`Invalid storage key: ${key}`);
    // One PutObject: the store makes the object visible only once it has every byte.
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.config.bucket,
        Key: objectKey,
        Body: body,
        ContentLength: body.byteLength,
        ContentType: contentTypeOf(key),
      }),
    );
  }

  async createWriter(key: string): Promise<FileWriter> {
    const objectKey = this.objectKey(key);
    if (!objectKey) throw new Error(`Invalid storage key: ${key}`);
    // What write() is given flows through this stream to lib-storage, which cuts it into
    // parts; write() waits while a part is being sent, so the request body is read no
    // faster than the store takes it.
    const body = new PassThrough({ highWaterMark: 256 * 1024 });
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.config.bucket, Key: objectKey, Body: body, ContentType: contentTypeOf(key) },
      partSize: PART_BYTES,
      queueSize: 1,
      // On any failure, and on abort(), lib-storage sends AbortMultipartUpload before done()
      // settles, so the store drops the parts already sent.
      leavePartsOnError: false,
    });
    const finished = upload.done().then(() => undefined);
    // The store's failure, once lib-storage gave up (after aborting the multipart upload):
    // every later write() or commit() reports it instead of waiting on a store that
    // stopped taking parts.
    let failure: { error: unknown } | null = null;
    const failed = finished.then(
      () => new Promise<never>(() => {}),
      (error: unknown) => {
        failure = { error };
        throw error;
      },
    );
    failed.catch(() => {});
    let state: 'open' | 'committed' | 'aborted' = 'open';
    return {
      write: async (chunk) => {
        if (state !== 'open') throw new Error(`Write to a ${state} upload`);
        if (failure) throw failure.error;
        if (!body.write(chunk)) await Promise.race([new Promise<void>((resolve) => body.once('drain', () => resolve())), failed]);
      },
      commit: async () => {
        if (state !== 'open') throw new Error(`Commit of a ${state} upload`);
        body.end();
        await finished;
        state = 'committed';
      },
      abort: async () => {
        if (state !== 'open') return;
        state = 'aborted';
        const aborted = new UploadAborted();
        // Ends lib-storage's reading of the body with this error: it stops sending parts,
        // aborts the multipart upload if it had begun one, and only then rejects with it.
        const before = failure;
        body.destroy(aborted);
        const outcome = await finished.then(
          () => null,
          (error: unknown) => ({ error }),
        );
        // Completed before the abort reached it (commit() was under way): the object
        // exists and must go.
        if (!outcome) await this.delete(key);
        // Neither our own error nor the failure already reported: the AbortMultipartUpload
        // itself failed (the store unreachable), and the caller logs it. A bucket lifecycle
        // rule (README, "Going to production") drops such parts after a day.
        else if (outcome.error !== aborted && outcome.error !== before?.error) throw outcome.error;
      },
    };
  }

  async read(key: string): Promise<StoredFile | null> {
    const objectKey = this.objectKey(key);
    if (!objectKey) return null;
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.config.bucket, Key: objectKey }));
      if (!object.Body || object.ContentLength === undefined) throw new Error(`The store sent no body or length for ${key}`);
      return { stream: object.Body.transformToWebStream() as ReadableStream<Uint8Array>, size: object.ContentLength };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const objectKey = this.objectKey(key);
    // S3 answers 204 for a key that does not exist, as rm -f does.
    if (objectKey) await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: objectKey }));
  }

  /** The bucket exists and these credentials may use it: one HeadBucket, cut off at checkMs. */
  async check(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.config.bucket }), {
      abortSignal: AbortSignal.timeout(this.timeouts.checkMs),
    });
  }
}

// The key is not there. A bucket that is gone is a broken store, not a missing file: it
// must fail loudly rather than answer every download with a 404.
function isMissing(error: unknown): boolean {
  if (!(error instanceof S3ServiceException) || error.name === 'NoSuchBucket') return false;
  return error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404;
}
