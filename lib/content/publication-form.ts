import 'server-only';
import { revalidateTag } from 'next/cache';
import { z } from 'zod';
import { findAdminPublication } from '@/db/queries/admin-publications';
import { publicationTypeEnum, type Locale } from '@/db/schema';
import { fieldErrorsOf } from '@/lib/forms/action';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import type { FormState } from '@/lib/forms/state';
import { formStateSchema, type ErrorCodes } from '@/lib/forms/state-schema';
import { getStorage } from '@/lib/storage';
import type { StoredUpload, UploadRefusal } from '@/lib/storage/upload';
import { savePublication, type FileChange, type SavePublicationResult } from './save-publication';
import { SLUG_PATTERN, slugify } from './slug';
import { CONTENT_TAGS } from './tags';
import { logFor } from '@/lib/log';

// Staff create or edit a publication (the form at /admin/publications/new and /<id>,
// posted to /api/admin/publications). Its PDFs arrive already streamed into storage.

/** Why the form was refused: its messages are adminPublications.errors.<code>. */
export type PublicationError =
  'required' | 'duplicate' | 'slugFormat' | 'newsletterType' | 'notFound' | UploadRefusal | 'failed' | 'requestTooLarge';

/**
 * The form's state; beside the values, the topics ticked (a list, so not a value). A
 * problem of the whole form (it came in broken, the publication is gone) is `error`.
 */
export type PublicationFormState = FormState<PublicationError, 'saved'> & { topics: string[] };

// Every code, each once (the type says so), so that a draft is never dropped for a code left out.
const ERRORS: ErrorCodes<PublicationError> = {
  invalid: 'invalid',
  required: 'required',
  duplicate: 'duplicate',
  slugFormat: 'slugFormat',
  newsletterType: 'newsletterType',
  notFound: 'notFound',
  empty: 'empty',
  tooLarge: 'tooLarge',
  notPdf: 'notPdf',
  storageFull: 'storageFull',
  storageFailed: 'storageFailed',
  failed: 'failed',
  requestTooLarge: 'requestTooLarge',
};

/** A draft of the form, as kept for a browser without JavaScript (lib/storage/drafts.ts). */
export const publicationFormStateSchema: z.ZodType<PublicationFormState> = z.intersection(
  formStateSchema(ERRORS, ['saved']),
  z.object({ topics: z.array(z.string()) }),
);

export const PUBLICATION_FILE_FIELDS = ['file_en', 'file_es'] as const;
export type PublicationFileField = (typeof PUBLICATION_FILE_FIELDS)[number];

const optional = (max: number) => z.string().trim().max(max).default('');

const schema = z
  .object({
    id: z
      .uuid()
      .optional()
      .or(z.literal('').transform(() => undefined)),
    slug: z.string().trim().toLowerCase().max(80).default(''),
    type: z.enum(publicationTypeEnum.enumValues),
    publishedOn: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .refine((v) => !Number.isNaN(new Date(`${v}T00:00:00Z`).getTime()) && v >= '1900-01-01' && v <= '2100-12-31'),
    datePrecision: z.enum(['day', 'month', 'year']),
    partner: optional(200),
    featured: z.literal('on').optional(),
    titleEn: z.string().trim().min(1).max(300),
    summaryEn: z.string().trim().min(1).max(5000),
    titleEs: optional(300),
    summaryEs: optional(5000),
  })
  .refine((v) => v.titleEs || !v.summaryEs, { path: ['titleEs'], message: 'required' });

const LOCALES: Locale[] = ['en', 'es'];

/** The date as stored: month and year precision keep the first day of the month or year. */
function normaliseDate(date: string, precision: 'day' | 'month' | 'year'): string {
  if (precision === 'year') return `${date.slice(0, 4)}-01-01`;
  if (precision === 'month') return `${date.slice(0, 7)}-01`;
  return date;
}

export async function deleteStoredFiles(keys: string[]) {
  for (const key of keys)
    await getStorage()
      .delete(key)
      .catch((error: unknown) => logFor('content').error({ err: error, key }, 'could not delete a stored file'));
}

/** A form that came in broken (too large, cut off): nothing of it is kept. */
export function refusedPublicationForm(problem: 'tooLarge' | 'malformed'): PublicationFormState {
  return { values: {}, topics: [], error: problem === 'tooLarge' ? 'requestTooLarge' : 'failed' };
}

/**
 * Checks and saves the form. Files refused by their content or size are reported on
 * their field; stored files are deleted again if anything else fails, and the files they
 * replace are deleted once the change has committed. The cached public pages are refreshed
 * on the next request.
 */
export async function savePublicationForm(
  staffId: string,
  locale: AppLocale,
  input: { values: Record<string, string>; topics: string[]; files: Partial<Record<PublicationFileField, StoredUpload>> },
): Promise<{ state: PublicationFormState } | { redirect: string }> {
  const values = { ...input.values };
  const topics = input.topics.filter((v) => z.uuid().safeParse(v).success);
  const stored = Object.values(input.files).flatMap((f) => (f?.ok ? [f.storageKey] : []));
  const refuse = async (refusal: Pick<PublicationFormState, 'fieldErrors' | 'error'>) => {
    await deleteStoredFiles(stored);
    return { state: { values, topics, ...refusal } };
  };
  type FieldErrors = NonNullable<PublicationFormState['fieldErrors']>;

  const parsed = schema.safeParse(values);
  const fieldErrors: FieldErrors = parsed.success ? {} : fieldErrorsOf(parsed.error, ['required'] as const);

  const existing = parsed.success && parsed.data.id ? await findAdminPublication(parsed.data.id) : null;
  if (parsed.success && parsed.data.id && !existing) return refuse({ error: 'notFound' });
  // Newsletter entries are made by the newsletter time-release; they can be edited, not made here.
  if (parsed.success && parsed.data.type === 'newsletter' && existing?.type !== 'newsletter') fieldErrors.type = 'newsletterType';

  const slug = parsed.success ? parsed.data.slug || slugify(parsed.data.titleEn) : '';
  if (parsed.success && !SLUG_PATTERN.test(slug)) fieldErrors.slug = 'slugFormat';
  if (parsed.success && !parsed.data.slug) values.slug = slug;

  for (const field of PUBLICATION_FILE_FIELDS) {
    const file = input.files[field];
    if (file && !file.ok) fieldErrors[field] = file.error;
  }
  if (!parsed.success || Object.keys(fieldErrors).length) return refuse({ fieldErrors });

  const data = parsed.data;
  const files: Record<Locale, FileChange> = { en: undefined, es: undefined };
  for (const fileLocale of LOCALES) {
    const file = input.files[`file_${fileLocale}`];
    if (file?.ok) files[fileLocale] = { storageKey: file.storageKey, byteSize: file.byteSize, fileName: `psg-${slug}-${fileLocale}.pdf` };
    else if (values[`remove_${fileLocale}`] === 'on') files[fileLocale] = 'remove';
  }

  let saved: SavePublicationResult;
  try {
    saved = await savePublication(staffId, data.id ?? null, {
      slug,
      type: data.type,
      publishedOn: normaliseDate(data.publishedOn, data.datePrecision),
      datePrecision: data.datePrecision,
      partner: data.partner || null,
      featured: data.featured === 'on',
      en: { title: data.titleEn, summary: data.summaryEn },
      es: data.titleEs ? { title: data.titleEs, summary: data.summaryEs } : null,
      topicIds: topics,
      files,
    });
  } catch (error) {
    await deleteStoredFiles(stored);
    throw error;
  }
  if (!saved.ok) return refuse(saved.error === 'duplicate' ? { fieldErrors: { slug: 'duplicate' } } : { error: 'notFound' });
  await deleteStoredFiles(saved.value.droppedKeys);
  // Outside a server action (updateTag's home): expire now, rebuilt on the next request.
  revalidateTag(CONTENT_TAGS.publications, { expire: 0 });
  if (!data.id) return { redirect: `${getPathname({ href: `/admin/publications/${saved.value.id}`, locale })}?saved=1` };
  return { state: { values: { ...values, remove_en: '', remove_es: '' }, topics, done: 'saved' } };
}
