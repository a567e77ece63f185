'use server';

import { updateTag } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { deletePublication } from '@/lib/content/delete-publication';
import { deleteStoredFiles } from '@/lib/content/publication-form';
import { setPublicationStatus } from '@/lib/content/set-publication-status';
import { CONTENT_TAGS } from '@/lib/content/tags';
import { formCommand, guards } from '@/lib/forms/action';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';

// Creating and editing (with the PDFs) posts to /api/admin/publications instead: a server
// action would read the whole upload before any check (lib/http/staff-form-route.ts).

const staff = guards.staff('/admin/publications');
const listPage = (locale: AppLocale) => getPathname({ href: '/admin/publications', locale });
const editPage = (locale: AppLocale, id: string) => getPathname({ href: `/admin/publications/${id}`, locale });

export const setPublicationStatusAction = formCommand(
  {
    schema: z.object({ id: z.uuid(), publish: z.string().optional() }),
    guard: staff,
    refused: ({ locale }) => redirect(listPage(locale)),
  },
  async ({ id, publish }, { user, locale }) => {
    const status = publish === 'true' ? 'published' : 'draft';
    const changed = await setPublicationStatus(user.id, id, status);
    if (changed.ok) updateTag(CONTENT_TAGS.publications);
    redirect(`${editPage(locale, id)}?${status === 'published' ? 'published=1' : 'unpublished=1'}`);
  },
);

/** Deletes a publication after a ticked confirmation; its files go once the deletion has committed. */
export const deletePublicationAction = formCommand(
  {
    schema: z.object({ id: z.uuid(), confirm: z.literal('on') }),
    guard: staff,
    // An unknown id goes back to the list; a known one without the box ticked is asked to confirm.
    refused: ({ locale, values }) => {
      const id = z.uuid().safeParse(values.id);
      redirect(id.success ? `${editPage(locale, id.data)}?delete=confirm` : listPage(locale));
    },
  },
  async ({ id }, { user, locale }) => {
    const deleted = await deletePublication(user.id, id);
    if (!deleted.ok && deleted.error === 'released') redirect(`${editPage(locale, id)}?delete=released`);
    if (deleted.ok) {
      await deleteStoredFiles(deleted.value.storageKeys);
      updateTag(CONTENT_TAGS.publications);
    }
    redirect(`${listPage(locale)}?${new URLSearchParams({ deleted: deleted.ok ? deleted.value.slug : '' })}`);
  },
);
