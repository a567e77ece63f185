'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { markImportRunning } from '@/lib/membership/member-import';
import { formCommand, guards } from '@/lib/forms/action';
import { getPathname } from '@/lib/i18n/navigation';
import { requestMemberImport } from '@/lib/jobs/member-import';

// Step 1 (uploading the CSV to check) posts to /api/admin/members/import instead: a
// server action would read the whole upload before any check (lib/http/staff-form-route.ts).

/** Step 2: staff confirm a preview with no errors (or resume a failed run); the job queue imports it. */
export const startMemberImport = formCommand(
  {
    schema: z.object({ id: z.uuid(), confirm: z.literal('on') }),
    guard: guards.staff('/admin/members/import'),
    // Not confirmed: back to the preview (or to the upload form when the id is no preview's).
    refused: ({ locale, values }) => {
      const id = z.uuid().safeParse(values.id);
      redirect(getPathname({ href: id.success ? `/admin/members/import/${id.data}` : '/admin/members/import', locale }));
    },
  },
  async ({ id }, { user, locale }) => {
    if (await markImportRunning(id, user.id)) await requestMemberImport(id);
    redirect(getPathname({ href: `/admin/members/import/${id}`, locale }));
  },
);
