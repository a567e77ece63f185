'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { markImportRunning } from '@/lib/membership/member-import';
import { requireRole } from '@/lib/auth/guards';
import { getPathname } from '@/lib/i18n/navigation';
import { requestMemberImport } from '@/lib/jobs/member-import';

const localeOf = (formData: FormData): 'en' | 'es' => (formData.get('locale') === 'es' ? 'es' : 'en');

// Step 1 (uploading the CSV to check) posts to /api/admin/members/import instead: a
// server action would read the whole upload before any check (lib/http/staff-form-route.ts).

const startSchema = z.object({ id: z.uuid(), confirm: z.literal('on') });

/** Step 2: staff confirm a preview with no errors (or resume a failed run); the job queue imports it. */
export async function startMemberImport(formData: FormData): Promise<void> {
  const locale = localeOf(formData);
  const staff = await requireRole('staff', { returnTo: getPathname({ href: '/admin/members/import', locale }), locale });
  const parsed = startSchema.safeParse({ id: formData.get('id'), confirm: formData.get('confirm') });
  if (!parsed.success) {
    const id = z.uuid().safeParse(formData.get('id'));
    redirect(getPathname({ href: id.success ? `/admin/members/import/${id.data}` : '/admin/members/import', locale }));
  }
  if (await markImportRunning(parsed.data.id, staff.id)) await requestMemberImport(parsed.data.id);
  redirect(getPathname({ href: `/admin/members/import/${parsed.data.id}`, locale }));
}
