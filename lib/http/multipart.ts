import 'server-only';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';

// Reads a multipart/form-data request as a stream: text fields are kept (bounded), each
// expected file is handed, as it arrives, to its own consumer (which streams it to
// storage), and nothing else is kept. The whole body is counted and the request is
// abandoned past `maxBytes`, so no request can make the server hold more than the
// limits below, whatever it claims.

class RequestTooLargeError extends Error {}

export type FileConsumer<T> = (stream: Readable, info: { filename: string; mimeType: string }) => Promise<T>;

export type MultipartLimits = {
  /** The whole body, files included. */
  maxBytes: number;
  /** Largest single text field (UTF-8 bytes). */
  maxFieldBytes: number;
  maxFields: number;
};

/**
 * `problem` says the form could not be read whole (too large, or not a well-formed
 * multipart body); `files` then still lists what the consumers stored, for the caller
 * to delete.
 */
export type MultipartForm<T> = { fields: [string, string][]; files: Partial<Record<string, T>>; problem?: 'tooLarge' | 'malformed' };

export async function readMultipart<T>(
  request: Request,
  limits: MultipartLimits,
  consumers: Record<string, FileConsumer<T>>,
): Promise<MultipartForm<T>> {
  const contentType = request.headers.get('content-type') ?? '';
  const fields: [string, string][] = [];
  const files: Partial<Record<string, T>> = {};
  if (!request.body || !/^multipart\/form-data;/i.test(contentType)) return { fields, files, problem: 'malformed' };
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': contentType },
      defParamCharset: 'utf8',
      limits: {
        fieldSize: limits.maxFieldBytes,
        fields: limits.maxFields,
        files: Object.keys(consumers).length,
        parts: limits.maxFields + Object.keys(consumers).length,
      },
    });
  } catch {
    return { fields, files, problem: 'malformed' };
  }

  let problem: MultipartForm<T>['problem'];
  let consumerFailure: Error | undefined;
  const pending: Promise<void>[] = [];
  const claimed = new Set<string>();
  let limitHit = false;
  parser.on('field', (name: string, value: string, info: busboy.FieldInfo) => {
    if (info.valueTruncated || info.nameTruncated) limitHit = true;
    else fields.push([name, value]);
  });
  parser.on('file', (name: string, stream: Readable, info: busboy.FileInfo) => {
    const consume = Object.hasOwn(consumers, name) && !claimed.has(name) ? consumers[name] : undefined;
    // A file nobody asked for (or a second one of the same name) is read and dropped; it
    // still counts towards maxBytes.
    if (!consume) return void stream.resume();
    claimed.add(name);
    const job = consume(stream, { filename: info.filename ?? '', mimeType: info.mimeType }).then((result) => {
      files[name] = result;
    });
    // Read the rest whatever the consumer did, so that the parser moves on to the next part.
    // Its failure is read once the body has been read (allSettled below); until then it is
    // marked as handled, or a consumer failing early is an unhandled rejection (seen on Node 24).
    const tracked = job.finally(() => stream.resume());
    tracked.catch(() => {});
    pending.push(tracked);
    // A consumer that threw may have left its stream destroyed (a for-await loop left early
    // does that), and the parser would then wait for it for ever: the request would never
    // be answered. The body is abandoned instead, and the error reported below.
    job.catch((error: unknown) => {
      if (parser.destroyed) return;
      consumerFailure = error instanceof Error ? error : new Error(String(error));
      parser.destroy(consumerFailure);
    });
  });
  for (const event of ['fieldsLimit', 'filesLimit', 'partsLimit']) parser.on(event, () => void (limitHit = true));

  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      callback(received > limits.maxBytes ? new RequestTooLargeError() : null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(request.body as import('node:stream/web').ReadableStream), counter, parser);
  } catch (error) {
    if (error !== consumerFailure) problem = error instanceof RequestTooLargeError ? 'tooLarge' : 'malformed';
  }
  // A consumer's own failure (a bug, a storage driver that throws) is an error of ours, not
  // of the form. Storage that is full or failing is not one: storePdfUpload reports it as
  // the file's refusal (lib/storage/upload.ts).
  const settled = await Promise.allSettled(pending);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed && !problem) throw failed.reason;
  if (limitHit) problem ??= 'tooLarge';
  return { fields, files, problem };
}
