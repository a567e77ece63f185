import 'server-only';
import { getDb } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { insertIssue, updateIssue } from '@/db/queries/newsletters';
import type { NewsletterIssue } from '@/db/schema';
import { ok, refused, type Result } from '@/lib/result';

export type IssueFields = Pick<NewsletterIssue, 'number' | 'title' | 'issuedOn' | 'summary' | 'bodyMarkdown' | 'publicAfterMonths'> & {
  pdf?: { storageKey: string; byteSize: number } | null;
};

export type SaveIssueResult = Result<NewsletterIssue, 'duplicate'>;

/** Creates or updates an issue, with its audit entry, in one transaction; 'duplicate' when its number is taken. */
export async function saveIssue(actorUserId: string, id: string | null, fields: IssueFields): Promise<SaveIssueResult> {
  try {
    return await getDb().transaction(async (tx) => {
      const values = {
        number: fields.number,
        title: fields.title,
        issuedOn: fields.issuedOn,
        summary: fields.summary,
        bodyMarkdown: fields.bodyMarkdown,
        publicAfterMonths: fields.publicAfterMonths,
        ...(fields.pdf ? { pdfStorageKey: fields.pdf.storageKey, pdfByteSize: fields.pdf.byteSize } : {}),
      };
      const row = id ? await updateIssue(tx, id, values) : await insertIssue(tx, values);
      // Issues are never deleted: an unknown id is a bug, not a refusal.
      if (!row) throw new Error(`Newsletter issue ${id} not found`);
      await recordAudit(
        {
          actorUserId,
          action: id ? 'newsletter.updated' : 'newsletter.created',
          entityType: 'newsletter_issue',
          entityId: row.id,
          data: { number: row.number, pdfReplaced: Boolean(fields.pdf) },
        },
        tx,
      );
      return ok(row);
    });
  } catch (error) {
    if (String((error as { cause?: { code?: string } }).cause?.code) === '23505') return refused('duplicate');
    throw error;
  }
}
