import { z } from 'zod';
import { localeEnum, publicationTypeEnum } from '@/db/schema';
import type { LibraryQuery } from '@/db/queries/publications';
import { queryField } from '@/lib/http/query';

export const LIBRARY_PAGE_SIZE = 10;
const MAX_QUERY_LENGTH = 200;

// Each field falls back to "no filter" when it is missing or malformed, so any URL
// someone shares or mistypes still shows a page instead of an error.
const lenient = <T extends z.ZodTypeAny>(schema: T) => schema.optional().catch(undefined);
const single = (v: unknown) => (Array.isArray(v) ? v[0] : v);

const librarySearchParams = z.object({
  q: queryField.text(MAX_QUERY_LENGTH),
  type: lenient(z.preprocess(single, z.enum(publicationTypeEnum.enumValues))),
  topic: lenient(z.preprocess(single, z.string().regex(/^[a-z0-9-]{1,60}$/))),
  year: lenient(z.preprocess(single, z.coerce.number().int().min(1900).max(2100))),
  lang: lenient(z.preprocess(single, z.enum(localeEnum.enumValues))),
  page: z.preprocess(single, z.coerce.number().int().min(1).max(100000)).catch(1).default(1),
});

export type LibraryParams = Omit<LibraryQuery, 'pageSize'>;

export function parseLibraryParams(raw: Record<string, string | string[] | undefined>): LibraryParams {
  return librarySearchParams.parse(raw) as LibraryParams;
}

/** The query string for a library state (page 1 is left out). */
export function libraryQueryString(params: Partial<LibraryParams>): string {
  const search = new URLSearchParams();
  for (const key of ['q', 'type', 'topic', 'year', 'lang'] as const) {
    const value = params[key];
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  if (params.page && params.page > 1) search.set('page', String(params.page));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * The search a library state asks the database for, the same for every way of writing it
 * (the cache key of its results, lib/content): spaces collapsed, case folded (the text
 * search ignores case), fields in one order.
 */
export function librarySearchQuery(params: LibraryParams): LibraryQuery {
  const q = params.q?.replace(/\s+/g, ' ').trim().toLowerCase() || undefined;
  return {
    q,
    type: params.type,
    topic: params.topic,
    year: params.year,
    lang: params.lang,
    page: params.page,
    pageSize: LIBRARY_PAGE_SIZE,
  };
}

/** The one key of a library state (see state-key.ts): spaces in the search collapsed, page 1 left out. */
export function canonicalLibraryQuery(params: LibraryParams): string {
  return libraryQueryString({ ...params, q: params.q?.replace(/\s+/g, ' ').trim() }).replace(/^\?/, '');
}

export function hasAnyFilter(params: LibraryParams): boolean {
  return Boolean(params.q || params.type || params.topic || params.year || params.lang);
}
