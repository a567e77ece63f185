import 'server-only';
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { getDb } from '../client';
import { newsletterIssues, publicationFiles, publications, publicationTranslations, type NewsletterIssue } from '../schema';
import { recordAudit } from './audit';

/** Published issues whose time-release date (publication + N months) has passed and that are not yet public. */
export async function listIssuesDueForRelease(now: Date = new Date()): Promise<NewsletterIssue[]> {
  return getDb()
    .select()
    .from(newsletterIssues)
    .where(
      and(
        eq(newsletterIssues.published, true),
        isNotNull(newsletterIssues.publicAfterMonths),
        isNull(newsletterIssues.releasedPublicationId),
        sql`${newsletterIssues.publishedAt} + make_interval(months => ${newsletterIssues.publicAfterMonths}) <= ${now.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(newsletterIssues.number);
}

export function releasedPublicationSlug(issueNumber: number): string {
  return `newsletter-${issueNumber}`;
}

/**
 * Makes the public library entry for an issue, once: the issue row is locked, so two
 * processes releasing at the same moment make one entry. Returns null when the issue was
 * already released (or is no longer due), so the caller can drop the file it copied.
 */
export async function recordIssueRelease(
  issueId: string,
  pdf: { storageKey: string; byteSize: number } | null,
): Promise<{ publicationId: string; slug: string } | null> {
  return getDb().transaction(async (tx) => {
    const [issue] = await tx.select().from(newsletterIssues).where(eq(newsletterIssues.id, issueId)).for('update');
    if (!issue || issue.releasedPublicationId || !issue.published) return null;
    const slug = releasedPublicationSlug(issue.number);
    const [publication] = await tx
      .insert(publications)
      .values({ slug, type: 'newsletter', publishedOn: issue.issuedOn, datePrecision: 'month', status: 'published' })
      .returning({ id: publications.id });
    await tx.insert(publicationTranslations).values({
      publicationId: publication.id,
      locale: 'en',
      title: `Newsletter ${issue.number}: ${issue.title}`,
      summary: issue.summary,
    });
    if (pdf) {
      await tx.insert(publicationFiles).values({
        publicationId: publication.id,
        locale: 'en',
        storageKey: pdf.storageKey,
        fileName: `psg-newsletter-${issue.number}.pdf`,
        contentType: 'application/pdf',
        byteSize: pdf.byteSize,
      });
    }
    await tx.update(newsletterIssues).set({ releasedPublicationId: publication.id }).where(eq(newsletterIssues.id, issueId));
    await recordAudit(
      { actorUserId: null, action: 'newsletter.released', entityType: 'newsletter_issue', entityId: issueId, data: { number: issue.number, publicationId: publication.id } },
      tx,
    );
    return { publicationId: publication.id, slug };
  });
}
