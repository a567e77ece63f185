'use server';

import { updateTag } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { deletePublication, ReleasedNewsletterError, setPublicationStatus } from '@/db/queries/admin-publications';
import { requireRole } from '@/lib/auth/guards';
import { deleteStoredFiles } from '@/lib/content/publication-form';
import { CONTENT_TAGS } from '@/lib/content/tags';
import { getPathname } from '@/lib/i18n/navigation';

const localeOf = (formData: FormData): 'en' | 'es' => (formData.get('locale') === 'es' ? 'es' : 'en');

// Creating and editing (with the PDFs) posts to /api/admin/publications instead: a server
// action would read the whole upload before any check (lib/http/staff-form-route.ts).

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
    await deleteStoredFiles(deleted.storageKeys);
    updateTag(CONTENT_TAGS.publications);
  }
  redirect(`${getPathname({ href: '/admin/publications', locale })}?${new URLSearchParams({ deleted: deleted?.slug ?? '' })}`);
}
