import 'server-only';
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { getDb, type Tx } from '../client';
import { newsletterIssues, publications, publicationTranslations, type NewsletterIssue } from '../schema';
import { oneRow } from './rows';

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

// Writes, run in one transaction by lib/newsletter/release.ts.

/** Locks an issue's row for the rest of the transaction. */
export async function lockIssue(tx: Tx, issueId: string): Promise<NewsletterIssue | null> {
  const [issue] = await tx.select().from(newsletterIssues).where(eq(newsletterIssues.id, issueId)).for('update');
  return issue ?? null;
}

/** The public library entry of a released issue: a published newsletter, dated by the month. */
export async function insertReleasedPublication(tx: Tx, entry: { slug: string; publishedOn: string }): Promise<string> {
  const publication = oneRow(
    await tx
      .insert(publications)
      .values({ slug: entry.slug, type: 'newsletter', publishedOn: entry.publishedOn, datePrecision: 'month', status: 'published' })
      .returning({ id: publications.id }),
    'the inserted publication',
  );
  return publication.id;
}

export async function insertReleasedTranslation(tx: Tx, publicationId: string, text: { title: string; summary: string }): Promise<void> {
  await tx.insert(publicationTranslations).values({ publicationId, locale: 'en', title: text.title, summary: text.summary });
}

export async function markIssueReleased(tx: Tx, issueId: string, publicationId: string): Promise<void> {
  await tx.update(newsletterIssues).set({ releasedPublicationId: publicationId }).where(eq(newsletterIssues.id, issueId));
}
