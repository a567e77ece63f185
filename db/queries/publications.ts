import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { getDb } from '../client';
import { SLUG_PATTERN, type Locale, type PublicationType } from '../schema';
import { oneRow } from './rows';

export type TopicRef = { slug: string; name: string };

export type PublicationCard = {
  id: string;
  slug: string;
  type: PublicationType;
  publishedOn: string;
  datePrecision: 'day' | 'month' | 'year';
  partner: string | null;
  title: string;
  summary: string;
  /** True when the requested language is missing and English is shown instead. */
  isFallback: boolean;
  topics: TopicRef[];
  fileLocales: Locale[];
};

export type PublicationFileInfo = { id: string; locale: Locale; fileName: string; contentType: string; byteSize: number };
export type PublicationDetail = PublicationCard & { files: PublicationFileInfo[]; updatedAt: string };

export type LibraryQuery = {
  q?: string;
  type?: PublicationType;
  topic?: string;
  year?: number;
  lang?: Locale;
  page: number;
  pageSize: number;
};

export type LibraryPage = { items: PublicationCard[]; total: number; page: number; pageCount: number };

type CardRow = {
  id: string;
  slug: string;
  type: PublicationType;
  published_on: string;
  date_precision: 'day' | 'month' | 'year';
  partner: string | null;
  title: string;
  summary: string;
  is_fallback: boolean;
  topics: TopicRef[];
  file_locales: Locale[];
};

// Title and summary in the requested language, else English.
function cardColumns(locale: Locale): SQL {
  const topicName = locale === 'es' ? sql.raw('tp.name_es') : sql.raw('tp.name_en');
  return sql`
    p.id, p.slug, p.type, p.published_on::text as published_on, p.date_precision, p.partner,
    coalesce(tl.title, te.title) as title,
    coalesce(tl.summary, te.summary) as summary,
    (tl.title is null) as is_fallback,
    coalesce((select json_agg(json_build_object('slug', tp.slug, 'name', ${topicName}) order by ${topicName})
              from publication_topics pt join topics tp on tp.id = pt.topic_id
              where pt.publication_id = p.id), '[]'::json) as topics,
    array(select f.locale::text from publication_files f where f.publication_id = p.id order by f.locale) as file_locales`;
}

function cardJoins(locale: Locale): SQL {
  return sql`
    left join publication_translations tl on tl.publication_id = p.id and tl.locale = ${locale}
    join publication_translations te on te.publication_id = p.id and te.locale = 'en'`;
}

function toCard(row: CardRow): PublicationCard {
  return {
    id: row.id,
    slug: row.slug,
    type: row.type,
    publishedOn: row.published_on,
    datePrecision: row.date_precision,
    partner: row.partner,
    title: row.title,
    summary: row.summary,
    isFallback: row.is_fallback,
    topics: row.topics,
    fileLocales: row.file_locales,
  };
}

// Both language versions (title, summary, topic names) as one document; `sen`/`ses` are
// joined in `from` below.
const combinedDocument = sql`(coalesce(sen.search, ''::tsvector) || coalesce(ses.search, ''::tsvector))`;

/**
 * The library: full-text search over titles and summaries (each stemmed in its own
 * language, accents folded) and topic names, with filters. websearch_to_tsquery accepts
 * quotes and -word, and never raises on malformed input.
 */
export async function searchPublications(locale: Locale, query: LibraryQuery): Promise<LibraryPage> {
  const db = getDb();
  const text = query.q?.trim() || null;
  const filters: SQL[] = [sql`p.status = 'published'`];
  if (query.type) filters.push(sql`p.type = ${query.type}`);
  if (query.year) filters.push(sql`extract(year from p.published_on) = ${query.year}`);
  if (query.topic)
    filters.push(sql`exists (select 1 from publication_topics pt join topics tp on tp.id = pt.topic_id
                             where pt.publication_id = p.id and tp.slug = ${query.topic})`);
  if (query.lang) filters.push(sql`exists (select 1 from publication_files f where f.publication_id = p.id and f.locale = ${query.lang})`);

  const tsq = sql`(select websearch_to_tsquery('english'::regconfig, immutable_unaccent(${text})) as en,
                          websearch_to_tsquery('spanish'::regconfig, immutable_unaccent(${text})) as es) q`;
  if (text) {
    // The GIN index finds candidates whose English or Spanish document matches; the
    // publication's combined document then decides, so "-word" excludes across languages.
    filters.push(sql`exists (select 1 from publication_translations t where t.publication_id = p.id
                             and (t.search @@ q.en or t.search @@ q.es))`);
    filters.push(sql`${combinedDocument} @@ (q.en || q.es)`);
  }
  const where = sql.join(filters, sql` and `);
  const from = text
    ? sql`publications p cross join ${tsq}
          left join publication_translations sen on sen.publication_id = p.id and sen.locale = 'en'
          left join publication_translations ses on ses.publication_id = p.id and ses.locale = 'es'`
    : sql`publications p`;

  const { total } = oneRow(
    await db.execute<{ total: number }>(sql`select count(*)::int as total from ${from} where ${where}`),
    'the publication count',
  );
  const pageCount = Math.max(1, Math.ceil(total / query.pageSize));
  const page = Math.min(Math.max(1, query.page), pageCount);

  const rank = text ? sql`ts_rank_cd(${combinedDocument}, q.en || q.es)` : sql`0`;

  const rows = await db.execute<CardRow>(sql`
    select ${cardColumns(locale)}, ${rank} as rank
    from ${from} ${cardJoins(locale)}
    where ${where}
    order by rank desc, p.published_on desc, p.slug
    limit ${query.pageSize} offset ${(page - 1) * query.pageSize}`);
  return { items: rows.map(toCard), total, page, pageCount };
}

export async function listLatestPublications(locale: Locale, limit: number): Promise<PublicationCard[]> {
  const rows = await getDb().execute<CardRow>(sql`
    select ${cardColumns(locale)} from publications p ${cardJoins(locale)}
    where p.status = 'published'
    order by p.published_on desc, p.slug limit ${limit}`);
  return rows.map(toCard);
}

export async function getPublishedPublication(locale: Locale, slug: string): Promise<PublicationDetail | null> {
  // From the URL: a slug the database could not hold (NUL, say) is simply not found.
  if (!SLUG_PATTERN.test(slug)) return null;
  const db = getDb();
  const rows = await db.execute<CardRow & { updated_at: string }>(sql`
    select ${cardColumns(locale)}, p.updated_at::text as updated_at from publications p ${cardJoins(locale)}
    where p.status = 'published' and p.slug = ${slug}`);
  const row = rows[0];
  if (!row) return null;
  const files = await db.execute<PublicationFileInfo & { byte_size: number; file_name: string; content_type: string }>(sql`
    select id, locale, file_name, content_type, byte_size from publication_files
    where publication_id = ${row.id} order by (locale = ${locale}) desc, locale`);
  return {
    ...toCard(row),
    updatedAt: row.updated_at,
    files: files.map((f) => ({ id: f.id, locale: f.locale, fileName: f.file_name, contentType: f.content_type, byteSize: f.byte_size })),
  };
}

export type LibraryFacets = { types: PublicationType[]; topics: TopicRef[]; years: number[] };

export async function getLibraryFacets(locale: Locale): Promise<LibraryFacets> {
  const db = getDb();
  const name = locale === 'es' ? sql.raw('name_es') : sql.raw('name_en');
  const [types, topicRows, years] = await Promise.all([
    db.execute<{ type: PublicationType }>(sql`select distinct type from publications where status = 'published' order by type`),
    db.execute<TopicRef>(sql`select slug, ${name} as name from topics order by ${name}`),
    db.execute<{ year: number }>(sql`
      select distinct extract(year from published_on)::int as year from publications
      where status = 'published' order by year desc`),
  ]);
  return { types: types.map((t) => t.type), topics: [...topicRows], years: years.map((y) => y.year) };
}

// W3C Datetime in UTC to the millisecond (2026-12-02T06:37:35.002Z), what sitemaps' <lastmod>
// and Atom's dates are; a timestamptz cast to text is Postgres' own format instead.
const W3C_DATETIME = 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"';

/** Everything the feed and sitemap list: published publications, newest first; updatedAt in W3C Datetime. */
export async function listPublishedForIndex(): Promise<
  { slug: string; titleEn: string; summaryEn: string; publishedOn: string; updatedAt: string; hasSpanish: boolean }[]
> {
  const rows = await getDb().execute<{
    slug: string;
    title_en: string;
    summary_en: string;
    published_on: string;
    updated_at: string;
    has_spanish: boolean;
  }>(sql`
    select p.slug, te.title as title_en, te.summary as summary_en, p.published_on::text as published_on,
           to_char(p.updated_at at time zone 'UTC', ${W3C_DATETIME}) as updated_at,
           exists (select 1 from publication_translations s where s.publication_id = p.id and s.locale = 'es') as has_spanish
    from publications p join publication_translations te on te.publication_id = p.id and te.locale = 'en'
    where p.status = 'published' order by p.published_on desc, p.slug`);
  return rows.map((r) => ({
    slug: r.slug,
    titleEn: r.title_en,
    summaryEn: r.summary_en,
    publishedOn: r.published_on,
    updatedAt: r.updated_at,
    hasSpanish: r.has_spanish,
  }));
}

/** A file that may be downloaded by anyone: its publication is published. */
export async function getPublicFile(fileId: string): Promise<(PublicationFileInfo & { storageKey: string }) | null> {
  const rows = await getDb().execute<{
    id: string;
    locale: Locale;
    file_name: string;
    content_type: string;
    byte_size: number;
    storage_key: string;
  }>(sql`
    select f.id, f.locale, f.file_name, f.content_type, f.byte_size, f.storage_key
    from publication_files f join publications p on p.id = f.publication_id
    where f.id = ${fileId} and p.status = 'published'`);
  const f = rows[0];
  return f
    ? { id: f.id, locale: f.locale, fileName: f.file_name, contentType: f.content_type, byteSize: f.byte_size, storageKey: f.storage_key }
    : null;
}
