/** Largest newsletter or publication file we accept. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export type UploadCheck = { ok: true; bytes: Uint8Array } | { ok: false; error: 'empty' | 'tooLarge' | 'notPdf' };

/**
 * A PDF is recognised by its content (the "%PDF-" magic bytes), never by its name or the
 * type the browser claims; the name is not used for anything, so "../" in it is harmless.
 */
export async function checkPdfUpload(file: File): Promise<UploadCheck> {
  if (file.size === 0) return { ok: false, error: 'empty' };
  if (file.size > MAX_UPLOAD_BYTES) return { ok: false, error: 'tooLarge' };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const magic = new TextDecoder('latin1').decode(bytes.subarray(0, 5));
  if (magic !== '%PDF-') return { ok: false, error: 'notPdf' };
  return { ok: true, bytes };
}
