import { z } from 'zod';
import { isIsoInstant, queryField } from '@/lib/http/query';
import { cursorCodec } from '@/lib/http/cursor';
import { LIFECYCLE_STATUSES } from '@/lib/membership/lifecycle';

// Staff's member filter, in one place: the list (/admin/members), its export
// (members.csv) and the filter form all read it, so the export holds exactly the members
// the list shows. Status is the lifecycle status staff see (lib/membership/lifecycle.ts),
// grace included.

export const MEMBER_SORTS = ['name', 'joined', 'expiry'] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** The filter, from the URL; anything malformed is dropped rather than refused. */
export const memberFilterSchema = z.object({
  q: queryField.text(100),
  status: z.preprocess(blankToUndefined, z.enum(LIFECYCLE_STATUSES).optional()).catch(undefined),
  tier: z
    .preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^[a-z0-9-]{1,40}$/)
        .optional(),
    )
    .catch(undefined),
  source: z.preprocess(blankToUndefined, z.enum(['stripe', 'offline', 'complimentary']).optional()).catch(undefined),
  expiresWithin: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(3660).optional()).catch(undefined),
  sort: z.preprocess(blankToUndefined, z.enum(MEMBER_SORTS).default('name')).catch('name'),
  dir: z.preprocess(blankToUndefined, z.enum(['asc', 'desc']).default('asc')).catch('asc'),
});
export type MemberFilter = z.infer<typeof memberFilterSchema>;

/** The same filter for members.csv, which has no order of its own to choose. */
export const memberExportFilterSchema = memberFilterSchema.omit({ sort: true, dir: true });
export type MemberExportFilter = z.infer<typeof memberExportFilterSchema>;

/**
 * Where the next page starts: the order it belongs to (`o`, so a cursor pasted into
 * another order is ignored), which part of that order (rows whose sort value is null come
 * after the others ascending, before them descending), the last row's value and id.
 */
export const memberCursor = cursorCodec(
  'members',
  z.object({
    o: z.string().max(20),
    p: z.enum(['v', 'n']),
    // Names, or instants as Postgres wrote them; never a NUL, which Postgres cannot compare.
    v: z
      .string()
      .max(400)
      .refine((v) => !v.includes('\u0000'))
      .nullable(),
    id: z.uuid(),
  }),
);

/** A decoded cursor, if it belongs to this filter's order and its value fits that order. */
export function memberPosition(filter: MemberFilter, after: unknown) {
  const position = memberCursor.decode(after);
  if (!position || position.o !== `${filter.sort}-${filter.dir}`) return null;
  return filter.sort === 'name' || position.v === null || isIsoInstant(position.v) ? position : null;
}
