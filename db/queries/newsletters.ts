import 'server-only';
import { and, desc, eq, sql } from 'drizzle-orm';
import { getDb, type Tx } from '../client';
import { newsletterIssues, type NewsletterIssue } from '../schema';
import { oneRow } from './rows';

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
  const [row] = await getDb()
    .select()
    .from(newsletterIssues)
    .where(and(eq(newsletterIssues.number, number), eq(newsletterIssues.published, true)));
  return row ?? null;
}

export async function listAllIssues(): Promise<NewsletterIssue[]> {
  return getDb().select().from(newsletterIssues).orderBy(desc(newsletterIssues.number));
}

export async function findIssue(id: string): Promise<NewsletterIssue | null> {
  const [row] = await getDb().select().from(newsletterIssues).where(eq(newsletterIssues.id, id));
  return row ?? null;
}

// Writes, run in one transaction by lib/newsletter/{save-issue,set-issue-published}.ts.

/** An issue's columns as staff edit them; the PDF's columns only when a new PDF came. */
export type IssueColumns = Pick<NewsletterIssue, 'number' | 'title' | 'issuedOn' | 'summary' | 'bodyMarkdown' | 'publicAfterMonths'> &
  Partial<Pick<NewsletterIssue, 'pdfStorageKey' | 'pdfByteSize'>>;

export async function insertIssue(tx: Tx, values: IssueColumns): Promise<NewsletterIssue> {
  const row = oneRow(await tx.insert(newsletterIssues).values(values).returning(), 'the inserted issue');
  return row;
}

export async function updateIssue(tx: Tx, id: string, values: IssueColumns): Promise<NewsletterIssue | null> {
  const [row] = await tx.update(newsletterIssues).set(values).where(eq(newsletterIssues.id, id)).returning();
  return row ?? null;
}

/** Publishing keeps the first publication time (the time-release counts from it). */
export async function updateIssuePublished(tx: Tx, id: string, published: boolean): Promise<NewsletterIssue | null> {
  const [row] = await tx
    .update(newsletterIssues)
    .set({ published, publishedAt: published ? sql`coalesce(${newsletterIssues.publishedAt}, now())` : newsletterIssues.publishedAt })
    .where(eq(newsletterIssues.id, id))
    .returning();
  return row ?? null;
}
