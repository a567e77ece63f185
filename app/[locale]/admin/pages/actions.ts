'use server';

import { updateTag } from 'next/cache';
import { z } from 'zod';
import { localeEnum, pageSlugEnum } from '@/db/schema';
import { savePage } from '@/lib/content/save-page';
import { CONTENT_TAGS } from '@/lib/content/tags';
import { formAction, guards } from '@/lib/forms/action';
import type { FormState } from '@/lib/forms/state';

/**
 * The page form's state: 'preview' shows the text as it would look, 'saved' shows it as
 * saved. Refused input reads adminPages.errors.invalid on its field.
 */
export type PageFormState = FormState<'invalid', 'preview' | 'saved'>;

const schema = z.object({
  slug: z.enum(pageSlugEnum.enumValues),
  pageLocale: z.enum(localeEnum.enumValues),
  title: z.string().trim().min(1).max(200),
  bodyMarkdown: z.string().trim().min(1).max(100_000),
  intent: z.enum(['preview', 'save']).default('save'),
});

/**
 * Staff edit one language of a content page. "Preview" renders the Markdown without
 * saving (a plain form post, so it works without JavaScript); "Save" writes it with an
 * audit entry and refreshes the cached public page.
 */
export const savePageAction = formAction(
  { schema, guard: guards.staff('/admin/pages') },
  async ({ slug, pageLocale, title, bodyMarkdown, intent }, { user, values }): Promise<PageFormState> => {
    if (intent === 'preview') return { values, done: 'preview' };
    await savePage(user.id, slug, pageLocale, { title, bodyMarkdown });
    updateTag(CONTENT_TAGS.pages);
    return { values, done: 'saved' };
  },
);
