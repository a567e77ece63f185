'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { enqueueRecipients } from '@/db/queries/newsletter-deliveries';
import { findIssue, setIssuePublished } from '@/db/queries/newsletters';
import { membershipLifecycleSql } from '@/lib/membership/lifecycle';
import { requireRole } from '@/lib/auth/guards';
import { getPathname } from '@/lib/i18n/navigation';
import { requestNewsletterSend } from '@/lib/jobs/newsletter';
import { sendMail } from '@/lib/mail';
import { newsletterMail } from '@/lib/newsletter/mail';
import { getMembershipGraceDays } from '@/db/queries/settings';

const localeOf = (formData: FormData): 'en' | 'es' => (formData.get('locale') === 'es' ? 'es' : 'en');

// Creating and editing (with the PDF) posts to /api/admin/newsletters instead: a server
// action would read the whole upload before any check (lib/http/staff-form-route.ts).

const idSchema = z.object({ id: z.uuid() });

async function staffAndIssue(formData: FormData) {
  const locale = localeOf(formData);
  const staff = await requireRole('staff', { returnTo: getPathname({ href: '/admin/newsletters', locale }), locale });
  const parsed = idSchema.safeParse({ id: formData.get('id') });
  const issue = parsed.success ? await findIssue(parsed.data.id) : null;
  return { locale, staff, issue };
}

export async function publishNewsletterIssue(formData: FormData): Promise<void> {
  const { staff, issue, locale } = await staffAndIssue(formData);
  if (issue) await setIssuePublished(staff.id, issue.id, formData.get('publish') === 'true');
  redirect(getPathname({ href: issue ? `/admin/newsletters/${issue.id}` : '/admin/newsletters', locale }));
}

/** The mail exactly as members will get it, sent to the staff member only. */
export async function sendNewsletterTest(formData: FormData): Promise<void> {
  const { staff, issue, locale } = await staffAndIssue(formData);
  if (issue) {
    const mail = await newsletterMail(issue, { userId: staff.id, email: staff.email, locale });
    await sendMail({ ...mail, subject: `[TEST] ${mail.subject}` });
  }
  redirect(`${getPathname({ href: issue ? `/admin/newsletters/${issue.id}` : '/admin/newsletters', locale })}?test=sent`);
}

/** Queues the issue for every opted-in member with access; the worker sends it. */
export async function sendNewsletterToMembers(formData: FormData): Promise<void> {
  const { staff, issue, locale } = await staffAndIssue(formData);
  if (issue?.published && formData.get('confirm') === 'on') {
    await enqueueRecipients(issue.id, staff.id, membershipLifecycleSql(await getMembershipGraceDays()));
    await requestNewsletterSend(issue.id);
  }
  redirect(getPathname({ href: issue ? `/admin/newsletters/${issue.id}` : '/admin/newsletters', locale }));
}
