'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { createImportPreview, listImportTiers, markImportRunning } from '@/db/queries/member-import';
import { requireRole } from '@/lib/auth/guards';
import { MAX_IMPORT_BYTES, parseMemberCsv, type FileRefusal } from '@/lib/csv/member-import';
import { getPathname } from '@/lib/i18n/navigation';
import { requestMemberImport } from '@/lib/jobs/member-import';

export type ImportUploadState = { error?: FileRefusal | 'noFile'; detail?: string; fileName?: string };

const localeOf = (formData: FormData): 'en' | 'es' => (formData.get('locale') === 'es' ? 'es' : 'en');

const uploadSchema = z.object({
  file: z.instanceof(File).refine((f) => f.size > 0 || f.name !== '', 'noFile'),
});

/** Step 1: check every row of the uploaded CSV and store the preview; nothing is imported yet. */
export async function previewMemberImport(_previous: ImportUploadState, formData: FormData): Promise<ImportUploadState> {
  const locale = localeOf(formData);
  const staff = await requireRole('staff', { returnTo: getPathname({ href: '/admin/members/import', locale }), locale });
  const parsed = uploadSchema.safeParse({ file: formData.get('file') });
  if (!parsed.success) return { error: 'noFile' };
  const { file } = parsed.data;
  const fileName = file.name.slice(0, 200) || 'members.csv';
  // Refused before reading it into memory.
  if (file.size > MAX_IMPORT_BYTES) return { error: 'tooLarge', fileName };
  const today = new Date().toISOString().slice(0, 10);
  const result = parseMemberCsv(new Uint8Array(await file.arrayBuffer()), { tiers: await listImportTiers(), today });
  if (!result.ok) return { error: result.refusal, detail: result.detail, fileName };
  const preview = await createImportPreview({ staffId: staff.id, fileName, rows: result.rows, errors: result.errors, totalRows: result.totalRows, today });
  redirect(getPathname({ href: `/admin/members/import/${preview.id}`, locale }));
}

const startSchema = z.object({ id: z.uuid(), confirm: z.literal('on') });

/** Step 2: staff confirm a preview with no errors (or resume a failed run); the job queue imports it. */
export async function startMemberImport(formData: FormData): Promise<void> {
  const locale = localeOf(formData);
  const staff = await requireRole('staff', { returnTo: getPathname({ href: '/admin/members/import', locale }), locale });
  const parsed = startSchema.safeParse({ id: formData.get('id'), confirm: formData.get('confirm') });
  if (!parsed.success) {
    const id = z.uuid().safeParse(formData.get('id'));
    redirect(getPathname({ href: id.success ? `/admin/members/import/${id.data}` : '/admin/members/import', locale }));
  }
  if (await markImportRunning(parsed.data.id, staff.id)) await requestMemberImport(parsed.data.id);
  redirect(getPathname({ href: `/admin/members/import/${parsed.data.id}`, locale }));
}
