import 'server-only';
import { z } from 'zod';
import { listImportTiers } from '@/db/queries/member-import';
import { createImportPreview } from './member-import';
import { MAX_IMPORT_BYTES, parseMemberCsv, type FileRefusal } from '@/lib/csv/member-import';
import type { FormState } from '@/lib/forms/state';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';

// Step 1 of a member import (the form at /admin/members/import, posted to
// /api/admin/members/import): check every row of the CSV and store the preview; nothing
// is imported yet.

/** Why the file was refused: its messages are adminImport.refusals.<code>. */
export type ImportRefusal = FileRefusal | 'noFile' | 'failed';
/**
 * The upload form's state. A form with one file keeps no values (a file cannot be shown
 * again); `vars` holds what the refusal names: the file's name, and the parser's `detail`
 * (the columns missing, the row limit).
 */
export type ImportUploadState = FormState<ImportRefusal>;
const REFUSALS = [
  'noFile',
  'failed',
  'empty',
  'tooLarge',
  'binary',
  'notUtf8',
  'recordTooLarge',
  'malformed',
  'noHeader',
  'missingColumns',
  'duplicateColumn',
  'tooManyRows',
  'noRows',
] as const satisfies readonly ImportRefusal[];
/** A refused upload, as kept for a browser without JavaScript (lib/storage/drafts.ts). */
export const importUploadStateSchema: z.ZodType<ImportUploadState> = z.object({
  values: z.record(z.string(), z.string()),
  error: z.enum(REFUSALS).optional(),
  vars: z.record(z.string(), z.string()).optional(),
});
/** The upload as read from the request: at most MAX_IMPORT_BYTES are kept. */
export type ImportUpload = { fileName: string; bytes: Uint8Array | null };

export { MAX_IMPORT_BYTES };

export function refusedImportForm(problem: 'tooLarge' | 'malformed'): ImportUploadState {
  return { values: {}, error: problem === 'tooLarge' ? 'tooLarge' : 'failed' };
}

export async function previewImportUpload(
  staffId: string,
  locale: AppLocale,
  upload: ImportUpload | undefined,
): Promise<{ state: ImportUploadState } | { redirect: string }> {
  // A form sent with no file chosen has an empty, nameless file part.
  if (!upload || (!upload.fileName && upload.bytes?.byteLength === 0)) return { state: { values: {}, error: 'noFile' } };
  const fileName = upload.fileName.slice(0, 200) || 'members.csv';
  if (!upload.bytes) return { state: { values: {}, error: 'tooLarge', vars: { fileName } } };
  const today = new Date().toISOString().slice(0, 10);
  const result = parseMemberCsv(upload.bytes, { tiers: await listImportTiers(), today });
  if (!result.ok)
    return {
      state: { values: {}, error: result.refusal, vars: result.detail === undefined ? { fileName } : { fileName, detail: result.detail } },
    };
  const preview = await createImportPreview({
    staffId,
    fileName,
    rows: result.rows,
    errors: result.errors,
    totalRows: result.totalRows,
    today,
  });
  return { redirect: getPathname({ href: `/admin/members/import/${preview.id}`, locale }) };
}
