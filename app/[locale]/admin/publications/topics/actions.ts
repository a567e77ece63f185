'use server';

import { updateTag } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { createTopic } from '@/lib/content/create-topic';
import { deleteTopic } from '@/lib/content/delete-topic';
import { renameTopic } from '@/lib/content/rename-topic';
import { CONTENT_TAGS } from '@/lib/content/tags';
import { SLUG_PATTERN, slugify } from '@/lib/content/slug';
import { formAction, formCommand, guards } from '@/lib/forms/action';
import type { FormState } from '@/lib/forms/state';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';

/** Why a topic form was refused: its messages are adminTopics.errors.<code>. */
export type TopicError = 'duplicate' | 'slugFormat' | 'notFound';

/** A topic form's state: a new topic is 'added', a renamed one 'saved'. */
export type TopicFormState = FormState<TopicError, 'added' | 'saved'>;

const staff = guards.staff('/admin/publications/topics');
const topicsPage = (locale: AppLocale) => getPathname({ href: '/admin/publications/topics', locale });

const names = z.object({ nameEn: z.string().trim().min(1).max(100), nameEs: z.string().trim().min(1).max(100) });

// Topic names appear on publication pages and in the library filters: refresh both.
function refreshPublicPages() {
  updateTag(CONTENT_TAGS.topics);
  updateTag(CONTENT_TAGS.publications);
}

export const createTopicAction = formAction(
  { schema: names.extend({ slug: z.string().trim().toLowerCase().max(60).default('') }), guard: staff },
  async (input, { user, values }): Promise<TopicFormState> => {
    const slug = input.slug || slugify(input.nameEn, 60);
    if (!SLUG_PATTERN.test(slug)) return { values: { ...values, slug }, fieldErrors: { slug: 'slugFormat' } };
    const created = await createTopic(user.id, { slug, nameEn: input.nameEn, nameEs: input.nameEs });
    if (!created.ok) return { values: { ...values, slug }, fieldErrors: { slug: created.error } };
    refreshPublicPages();
    return { values: {}, done: 'added' };
  },
);

export const renameTopicAction = formAction(
  { schema: names.extend({ id: z.uuid() }), guard: staff },
  async ({ id, ...topicNames }, { user, values }): Promise<TopicFormState> => {
    const renamed = await renameTopic(user.id, id, topicNames);
    if (!renamed.ok) return { values, fieldErrors: { nameEn: renamed.error } };
    refreshPublicPages();
    return { values, done: 'saved' };
  },
);

/** Deletes an unused topic after a ticked confirmation; a topic in use is refused with its count. */
export const deleteTopicAction = formCommand(
  {
    schema: z.object({ id: z.uuid(), confirm: z.literal('on') }),
    guard: staff,
    // An unknown id goes back to the list; a known one without the box ticked is asked to confirm.
    refused: ({ locale, values }) => {
      const id = z.uuid().safeParse(values.id);
      redirect(id.success ? `${topicsPage(locale)}?${new URLSearchParams({ error: 'confirm', topic: id.data })}` : topicsPage(locale));
    },
  },
  async ({ id }, { user, locale }) => {
    const page = topicsPage(locale);
    const deleted = await deleteTopic(user.id, id);
    if (!deleted.ok && deleted.error === 'inUse')
      redirect(`${page}?${new URLSearchParams({ error: 'inUse', topic: id, count: String(deleted.publications) })}`);
    if (deleted.ok) refreshPublicPages();
    redirect(`${page}?deleted=1`);
  },
);
