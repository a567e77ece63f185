'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { enqueueRecipients } from '@/db/queries/newsletter-deliveries';
import { DuplicateIssueNumberError, findIssue, saveIssue, setIssuePublished } from '@/db/queries/newsletters';
import { requireRole } from '@/lib/auth/guards';
import { getPathname } from '@/lib/i18n/navigation';
import { requestNewsletterSend } from '@/lib/jobs/newsletter';
import { sendMail } from '@/lib/mail';
import { newsletterMail } from '@/lib/newsletter/mail';
import { getStorage, newStorageKey } from '@/lib/storage';
import { checkPdfUpload } from '@/lib/storage/upload';
import { getMembershipGraceDays } from '@/db/queries/settings';

export type IssueFormState = { values: Record<string, string>; fieldErrors?: Record<string, string>; error?: string; saved?: boolean };

const schema = z.object({
  id: z.uuid().optional().or(z.literal('').transform(() => undefined)),
  number: z.coerce.number().int().min(1).max(9_999_999),
  title: z.string().trim().min(1).max(200),
  issuedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((v) => !Number.isNaN(new Date(v).getTime())),
  summary: z.string().trim().max(1000).default(''),
  bodyMarkdown: z.string().max(200_000).default(''),
  publicAfterMonths: z.preprocess((v) => (v === '' || v === undefined ? null : v), z.coerce.number().int().min(0).max(600).nullable()),
});

const localeOf = (formData: FormData): 'en' | 'es' => (formData.get('locale') === 'es' ? 'es' : 'en');

/** Staff create or edit an issue, with an optional PDF checked by its content. */
export async function saveNewsletterIssue(_previous: IssueFormState, formData: FormData): Promise<IssueFormState> {
  const locale = localeOf(formData);
  const staff = await requireRole('staff', { returnTo: getPathname({ href: '/admin/newsletters', locale }), locale });
  const values = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, String(v)]));
  const parsed = schema.safeParse(values);
  if (!parsed.success) return { values, fieldErrors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), 'invalid'])) };
  const upload = formData.get('pdf');
  let pdf: { storageKey: string; byteSize: number } | null = null;
  if (upload instanceof File && (upload.size > 0 || upload.name)) {
    const check = await checkPdfUpload(upload);
    if (!check.ok) return { values, fieldErrors: { pdf: check.error } };
    const storageKey = newStorageKey('newsletters', 'pdf');
    await getStorage().put(storageKey, check.bytes);
    pdf = { storageKey, byteSize: check.bytes.byteLength };
  }
  const { id, ...fields } = parsed.data;
  try {
    const issue = await saveIssue(staff.id, id ?? null, { ...fields, pdf });
    if (!id) redirect(getPathname({ href: `/admin/newsletters/${issue.id}`, locale }));
  } catch (error) {
    if (error instanceof DuplicateIssueNumberError) return { values, fieldErrors: { number: 'duplicate' } };
    throw error;
  }
  return { values, saved: true };
}

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
    await enqueueRecipients(issue.id, staff.id, await getMembershipGraceDays());
    await requestNewsletterSend(issue.id);
  }
  redirect(getPathname({ href: issue ? `/admin/newsletters/${issue.id}` : '/admin/newsletters', locale }));
}
