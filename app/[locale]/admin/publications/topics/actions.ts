'use server';

import { updateTag } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { createTopic, deleteTopic, DuplicateTopicError, renameTopic, TopicInUseError } from '@/db/queries/admin-topics';
import { requireRole } from '@/lib/auth/guards';
import { CONTENT_TAGS } from '@/lib/content/tags';
import { SLUG_PATTERN, slugify } from '@/lib/content/slug';
import { getPathname } from '@/lib/i18n/navigation';

export type TopicFormState = { values: Record<string, string>; fieldErrors?: Record<string, string>; saved?: boolean };

const names = z.object({ nameEn: z.string().trim().min(1).max(100), nameEs: z.string().trim().min(1).max(100) });

const localeOf = (formData: FormData): 'en' | 'es' => (formData.get('locale') === 'es' ? 'es' : 'en');
const stringsOf = (formData: FormData) =>
  Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, String(v)]));

async function staff(formData: FormData) {
  const locale = localeOf(formData);
  const user = await requireRole('staff', { returnTo: getPathname({ href: '/admin/publications/topics', locale }), locale });
  return { locale, user };
}

// Topic names appear on publication pages and in the library filters: refresh both.
function refreshPublicPages() {
  updateTag(CONTENT_TAGS.topics);
  updateTag(CONTENT_TAGS.publications);
}

const fieldErrorsOf = (error: z.ZodError) => Object.fromEntries(error.issues.map((i) => [String(i.path[0]), 'invalid']));

export async function createTopicAction(_previous: TopicFormState, formData: FormData): Promise<TopicFormState> {
  const { user } = await staff(formData);
  const values = stringsOf(formData);
  const parsed = names.extend({ slug: z.string().trim().toLowerCase().max(60).default('') }).safeParse(values);
  if (!parsed.success) return { values, fieldErrors: fieldErrorsOf(parsed.error) };
  const slug = parsed.data.slug || slugify(parsed.data.nameEn, 60);
  if (!SLUG_PATTERN.test(slug)) return { values: { ...values, slug }, fieldErrors: { slug: 'slugFormat' } };
  try {
    await createTopic(user.id, { slug, nameEn: parsed.data.nameEn, nameEs: parsed.data.nameEs });
  } catch (error) {
    if (error instanceof DuplicateTopicError) return { values: { ...values, slug }, fieldErrors: { slug: 'duplicate' } };
    throw error;
  }
  refreshPublicPages();
  return { values: {}, saved: true };
}

export async function renameTopicAction(_previous: TopicFormState, formData: FormData): Promise<TopicFormState> {
  const { user } = await staff(formData);
  const values = stringsOf(formData);
  const parsed = names.extend({ id: z.uuid() }).safeParse(values);
  if (!parsed.success) return { values, fieldErrors: fieldErrorsOf(parsed.error) };
  const { id, ...topicNames } = parsed.data;
  if (!(await renameTopic(user.id, id, topicNames))) return { values, fieldErrors: { nameEn: 'notFound' } };
  refreshPublicPages();
  return { values, saved: true };
}

/** Deletes an unused topic after a ticked confirmation; a topic in use is refused with its count. */
export async function deleteTopicAction(formData: FormData): Promise<void> {
  const { locale, user } = await staff(formData);
  const page = getPathname({ href: '/admin/publications/topics', locale });
  const id = z.uuid().safeParse(formData.get('id'));
  if (!id.success) redirect(page);
  if (formData.get('confirm') !== 'on') redirect(`${page}?${new URLSearchParams({ error: 'confirm', topic: id.data })}`);
  try {
    if (await deleteTopic(user.id, id.data)) refreshPublicPages();
  } catch (error) {
    if (error instanceof TopicInUseError) redirect(`${page}?${new URLSearchParams({ error: 'inUse', topic: id.data, count: String(error.publications) })}`);
    throw error;
  }
  redirect(`${page}?deleted=1`);
}
