import 'server-only';
import { and, desc, eq, sql } from 'drizzle-orm';
import { getDb } from '../client';
import { newsletterIssues, type NewsletterIssue } from '../schema';
import { recordAudit } from './audit';

export type IssueListItem = Pick<NewsletterIssue, 'id' | 'number' | 'title' | 'issuedOn' | 'summary'> & { hasPdf: boolean };

/** Published issues, newest first; search over title, summary and body; optional year. */
export async function listPublishedIssues(filter: { q?: string; year?: number }): Promise<IssueListItem[]> {
  const conditions = [eq(newsletterIssues.published, true)];
  if (filter.year) conditions.push(sql`extract(year from ${newsletterIssues.issuedOn}) = ${filter.year}`);
  if (filter.q) {
    conditions.push(sql`to_tsvector('english'::regconfig, immutable_unaccent(${newsletterIssues.title} || ' ' || ${newsletterIssues.summary} || ' ' || ${newsletterIssues.bodyMarkdown}))
      @@ websearch_to_tsquery('english'::regconfig, immutable_unaccent(${filter.q}))`);
  }
  const rows = await getDb()
    .select({
      id: newsletterIssues.id,
      number: newsletterIssues.number,
      title: newsletterIssues.title,
      issuedOn: newsletterIssues.issuedOn,
      summary: newsletterIssues.summary,
      hasPdf: sql<boolean>`${newsletterIssues.pdfStorageKey} is not null`,
    })
    .from(newsletterIssues)
    .where(and(...conditions))
    .orderBy(desc(newsletterIssues.issuedOn), desc(newsletterIssues.number));
  return rows;
}

export async function listIssueYears(): Promise<number[]> {
  const rows = await getDb().execute<{ year: number }>(
    sql`select distinct extract(year from issued_on)::int as year from newsletter_issues where published order by year desc`,
  );
  return rows.map((r) => r.year);
}

export async function findPublishedIssue(number: number): Promise<NewsletterIssue | null> {
  const [row] = await getDb().select().from(newsletterIssues).where(and(eq(newsletterIssues.number, number), eq(newsletterIssues.published, true)));
  return row ?? null;
}

export async function listAllIssues(): Promise<NewsletterIssue[]> {
  return getDb().select().from(newsletterIssues).orderBy(desc(newsletterIssues.number));
}

export async function findIssue(id: string): Promise<NewsletterIssue | null> {
  const [row] = await getDb().select().from(newsletterIssues).where(eq(newsletterIssues.id, id));
  return row ?? null;
}

export type IssueFields = Pick<NewsletterIssue, 'number' | 'title' | 'issuedOn' | 'summary' | 'bodyMarkdown' | 'publicAfterMonths'> & {
  pdf?: { storageKey: string; byteSize: number } | null;
};

export class DuplicateIssueNumberError extends Error {}

/** Creates or updates an issue, with its audit entry, in one transaction. */
export async function saveIssue(actorUserId: string, id: string | null, fields: IssueFields): Promise<NewsletterIssue> {
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
      const [row] = id
        ? await tx.update(newsletterIssues).set(values).where(eq(newsletterIssues.id, id)).returning()
        : await tx.insert(newsletterIssues).values(values).returning();
      await recordAudit(
        { actorUserId, action: id ? 'newsletter.updated' : 'newsletter.created', entityType: 'newsletter_issue', entityId: row.id, data: { number: row.number, pdfReplaced: Boolean(fields.pdf) } },
        tx,
      );
      return row;
    });
  } catch (error) {
    if (String((error as { cause?: { code?: string } }).cause?.code) === '23505') throw new DuplicateIssueNumberError();
    throw error;
  }
}

export async function setIssuePublished(actorUserId: string, id: string, published: boolean): Promise<NewsletterIssue | null> {
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .update(newsletterIssues)
      .set({ published, publishedAt: published ? sql`coalesce(${newsletterIssues.publishedAt}, now())` : newsletterIssues.publishedAt })
      .where(eq(newsletterIssues.id, id))
      .returning();
    if (row) await recordAudit({ actorUserId, action: published ? 'newsletter.published' : 'newsletter.unpublished', entityType: 'newsletter_issue', entityId: id }, tx);
    return row ?? null;
  });
}
