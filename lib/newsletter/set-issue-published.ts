import 'server-only';
import { getDb } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { updateIssuePublished } from '@/db/queries/newsletters';
import type { NewsletterIssue } from '@/db/schema';
import { ok, refused, type Result } from '@/lib/result';

/** Publishes an issue to members (or withdraws it), with its audit entry. */
export async function setIssuePublished(actorUserId: string, id: string, published: boolean): Promise<Result<NewsletterIssue, 'notFound'>> {
  return getDb().transaction(async (tx): Promise<Result<NewsletterIssue, 'notFound'>> => {
    const row = await updateIssuePublished(tx, id, published);
    if (!row) return refused('notFound');
    await recordAudit(
      { actorUserId, action: published ? 'newsletter.published' : 'newsletter.unpublished', entityType: 'newsletter_issue', entityId: id },
      tx,
    );
    return ok(row);
  });
}
