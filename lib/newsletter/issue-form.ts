import 'server-only';
import { z } from 'zod';
import { fieldErrorsOf } from '@/lib/forms/action';
import type { FormState } from '@/lib/forms/state';
import { formStateSchema, type ErrorCodes } from '@/lib/forms/state-schema';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { getStorage } from '@/lib/storage';
import type { StoredUpload, UploadRefusal } from '@/lib/storage/upload';
import { saveIssue, type SaveIssueResult } from './save-issue';

// Staff create or edit a newsletter issue (the form on /admin/newsletters and /<id>,
// posted to /api/admin/newsletters). Its PDF arrives already streamed into storage.

/**
 * Why the form was refused, on its field: its messages are adminNewsletters.errors.<code>.
 * A form that came in broken is refused on the PDF's field, which has to be chosen again.
 */
export type IssueError = 'duplicate' | UploadRefusal | 'failed';
export type IssueFormState = FormState<IssueError, 'saved'>;

// Every code, each once (the type says so), so that a draft is never dropped for a code left out.
const ERRORS: ErrorCodes<IssueError> = {
  invalid: 'invalid',
  duplicate: 'duplicate',
  empty: 'empty',
  tooLarge: 'tooLarge',
  notPdf: 'notPdf',
  storageFull: 'storageFull',
  storageFailed: 'storageFailed',
  failed: 'failed',
};

/** A draft of the form, as kept for a browser without JavaScript (lib/storage/drafts.ts). */
export const issueFormStateSchema = formStateSchema(ERRORS, ['saved']);

const schema = z.object({
  id: z
    .uuid()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  number: z.coerce.number().int().min(1).max(9_999_999),
  title: z.string().trim().min(1).max(200),
  issuedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .refine((v) => !Number.isNaN(new Date(v).getTime())),
  summary: z.string().trim().max(1000).default(''),
  bodyMarkdown: z.string().max(200_000).default(''),
  publicAfterMonths: z.preprocess((v) => (v === '' || v === undefined ? null : v), z.coerce.number().int().min(0).max(600).nullable()),
});

/** A form that came in broken (too large, cut off): nothing of it is kept. */
export function refusedIssueForm(problem: 'tooLarge' | 'malformed'): IssueFormState {
  return { values: {}, fieldErrors: { pdf: problem === 'tooLarge' ? 'tooLarge' : 'failed' } };
}

export async function saveIssueForm(
  staffId: string,
  locale: AppLocale,
  input: { values: Record<string, string>; pdf?: StoredUpload },
): Promise<{ state: IssueFormState } | { redirect: string }> {
  const { values, pdf } = input;
  const refuse = async (fieldErrors: NonNullable<IssueFormState['fieldErrors']>) => {
    if (pdf?.ok) await getStorage().delete(pdf.storageKey);
    return { state: { values, fieldErrors } };
  };
  const parsed = schema.safeParse(values);
  if (!parsed.success) return refuse(fieldErrorsOf(parsed.error, []));
  if (pdf && !pdf.ok) return refuse({ pdf: pdf.error });
  const { id, ...fields } = parsed.data;
  let saved: SaveIssueResult;
  try {
    saved = await saveIssue(staffId, id ?? null, {
      ...fields,
      pdf: pdf?.ok ? { storageKey: pdf.storageKey, byteSize: pdf.byteSize } : null,
    });
  } catch (error) {
    if (pdf?.ok) await getStorage().delete(pdf.storageKey);
    throw error;
  }
  if (!saved.ok) return refuse({ number: saved.error });
  if (!id) return { redirect: getPathname({ href: `/admin/newsletters/${saved.value.id}`, locale }) };
  return { state: { values, done: 'saved' } };
}
