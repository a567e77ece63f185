import 'server-only';
import { z } from 'zod';
import { listImportTiers } from '@/db/queries/member-import';
import { createImportPreview } from './member-import';
import { MAX_IMPORT_BYTES, parseMemberCsv, type FileRefusal } from '@/lib/csv/member-import';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';

// Step 1 of a member import (the form at /admin/members/import, posted to
// /api/admin/members/import): check every row of the CSV and store the preview; nothing
// is imported yet.

export type ImportUploadState = { error?: FileRefusal | 'noFile' | 'failed'; detail?: string; fileName?: string };
const REFUSALS = ['noFile', 'failed', 'empty', 'tooLarge', 'binary', 'notUtf8', 'recordTooLarge', 'malformed', 'noHeader', 'missingColumns', 'duplicateColumn', 'tooManyRows', 'noRows'] as const satisfies readonly (FileRefusal | 'noFile' | 'failed')[];
export const importUploadStateSchema: z.ZodType<ImportUploadState> = z.object({
  error: z.enum(REFUSALS).optional(),
  detail: z.string().optional(),
  fileName: z.string().optional(),
});
/** The upload as read from the request: at most MAX_IMPORT_BYTES are kept. */
export type ImportUpload = { fileName: string; bytes: Uint8Array | null };

export { MAX_IMPORT_BYTES };

export function refusedImportForm(problem: 'tooLarge' | 'malformed'): ImportUploadState {
  return { error: problem === 'tooLarge' ? 'tooLarge' : 'failed' };
}

export async function previewImportUpload(staffId: string, locale: AppLocale, upload: ImportUpload | undefined): Promise<{ state: ImportUploadState } | { redirect: string }> {
  // A form sent with no file chosen has an empty, nameless file part.
  if (!upload || (!upload.fileName && upload.bytes?.byteLength === 0)) return { state: { error: 'noFile' } };
  const fileName = upload.fileName.slice(0, 200) || 'members.csv';
  if (!upload.bytes) return { state: { error: 'tooLarge', fileName } };
  const today = new Date().toISOString().slice(0, 10);
  const result = parseMemberCsv(upload.bytes, { tiers: await listImportTiers(), today });
  if (!result.ok) return { state: { error: result.refusal, detail: result.detail, fileName } };
  const preview = await createImportPreview({ staffId, fileName, rows: result.rows, errors: result.errors, totalRows: result.totalRows, today });
  return { redirect: getPathname({ href: `/admin/members/import/${preview.id}`, locale }) };
}
