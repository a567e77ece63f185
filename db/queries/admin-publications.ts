import 'server-only';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { getDb } from '../client';
import {
  newsletterIssues,
  publicationFiles,
  publications,
  publicationTopics,
  publicationTranslations,
  type Locale,
  type PublicationType,
} from '../schema';
import { recordAudit } from './audit';

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

// ---------------------------------------------------------------- saving

export type StoredUpload = { storageKey: string; byteSize: number; fileName: string };
/** Per language: a new file (replaces any), 'remove', or undefined to keep what is there. */
export type FileChange = StoredUpload | 'remove' | undefined;

export type PublicationFields = {
  slug: string;
  type: PublicationType;
  publishedOn: string;
  datePrecision: 'day' | 'month' | 'year';
  partner: string | null;
  featured: boolean;
  en: { title: string; summary: string };
  /** null removes the Spanish translation. */
  es: { title: string; summary: string } | null;
  topicIds: string[];
  files: Record<Locale, FileChange>;
};

export class DuplicateSlugError extends Error {}
export class PublicationNotFoundError extends Error {}

const pgCode = (error: unknown) => {
  const e = error as { code?: string; cause?: { code?: string } };
  return String(e.cause?.code ?? e.code ?? '');
};

/**
 * Creates or updates a publication with its translations, topics and files, and its audit
 * entry, in one transaction. New files must already be in storage; the keys of files this
 * replaced or removed are returned so the caller deletes them once the change is committed.
 */
export async function savePublication(
  actorUserId: string,
  id: string | null,
  fields: PublicationFields,
): Promise<{ id: string; slug: string; droppedKeys: string[] }> {
  try {
    return await getDb().transaction(async (tx) => {
      const values = {
        slug: fields.slug,
        type: fields.type,
        publishedOn: fields.publishedOn,
        datePrecision: fields.datePrecision,
        partner: fields.partner,
        featured: fields.featured,
      };
      const [row] = id
        ? await tx.update(publications).set(values).where(eq(publications.id, id)).returning({ id: publications.id, slug: publications.slug })
        : await tx.insert(publications).values({ ...values, status: 'draft' }).returning({ id: publications.id, slug: publications.slug });
      if (!row) throw new PublicationNotFoundError();

      for (const locale of ['en', 'es'] as const) {
        const text = fields[locale];
        if (text) {
          await tx
            .insert(publicationTranslations)
            .values({ publicationId: row.id, locale, title: text.title, summary: text.summary })
            .onConflictDoUpdate({
              target: [publicationTranslations.publicationId, publicationTranslations.locale],
              set: { title: text.title, summary: text.summary },
            });
        } else {
          await tx.delete(publicationTranslations).where(and(eq(publicationTranslations.publicationId, row.id), eq(publicationTranslations.locale, locale)));
        }
      }

      // Topics: the triggers of migration 0003 copy the names into each translation.
      const current = (await tx.select({ topicId: publicationTopics.topicId }).from(publicationTopics).where(eq(publicationTopics.publicationId, row.id))).map((t) => t.topicId);
      const removed = current.filter((t) => !fields.topicIds.includes(t));
      const added = fields.topicIds.filter((t) => !current.includes(t));
      if (removed.length) await tx.delete(publicationTopics).where(and(eq(publicationTopics.publicationId, row.id), inArray(publicationTopics.topicId, removed)));
      if (added.length) await tx.insert(publicationTopics).values(added.map((topicId) => ({ publicationId: row.id, topicId })));

      const droppedKeys: string[] = [];
      const fileLog: Record<string, string> = {};
      for (const locale of ['en', 'es'] as const) {
        const change = fields.files[locale];
        if (!change) continue;
        const gone = await tx
          .delete(publicationFiles)
          .where(and(eq(publicationFiles.publicationId, row.id), eq(publicationFiles.locale, locale)))
          .returning({ storageKey: publicationFiles.storageKey });
        droppedKeys.push(...gone.map((g) => g.storageKey));
        if (change === 'remove') {
          if (gone.length) fileLog[locale] = 'removed';
          continue;
        }
        await tx.insert(publicationFiles).values({
          publicationId: row.id,
          locale,
          storageKey: change.storageKey,
          fileName: change.fileName,
          contentType: 'application/pdf',
          byteSize: change.byteSize,
        });
        fileLog[locale] = gone.length ? 'replaced' : 'added';
      }

      await recordAudit(
        {
          actorUserId,
          action: id ? 'publication.updated' : 'publication.created',
          entityType: 'publication',
          entityId: row.id,
          data: { slug: row.slug, type: fields.type, topics: fields.topicIds.length, spanish: Boolean(fields.es), files: fileLog },
        },
        tx,
      );
      return { id: row.id, slug: row.slug, droppedKeys };
    });
  } catch (error) {
    if (pgCode(error) === '23505' && /slug/.test(String((error as { cause?: { constraint_name?: string } }).cause?.constraint_name ?? (error as Error).message)))
      throw new DuplicateSlugError();
    throw error;
  }
}

export async function setPublicationStatus(actorUserId: string, id: string, status: PublicationStatus): Promise<boolean> {
  return getDb().transaction(async (tx) => {
    const [row] = await tx.update(publications).set({ status }).where(eq(publications.id, id)).returning({ slug: publications.slug });
    if (!row) return false;
    await recordAudit(
      { actorUserId, action: status === 'published' ? 'publication.published' : 'publication.unpublished', entityType: 'publication', entityId: id, data: { slug: row.slug } },
      tx,
    );
    return true;
  });
}

export class ReleasedNewsletterError extends Error {}

/**
 * Deletes a publication (translations, topic links and file rows go with it) and returns
 * the storage keys of its files, to delete once this has committed. A time-released
 * newsletter is refused: the release would simply make it again; unpublish it instead.
 */
export async function deletePublication(actorUserId: string, id: string): Promise<{ slug: string; storageKeys: string[] } | null> {
  return getDb().transaction(async (tx) => {
    const [row] = await tx.select({ slug: publications.slug }).from(publications).where(eq(publications.id, id)).for('update');
    if (!row) return null;
    const released = await tx.select({ id: newsletterIssues.id }).from(newsletterIssues).where(eq(newsletterIssues.releasedPublicationId, id));
    if (released.length) throw new ReleasedNewsletterError();
    const files = await tx.select({ storageKey: publicationFiles.storageKey }).from(publicationFiles).where(eq(publicationFiles.publicationId, id));
    await tx.delete(publications).where(eq(publications.id, id));
    await recordAudit({ actorUserId, action: 'publication.deleted', entityType: 'publication', entityId: id, data: { slug: row.slug, files: files.length } }, tx);
    return { slug: row.slug, storageKeys: files.map((f) => f.storageKey) };
  });
}
