import 'server-only';
import { z } from 'zod';
import { DuplicateIssueNumberError, saveIssue } from '@/db/queries/newsletters';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { getStorage } from '@/lib/storage';
import type { StoredUpload } from '@/lib/storage/upload';

// Staff create or edit a newsletter issue (the form on /admin/newsletters and /<id>,
// posted to /api/admin/newsletters). Its PDF arrives already streamed into storage.

export type IssueFormState = { values: Record<string, string>; fieldErrors?: Record<string, string>; saved?: boolean };
export const issueFormStateSchema: z.ZodType<IssueFormState> = z.object({
  values: z.record(z.string(), z.string()),
  fieldErrors: z.record(z.string(), z.string()).optional(),
  saved: z.boolean().optional(),
});

const schema = z.object({
  id: z.uuid().optional().or(z.literal('').transform(() => undefined)),
  number: z.coerce.number().int().min(1).max(9_999_999),
  title: z.string().trim().min(1).max(200),
  issuedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((v) => !Number.isNaN(new Date(v).getTime())),
  summary: z.string().trim().max(1000).default(''),
  bodyMarkdown: z.string().max(200_000).default(''),
  publicAfterMonths: z.preprocess((v) => (v === '' || v === undefined ? null : v), z.coerce.number().int().min(0).max(600).nullable()),
});

/** A form that came in broken (too large, cut off): nothing of it is kept. */
export function refusedIssueForm(problem: 'tooLarge' | 'malformed'): IssueFormState {
  return { values: {}, fieldErrors: { pdf: problem === 'tooLarge' ? 'tooLarge' : 'failed' } };
}

export async function saveIssueForm(staffId: string, locale: AppLocale, input: { values: Record<string, string>; pdf?: StoredUpload }): Promise<{ state: IssueFormState } | { redirect: string }> {
  const { values, pdf } = input;
  const refuse = async (fieldErrors: Record<string, string>) => {
    if (pdf?.ok) await getStorage().delete(pdf.storageKey);
    return { state: { values, fieldErrors } };
  };
  const parsed = schema.safeParse(values);
  if (!parsed.success) return refuse(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), 'invalid'])));
  if (pdf && !pdf.ok) return refuse({ pdf: pdf.error });
  const { id, ...fields } = parsed.data;
  try {
    const issue = await saveIssue(staffId, id ?? null, { ...fields, pdf: pdf?.ok ? { storageKey: pdf.storageKey, byteSize: pdf.byteSize } : null });
    if (!id) return { redirect: getPathname({ href: `/admin/newsletters/${issue.id}`, locale }) };
  } catch (error) {
    if (error instanceof DuplicateIssueNumberError) return refuse({ number: 'duplicate' });
    if (pdf?.ok) await getStorage().delete(pdf.storageKey);
    throw error;
  }
  return { state: { values, saved: true } };
}
