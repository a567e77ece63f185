import { z } from 'zod';

// Query strings are typed by hand, pasted and shared, so every page and route reads them
// through these: a malformed value means "no filter", never a database error (a 500).
// Postgres cannot store or compare text containing NUL, and rejects dates like 2024-02-30
// that JavaScript's Date silently rolls over into March.

// NUL and the other C0 controls, and DEL: never meaningful in a filter.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Years people and Postgres both mean (Postgres refuses year 0; JavaScript accepts ±271821).
const FIRST_DAY = '1900-01-01';
const LAST_DAY = '2999-12-31';

export type RawQuery = URLSearchParams | Record<string, string | string[] | undefined>;

/** Control characters turned into spaces, so text can go to Postgres. */
export function withoutControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, ' ');
}

export const hasControlCharacters = (text: string) => /[\u0000-\u001f\u007f]/.test(text);

export const isUuid = (value: string) => UUID.test(value);

/** A real calendar day, YYYY-MM-DD: 2024-02-29 is, 2024-02-30 and 2023-02-29 are not. */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || value < FIRST_DAY || value > LAST_DAY) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** An ISO instant (2026-03-31T10:00:00.000Z, up to microseconds) on a real calendar day. */
export function isIsoInstant(value: string): boolean {
  const match = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?Z$/.exec(value);
  const day = match?.[1];
  return day !== undefined && isCalendarDay(day);
}

export const calendarDay = z.string().refine(isCalendarDay, 'date');

/**
 * One parameter as text: its first value if repeated, control characters turned into
 * spaces, trimmed; blank is absent.
 */
export function queryValue(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first !== 'string') return undefined;
  const text = withoutControlCharacters(first).trim();
  return text === '' ? undefined : text;
}

/** Each parameter's first value, cleaned by queryValue; blanks left out. */
export function queryValues(raw: RawQuery): Record<string, string> {
  const out: Record<string, string> = {};
  const entries: [string, unknown][] = raw instanceof URLSearchParams ? [...raw.entries()] : Object.entries(raw);
  for (const [key, value] of entries) {
    if (key in out) continue;
    const text = queryValue(value);
    if (text !== undefined) out[key] = text;
  }
  return out;
}

const lenient = <T extends z.ZodType>(schema: T) => z.preprocess(queryValue, schema.optional()).catch(undefined);

/** Lenient fields for z.object(): a missing or malformed value is undefined (no filter). */
export const queryField = {
  /** Free text, cut to `max` characters (a long search still searches). */
  text: (max: number) => lenient(z.string().transform((s) => s.slice(0, max).trim())),
  day: () => lenient(calendarDay),
  int: (min: number, max: number) => lenient(z.coerce.number().int().min(min).max(max)),
  oneOf: <const T extends readonly [string, ...string[]]>(values: T) => lenient(z.enum(values)),
  matching: (pattern: RegExp) => lenient(z.string().regex(pattern)),
  uuid: () =>
    lenient(
      z
        .string()
        .refine(isUuid)
        .transform((s) => s.toLowerCase()),
    ),
};

/**
 * A page's or route's query string, read by its schema: each parameter's first value,
 * cleaned (queryValue), blanks left out, then parsed. The schema decides what a malformed
 * value becomes (queryField's fields drop it), so reading a query never throws.
 */
export function parseSearchParams<S extends z.ZodObject>(schema: S, raw: RawQuery): z.output<S> {
  return schema.parse(queryValues(raw));
}
