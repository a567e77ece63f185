'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { findIssue } from '@/db/queries/newsletters';
import type { NewsletterIssue } from '@/db/schema';
import { membershipLifecycleSql } from '@/lib/membership/lifecycle';
import { formCommand, guards } from '@/lib/forms/action';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { requestNewsletterSend } from '@/lib/jobs/newsletter';
import { enqueueRecipients } from '@/lib/newsletter/enqueue-recipients';
import { sendMail } from '@/lib/mail';
import { newsletterMail } from '@/lib/newsletter/mail';
import { setIssuePublished } from '@/lib/newsletter/set-issue-published';
import { getMembershipGraceDays } from '@/db/queries/settings';

// Creating and editing (with the PDF) posts to /api/admin/newsletters instead: a server
// action would read the whole upload before any check (lib/http/staff-form-route.ts).

const issuePage = (locale: AppLocale, issue: NewsletterIssue | null) =>
  getPathname({ href: issue ? `/admin/newsletters/${issue.id}` : '/admin/newsletters', locale });

// Each form names its issue, for staff; one that names none that exists goes back to the list.
const issueForm = {
  guard: guards.staff('/admin/newsletters'),
  refused: ({ locale }: { locale: AppLocale }) => redirect(issuePage(locale, null)),
};

export const publishNewsletterIssue = formCommand(
  { schema: z.object({ id: z.uuid(), publish: z.string().optional() }), ...issueForm },
  async (input, { user, locale }) => {
    const issue = await findIssue(input.id);
    if (issue) await setIssuePublished(user.id, issue.id, input.publish === 'true');
    redirect(issuePage(locale, issue));
  },
);

/** The mail exactly as members will get it, sent to the staff member only. */
export const sendNewsletterTest = formCommand({ schema: z.object({ id: z.uuid() }), ...issueForm }, async (input, { user, locale }) => {
  const issue = await findIssue(input.id);
  if (issue) {
    const mail = await newsletterMail(issue, { userId: user.id, email: user.email, locale });
    await sendMail({ ...mail, subject: `[TEST] ${mail.subject}` });
  }
  redirect(`${issuePage(locale, issue)}?test=sent`);
});

/** Queues the issue for every opted-in member with access; the worker sends it. */
export const sendNewsletterToMembers = formCommand(
  { schema: z.object({ id: z.uuid(), confirm: z.string().optional() }), ...issueForm },
  async (input, { user, locale }) => {
    const issue = await findIssue(input.id);
    if (issue?.published && input.confirm === 'on') {
      await enqueueRecipients(issue.id, user.id, membershipLifecycleSql(await getMembershipGraceDays()));
      await requestNewsletterSend(issue.id);
    }
    redirect(issuePage(locale, issue));
  },
);
