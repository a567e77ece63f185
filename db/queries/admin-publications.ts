import 'server-only';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { getDb, type Tx } from '../client';
import {
  newsletterIssues,
  publicationFiles,
  publications,
  publicationTopics,
  publicationTranslations,
  type Locale,
  type PublicationType,
} from '../schema';
import { oneRow } from './rows';

export type PublicationStatus = 'draft' | 'published';

// ---------------------------------------------------------------- the staff list

export type AdminListQuery = {
  q?: string;
  status?: PublicationStatus;
  type?: PublicationType;
  /** Keyset positions: the last (after) or first (before) row shown. */
  after?: PublicationPosition | null;
  before?: PublicationPosition | null;
  pageSize: number;
};

export type AdminListItem = {
  id: string;
  slug: string;
  type: PublicationType;
  status: PublicationStatus;
  featured: boolean;
  publishedOn: string;
  datePrecision: 'day' | 'month' | 'year';
  titleEn: string;
  hasSpanish: boolean;
  fileLocales: Locale[];
};

/** A row's place in the list's order (lib/content/publication-list.ts makes and checks it). */
export type PublicationPosition = { date: string; id: string };

export type AdminListPage = { items: AdminListItem[]; next: PublicationPosition | null; prev: PublicationPosition | null };

const positionOf = (row: { published_on: string; id: string }): PublicationPosition => ({ date: row.published_on, id: row.id });

/** The words of a search as ASCII lower case: accents folded, tsquery syntax impossible. */
export function searchWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, 8);
}

/**
 * Every publication (drafts too), newest first, 50 a page by keyset on (published_on, id):
 * a page costs the same at row 10,000 as at row 1. The search matches every word, as a
 * prefix, in the English or Spanish title (weight A of each translation's search vector,
 * so the GIN index answers it): "miner" finds "Minería" and "mining".
 */
export async function listAdminPublications(query: AdminListQuery): Promise<AdminListPage> {
  const filters: SQL[] = [sql`true`];
  if (query.status) filters.push(sql`p.status = ${query.status}`);
  if (query.type) filters.push(sql`p.type = ${query.type}`);
  if (query.q?.trim()) {
    const words = searchWords(query.q);
    if (!words.length) return { items: [], next: null, prev: null };
    const tsq = sql.join(
      words.map((w) => sql`(to_tsquery('english'::regconfig, ${`${w}:*A`}) || to_tsquery('spanish'::regconfig, ${`${w}:*A`}))`),
      sql` && `,
    );
    filters.push(sql`p.id in (select t.publication_id from publication_translations t where t.search @@ (${tsq}))`);
  }
  const after = query.after ?? null;
  const before = after ? null : (query.before ?? null);
  if (after) filters.push(sql`(p.published_on, p.id) < (${after.date}::date, ${after.id}::uuid)`);
  if (before) filters.push(sql`(p.published_on, p.id) > (${before.date}::date, ${before.id}::uuid)`);
  const direction = before ? sql.raw('asc') : sql.raw('desc');

  // The page's rows are chosen on publications alone; translations and files are then
  // looked up by primary key for those rows only.
  const rows = await getDb().execute<{
    id: string;
    slug: string;
    type: PublicationType;
    status: PublicationStatus;
    featured: boolean;
    published_on: string;
    date_precision: 'day' | 'month' | 'year';
    title_en: string;
    has_spanish: boolean;
    file_locales: Locale[];
  }>(sql`
    with page as (
      select p.id, p.slug, p.type, p.status, p.featured, p.published_on, p.date_precision
      from publications p
      where ${sql.join(filters, sql` and `)}
      order by p.published_on ${direction}, p.id ${direction}
      limit ${query.pageSize + 1})
    select page.id, page.slug, page.type, page.status, page.featured, page.published_on::text as published_on, page.date_precision,
           coalesce((select te.title from publication_translations te where te.publication_id = page.id and te.locale = 'en'), page.slug) as title_en,
           exists (select 1 from publication_translations s where s.publication_id = page.id and s.locale = 'es') as has_spanish,
           array(select f.locale::text from publication_files f where f.publication_id = page.id order by f.locale) as file_locales
    from page
    order by page.published_on ${direction}, page.id ${direction}`);

  const more = rows.length > query.pageSize;
  const page = rows.slice(0, query.pageSize);
  if (before) page.reverse();
  const items = page.map((r) => ({
    id: r.id,
    slug: r.slug,
    type: r.type,
    status: r.status,
    featured: r.featured,
    publishedOn: r.published_on,
    datePrecision: r.date_precision,
    titleEn: r.title_en,
    hasSpanish: r.has_spanish,
    fileLocales: r.file_locales,
  }));
  const first = page[0];
  const last = page[page.length - 1];
  // Going forward there is a previous page whenever we started after a cursor; going
  // back there is a next page (the one we came from).
  const next = last && (before ? true : more) ? positionOf(last) : null;
  const prev = first && (after ? true : before ? more : false) ? positionOf(first) : null;
  return { items, next, prev };
}

// ---------------------------------------------------------------- one publication

export type AdminFile = { id: string; locale: Locale; fileName: string; byteSize: number; storageKey: string };

export type AdminPublication = {
  id: string;
  slug: string;
  type: PublicationType;
  status: PublicationStatus;
  featured: boolean;
  publishedOn: string;
  datePrecision: 'day' | 'month' | 'year';
  partner: string | null;
  en: { title: string; summary: string } | null;
  es: { title: string; summary: string } | null;
  topicIds: string[];
  files: AdminFile[];
  /** Set when this entry is a time-released newsletter issue. */
  releasedFromIssue: number | null;
};

export async function findAdminPublication(id: string): Promise<AdminPublication | null> {
  const db = getDb();
  const [row] = await db.select().from(publications).where(eq(publications.id, id));
  if (!row) return null;
  const [translations, topicRows, files, issue] = await Promise.all([
    db.select().from(publicationTranslations).where(eq(publicationTranslations.publicationId, id)),
    db.select({ topicId: publicationTopics.topicId }).from(publicationTopics).where(eq(publicationTopics.publicationId, id)),
    db.select().from(publicationFiles).where(eq(publicationFiles.publicationId, id)).orderBy(publicationFiles.locale),
    db.select({ number: newsletterIssues.number }).from(newsletterIssues).where(eq(newsletterIssues.releasedPublicationId, id)),
  ]);
  const text = (locale: Locale) => {
    const t = translations.find((x) => x.locale === locale);
    return t ? { title: t.title, summary: t.summary } : null;
  };
  return {
    id: row.id,
    slug: row.slug,
    type: row.type,
    status: row.status,
    featured: row.featured,
    publishedOn: row.publishedOn,
    datePrecision: row.datePrecision,
    partner: row.partner,
    en: text('en'),
    es: text('es'),
    topicIds: topicRows.map((t) => t.topicId),
    files: files.map((f) => ({ id: f.id, locale: f.locale, fileName: f.fileName, byteSize: f.byteSize, storageKey: f.storageKey })),
    releasedFromIssue: issue[0]?.number ?? null,
  };
}

// ---------------------------------------------------------------- writes (lib/content/*-publication.ts run them in one transaction)

/** A PDF already in storage, as a publication's file in one language. */
export type StoredUpload = { storageKey: string; byteSize: number; fileName: string };

/** The publication row's own columns, as staff edit them. */
export type PublicationColumns = {
  slug: string;
  type: PublicationType;
  publishedOn: string;
  datePrecision: 'day' | 'month' | 'year';
  partner: string | null;
  featured: boolean;
};

/** A new publication starts as a draft. */
export async function insertPublication(tx: Tx, values: PublicationColumns): Promise<{ id: string; slug: string }> {
  const row = oneRow(
    await tx
      .insert(publications)
      .values({ ...values, status: 'draft' })
      .returning({ id: publications.id, slug: publications.slug }),
    'the inserted publication',
  );
  return row;
}

export async function updatePublication(tx: Tx, id: string, values: PublicationColumns): Promise<{ id: string; slug: string } | null> {
  const [row] = await tx
    .update(publications)
    .set(values)
    .where(eq(publications.id, id))
    .returning({ id: publications.id, slug: publications.slug });
  return row ?? null;
}

export async function upsertPublicationTranslation(
  tx: Tx,
  publicationId: string,
  locale: Locale,
  text: { title: string; summary: string },
): Promise<void> {
  await tx
    .insert(publicationTranslations)
    .values({ publicationId, locale, title: text.title, summary: text.summary })
    .onConflictDoUpdate({
      target: [publicationTranslations.publicationId, publicationTranslations.locale],
      set: { title: text.title, summary: text.summary },
    });
}

export async function deletePublicationTranslation(tx: Tx, publicationId: string, locale: Locale): Promise<void> {
  await tx
    .delete(publicationTranslations)
    .where(and(eq(publicationTranslations.publicationId, publicationId), eq(publicationTranslations.locale, locale)));
}

export async function listPublicationTopicIds(tx: Tx, publicationId: string): Promise<string[]> {
  const rows = await tx
    .select({ topicId: publicationTopics.topicId })
    .from(publicationTopics)
    .where(eq(publicationTopics.publicationId, publicationId));
  return rows.map((t) => t.topicId);
}

export async function unlinkPublicationTopics(tx: Tx, publicationId: string, topicIds: string[]): Promise<void> {
  await tx
    .delete(publicationTopics)
    .where(and(eq(publicationTopics.publicationId, publicationId), inArray(publicationTopics.topicId, topicIds)));
}

export async function linkPublicationTopics(tx: Tx, publicationId: string, topicIds: string[]): Promise<void> {
  await tx.insert(publicationTopics).values(topicIds.map((topicId) => ({ publicationId, topicId })));
}

/** Deletes the file row of one language; returns the storage keys it named. */
export async function deletePublicationFile(tx: Tx, publicationId: string, locale: Locale): Promise<string[]> {
  const gone = await tx
    .delete(publicationFiles)
    .where(and(eq(publicationFiles.publicationId, publicationId), eq(publicationFiles.locale, locale)))
    .returning({ storageKey: publicationFiles.storageKey });
  return gone.map((g) => g.storageKey);
}

export async function insertPublicationFile(tx: Tx, publicationId: string, locale: Locale, file: StoredUpload): Promise<void> {
  await tx.insert(publicationFiles).values({
    publicationId,
    locale,
    storageKey: file.storageKey,
    fileName: file.fileName,
    contentType: 'application/pdf',
    byteSize: file.byteSize,
  });
}

export async function updatePublicationStatus(tx: Tx, id: string, status: PublicationStatus): Promise<{ slug: string } | null> {
  const [row] = await tx.update(publications).set({ status }).where(eq(publications.id, id)).returning({ slug: publications.slug });
  return row ?? null;
}

/** Locks a publication's row for the rest of the transaction. */
export async function lockPublication(tx: Tx, id: string): Promise<{ slug: string } | null> {
  const [row] = await tx.select({ slug: publications.slug }).from(publications).where(eq(publications.id, id)).for('update');
  return row ?? null;
}

/** Whether this publication is the time-released entry of a newsletter issue. */
export async function isReleasedNewsletter(tx: Tx, id: string): Promise<boolean> {
  const released = await tx
    .select({ id: newsletterIssues.id })
    .from(newsletterIssues)
    .where(eq(newsletterIssues.releasedPublicationId, id));
  return released.length > 0;
}

export async function listPublicationStorageKeys(tx: Tx, id: string): Promise<string[]> {
  const files = await tx
    .select({ storageKey: publicationFiles.storageKey })
    .from(publicationFiles)
    .where(eq(publicationFiles.publicationId, id));
  return files.map((f) => f.storageKey);
}

/** Deletes a publication; its translations, topic links and file rows go with it. */
export async function deletePublicationRow(tx: Tx, id: string): Promise<void> {
  await tx.delete(publications).where(eq(publications.id, id));
}
