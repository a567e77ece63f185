'use server';

import { updateTag } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import {
  deletePublication,
  DuplicateSlugError,
  findAdminPublication,
  ReleasedNewsletterError,
  savePublication,
  setPublicationStatus,
  type FileChange,
} from '@/db/queries/admin-publications';
import { publicationTypeEnum, type Locale } from '@/db/schema';
import { requireRole } from '@/lib/auth/guards';
import { CONTENT_TAGS } from '@/lib/content/tags';
import { SLUG_PATTERN, slugify } from '@/lib/content/slug';
import { getPathname } from '@/lib/i18n/navigation';
import { getStorage, newStorageKey } from '@/lib/storage';
import { checkPdfUpload } from '@/lib/storage/upload';

export type PublicationFormState = {
  values: Record<string, string>;
  topics: string[];
  fieldErrors?: Record<string, string>;
  saved?: boolean;
};

const optional = (max: number) => z.string().trim().max(max).default('');

const schema = z
  .object({
    id: z.uuid().optional().or(z.literal('').transform(() => undefined)),
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

const localeOf = (formData: FormData): 'en' | 'es' => (formData.get('locale') === 'es' ? 'es' : 'en');
const LOCALES: Locale[] = ['en', 'es'];

/** The date as stored: month and year precision keep the first day of the month or year. */
function normaliseDate(date: string, precision: 'day' | 'month' | 'year'): string {
  if (precision === 'year') return `${date.slice(0, 4)}-01-01`;
  if (precision === 'month') return `${date.slice(0, 7)}-01`;
  return date;
}

async function deleteStored(keys: string[]) {
  for (const key of keys) await getStorage().delete(key).catch((error: unknown) => console.error('Could not delete stored file', key, error));
}

/**
 * Staff create or edit a publication. New files are checked by content and stored before
 * the transaction (and deleted again if it fails); files they replace are deleted after it
 * commits. The cached public pages are refreshed on the next request (updateTag).
 */
export async function savePublicationAction(_previous: PublicationFormState, formData: FormData): Promise<PublicationFormState> {
  const locale = localeOf(formData);
  const staff = await requireRole('staff', { returnTo: getPathname({ href: '/admin/publications', locale }), locale });
  const values = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, String(v)]));
  const topics = formData.getAll('topics').filter((v): v is string => typeof v === 'string' && z.uuid().safeParse(v).success);
  const fieldErrors: Record<string, string> = {};

  const parsed = schema.safeParse(values);
  if (!parsed.success) for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message === 'required' ? 'required' : 'invalid';

  const existing = parsed.success && parsed.data.id ? await findAdminPublication(parsed.data.id) : null;
  if (parsed.success && parsed.data.id && !existing) return { values, topics, fieldErrors: { form: 'notFound' } };
  // Newsletter entries are made by the newsletter time-release; they can be edited, not made here.
  if (parsed.success && parsed.data.type === 'newsletter' && existing?.type !== 'newsletter') fieldErrors.type = 'newsletterType';

  const slug = parsed.success ? parsed.data.slug || slugify(parsed.data.titleEn) : '';
  if (parsed.success && !SLUG_PATTERN.test(slug)) fieldErrors.slug = 'slugFormat';
  if (parsed.success && !parsed.data.slug) values.slug = slug;

  const uploads: Partial<Record<Locale, Uint8Array>> = {};
  for (const fileLocale of LOCALES) {
    const file = formData.get(`file_${fileLocale}`);
    if (!(file instanceof File) || (file.size === 0 && !file.name)) continue;
    const check = await checkPdfUpload(file);
    if (check.ok) uploads[fileLocale] = check.bytes;
    else fieldErrors[`file_${fileLocale}`] = check.error;
  }
  if (!parsed.success || Object.keys(fieldErrors).length) return { values, topics, fieldErrors };

  const data = parsed.data;
  const files: Record<Locale, FileChange> = { en: undefined, es: undefined };
  const stored: string[] = [];
  for (const fileLocale of LOCALES) {
    const bytes = uploads[fileLocale];
    if (bytes) {
      const storageKey = newStorageKey('publications', 'pdf');
      await getStorage().put(storageKey, bytes);
      stored.push(storageKey);
      files[fileLocale] = { storageKey, byteSize: bytes.byteLength, fileName: `psg-${slug}-${fileLocale}.pdf` };
    } else if (values[`remove_${fileLocale}`] === 'on') files[fileLocale] = 'remove';
  }

  let saved: { id: string; droppedKeys: string[] };
  try {
    saved = await savePublication(staff.id, data.id ?? null, {
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
    await deleteStored(stored);
    if (error instanceof DuplicateSlugError) return { values, topics, fieldErrors: { slug: 'duplicate' } };
    throw error;
  }
  await deleteStored(saved.droppedKeys);
  updateTag(CONTENT_TAGS.publications);
  if (!data.id) redirect(`${getPathname({ href: `/admin/publications/${saved.id}`, locale })}?saved=1`);
  return { values: { ...values, remove_en: '', remove_es: '' }, topics, saved: true };
}

const idSchema = z.object({ id: z.uuid() });

async function staffAndId(formData: FormData) {
  const locale = localeOf(formData);
  const staff = await requireRole('staff', { returnTo: getPathname({ href: '/admin/publications', locale }), locale });
  const parsed = idSchema.safeParse({ id: formData.get('id') });
  return { locale, staff, id: parsed.success ? parsed.data.id : null };
}

export async function setPublicationStatusAction(formData: FormData): Promise<void> {
  const { locale, staff, id } = await staffAndId(formData);
  if (!id) redirect(getPathname({ href: '/admin/publications', locale }));
  const status = formData.get('publish') === 'true' ? 'published' : 'draft';
  const changed = await setPublicationStatus(staff.id, id, status);
  if (changed) updateTag(CONTENT_TAGS.publications);
  redirect(`${getPathname({ href: `/admin/publications/${id}`, locale })}?${status === 'published' ? 'published=1' : 'unpublished=1'}`);
}

/** Deletes a publication after a ticked confirmation; its files go once the deletion has committed. */
export async function deletePublicationAction(formData: FormData): Promise<void> {
  const { locale, staff, id } = await staffAndId(formData);
  if (!id) redirect(getPathname({ href: '/admin/publications', locale }));
  const edit = getPathname({ href: `/admin/publications/${id}`, locale });
  if (formData.get('confirm') !== 'on') redirect(`${edit}?delete=confirm`);
  let deleted: { slug: string; storageKeys: string[] } | null;
  try {
    deleted = await deletePublication(staff.id, id);
  } catch (error) {
    if (error instanceof ReleasedNewsletterError) redirect(`${edit}?delete=released`);
    throw error;
  }
  if (deleted) {
    await deleteStored(deleted.storageKeys);
    updateTag(CONTENT_TAGS.publications);
  }
  redirect(`${getPathname({ href: '/admin/publications', locale })}?${new URLSearchParams({ deleted: deleted?.slug ?? '' })}`);
}
