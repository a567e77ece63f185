'use server';

import { updateTag } from 'next/cache';
import { z } from 'zod';
import { savePage } from '@/db/queries/admin-pages';
import { localeEnum, pageSlugEnum } from '@/db/schema';
import { requireRole } from '@/lib/auth/guards';
import { CONTENT_TAGS } from '@/lib/content/tags';
import { getPathname } from '@/lib/i18n/navigation';

export type PageFormState = { values: Record<string, string>; fieldErrors?: Record<string, string>; preview?: boolean; saved?: boolean };

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
export async function savePageAction(_previous: PageFormState, formData: FormData): Promise<PageFormState> {
  const locale = formData.get('locale') === 'es' ? 'es' : 'en';
  const values = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, String(v)]));
  const staff = await requireRole('staff', { returnTo: getPathname({ href: '/admin/pages', locale }), locale });
  const parsed = schema.safeParse(values);
  if (!parsed.success) return { values, fieldErrors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), 'invalid'])) };
  const { slug, pageLocale, title, bodyMarkdown, intent } = parsed.data;
  if (intent === 'preview') return { values, preview: true };
  await savePage(staff.id, slug, pageLocale, { title, bodyMarkdown });
  updateTag(CONTENT_TAGS.pages);
  return { values, saved: true, preview: true };
}
