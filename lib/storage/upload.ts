import type { Readable } from 'node:stream';
import { getStorage, newStorageKey, storageFault, type FileWriter, type StorageFault } from './index';
import { MAX_UPLOAD_BYTES } from './limits';
import { logFor } from '@/lib/log';

const log = logFor('storage');

export { MAX_UPLOAD_BYTES };

export type UploadRefusal = 'empty' | 'tooLarge' | 'notPdf' | StorageFault;
export type StoredUpload = { ok: true; storageKey: string; byteSize: number } | { ok: false; error: UploadRefusal };

const PDF_MAGIC = '%PDF-';

/**
 * Streams an uploaded PDF into storage under a key of our own, as it arrives: it is never
 * held in memory, and writing stops at `maxBytes`. A PDF is recognised by its content
 * (the "%PDF-" magic bytes), never by its name or the type the browser claims; the name
 * is not used for anything, so "../" in it is harmless. A refused file is read to its end
 * but dropped (the form's other fields come after it), and nothing is left in storage.
 *
 * Storage that fails (a full disk, an I/O error) refuses the file the same way, as
 * `storageFull` or `storageFailed`: the form is answered with the staff member's input
 * and that message, never a server error page, and the file can be sent again later.
 */
export async function storePdfUpload(
  area: 'publications' | 'newsletters',
  file: Readable,
  maxBytes = MAX_UPLOAD_BYTES,
): Promise<StoredUpload> {
  const storageKey = newStorageKey(area, 'pdf');
  let writer: FileWriter | undefined;
  let size = 0;
  let head = '';
  let refusal: UploadRefusal | null = null;
  const drop = async () => {
    // abort() removes the temporary file; if even that fails, the log says which one.
    await writer?.abort().catch((error: unknown) => log.error({ err: error, key: storageKey }, 'could not remove a refused upload'));
  };
  /** One step of writing; a storage error becomes the form's refusal, and what was written goes. */
  const store = async (step: (w: FileWriter) => Promise<void>) => {
    try {
      writer ??= await getStorage().createWriter(storageKey);
      await step(writer);
    } catch (error) {
      log.error({ err: error, key: storageKey }, 'storage refused an upload');
      refusal = storageFault(error);
      await drop();
    }
  };
  try {
    for await (const chunk of file as AsyncIterable<Buffer>) {
      if (refusal) continue;
      size += chunk.length;
      if (size > maxBytes) refusal = 'tooLarge';
      else if (head.length < PDF_MAGIC.length) {
        head += chunk.subarray(0, PDF_MAGIC.length - head.length).toString('latin1');
        if (!PDF_MAGIC.startsWith(head.slice(0, PDF_MAGIC.length))) refusal = 'notPdf';
      }
      if (refusal) await drop();
      else await store((w) => w.write(chunk));
    }
    if (!refusal && size === 0) refusal = 'empty';
    else if (!refusal && head !== PDF_MAGIC) refusal = 'notPdf';
    if (!refusal) await store((w) => w.commit());
    if (refusal) {
      await drop();
      return { ok: false, error: refusal };
    }
    return { ok: true, storageKey, byteSize: size };
  } catch (error) {
    // The request itself broke (cut off): readMultipart reports the form as malformed.
    await drop();
    throw error;
  }
}

/**
 * A file input left empty is still sent by browsers, as a part with no file name and no
 * bytes: that is "no file chosen" (null), not an empty file.
 */
export async function storeChosenPdf(
  area: 'publications' | 'newsletters',
  file: Readable,
  info: { filename: string },
): Promise<StoredUpload | null> {
  const stored = await storePdfUpload(area, file);
  return !info.filename && !stored.ok && stored.error === 'empty' ? null : stored;
}

/** Reads a small upload (a CSV to check) into memory, refusing it past `maxBytes`. */
export async function readUpload(
  file: Readable,
  maxBytes: number,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; error: 'tooLarge' }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of file as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
  }
  return size > maxBytes ? { ok: false, error: 'tooLarge' } : { ok: true, bytes: new Uint8Array(Buffer.concat(chunks)) };
}
