import { sql, type SQL } from 'drizzle-orm';

// What the queries need from the membership lifecycle rule, which lives in
// lib/membership/lifecycle.ts: the use case passes it in (queries never import rules).

/** What staff see as a member's status: the stored one, read with the grace period. */
export const LIFECYCLE_STATUSES = ['pending', 'active', 'past_due', 'grace', 'lapsed', 'cancelled'] as const;
export type LifecycleStatus = (typeof LIFECYCLE_STATUSES)[number];

/** A membership's stored status and paid-period end, as SQL (a table alias's columns). */
export type MembershipColumns = { status: SQL; periodEnd: SQL };

export const columnsOf = (alias: string): MembershipColumns => ({
  status: sql`${sql.identifier(alias)}.status`,
  periodEnd: sql`${sql.identifier(alias)}.current_period_end`,
});

export interface MembershipLifecycleSql {
  /** When the membership's access ends: a timestamptz, 'infinity' if never, '-infinity' if it has none. */
  accessEnds(m: MembershipColumns): SQL;
  /** True when it gives access at `now` (a form an index on current_period_end can serve). */
  hasAccess(m: MembershipColumns, now: SQL): SQL;
  /** Its status as staff see it, one of LIFECYCLE_STATUSES. */
  lifecycle(m: MembershipColumns, now: SQL): SQL;
}
