import { sql, type SQL } from 'drizzle-orm';
import { LIVE_MEMBERSHIP_STATUSES, type Membership, type MembershipStatus } from '@/db/schema';
import { LIFECYCLE_STATUSES, type LifecycleStatus, type MembershipColumns, type MembershipLifecycleSql } from '@/db/queries/lifecycle-sql';

// The membership lifecycle: who has access, who is in grace, who has lapsed. It decides
// who reads the archive, who is mailed the newsletter and what staff see, so it is written
// once, here, as a table; the TypeScript answers and the SQL expressions the queries use
// are both built from it, and tests/integration/membership-lifecycle-parity.test.ts checks
// that they agree on every case.

export { LIFECYCLE_STATUSES, type LifecycleStatus };

type Access =
  /** Never gives access (checkout or bank transfer not paid yet). */
  | { gives: false }
  /**
   * Access through the paid period, plus the grace period when `grace`; with no period end
   * recorded, access never ends (`withoutEnd: 'open'`) or never was (`'none'`).
   */
  | { gives: true; grace: boolean; withoutEnd: 'open' | 'none' };

/**
 * - pending: no access;
 * - active, and past_due while Stripe retries the card: the paid period, then the grace
 *   period before the archive closes;
 * - lapsed (not renewed, or retries exhausted): whatever is left of that grace period;
 * - cancelled (the member chose to end it): the paid period only.
 */
const ACCESS: Record<MembershipStatus, Access> = {
  pending: { gives: false },
  active: { gives: true, grace: true, withoutEnd: 'open' },
  past_due: { gives: true, grace: true, withoutEnd: 'open' },
  lapsed: { gives: true, grace: true, withoutEnd: 'none' },
  cancelled: { gives: true, grace: false, withoutEnd: 'none' },
};

/** Stored statuses that stay themselves to staff while in their paid period (others: grace, then lapsed). */
const SHOWN_AS_STORED_IN_PERIOD: readonly MembershipStatus[] = ['active', 'past_due'];
/** Stored statuses staff always see as they are. */
const SHOWN_AS_STORED: readonly MembershipStatus[] = ['pending', 'cancelled'];

const DAY_MS = 24 * 60 * 60 * 1000;
type Stored = Pick<Membership, 'status' | 'currentPeriodEnd'>;

/** When access ends, in ms since the epoch: Infinity when it never does, -Infinity when there is none. */
export function accessEndsAt(m: Stored, graceDays: number): number {
  const rule = ACCESS[m.status];
  if (!rule.gives) return -Infinity;
  if (!m.currentPeriodEnd) return rule.withoutEnd === 'open' ? Infinity : -Infinity;
  return m.currentPeriodEnd.getTime() + (rule.grace ? graceDays * DAY_MS : 0);
}

export type MemberAccess =
  | { kind: 'none' }
  | { kind: 'pending' }
  | { kind: 'active'; until: Date | null; inGrace: boolean }
  | { kind: 'ended'; endedAt: Date | null };

/** What a member may do now, from their latest membership. */
export function memberAccess(membership: Stored | null, now: Date, graceDays: number): MemberAccess {
  if (!membership) return { kind: 'none' };
  if (!ACCESS[membership.status].gives) return { kind: 'pending' };
  const ends = accessEndsAt(membership, graceDays);
  const end = membership.currentPeriodEnd;
  if (now.getTime() <= ends) {
    if (ends === Infinity) return { kind: 'active', until: null, inGrace: false };
    const inGrace = end !== null && now > end;
    return { kind: 'active', until: new Date(inGrace ? ends : Math.min(ends, end!.getTime())), inGrace };
  }
  return { kind: 'ended', endedAt: Number.isFinite(ends) ? new Date(ends) : null };
}

/** What staff see as a membership's status: the stored one, read with the grace period. */
export function lifecycleStatus(m: Stored, now: Date, graceDays: number): LifecycleStatus {
  if (SHOWN_AS_STORED.includes(m.status)) return m.status as LifecycleStatus;
  if (SHOWN_AS_STORED_IN_PERIOD.includes(m.status) && (!m.currentPeriodEnd || now <= m.currentPeriodEnd))
    return m.status as LifecycleStatus;
  return now.getTime() <= accessEndsAt(m, graceDays) ? 'grace' : 'lapsed';
}

/** Waiting for payment, paid up, or retrying a card: the one membership a member may have at a time. */
export function isLive(status: string): boolean {
  return (LIVE_MEMBERSHIP_STATUSES as readonly string[]).includes(status);
}

/**
 * A live card membership that has been paid is Stripe's: its periods, tier and ending go
 * through the subscription (the portal, or Stripe's API), never staff edits, an offline
 * payment or an import. A pending one (checkout not finished) is still ours.
 */
export function stripeControls(m: { source: string; status: string }): boolean {
  return m.source === 'stripe' && isLive(m.status) && m.status !== 'pending';
}

// ---------------------------------------------------------------- the same, in SQL

const list = (statuses: readonly MembershipStatus[]) =>
  sql.join(
    statuses.map((s) => sql`${s}`),
    sql`, `,
  );
const statusesWhere = (match: (a: Access) => boolean) => (Object.keys(ACCESS) as MembershipStatus[]).filter((s) => match(ACCESS[s]));

/** Builds the SQL forms for a grace period of `graceDays` (what the queries take). */
export function membershipLifecycleSql(graceDays: number): MembershipLifecycleSql {
  const grace = sql`make_interval(days => ${graceDays})`;
  const accessEnds = (m: MembershipColumns): SQL => {
    const branches = (Object.keys(ACCESS) as MembershipStatus[]).map((status) => {
      const rule = ACCESS[status];
      if (!rule.gives) return sql`when ${status} then '-infinity'::timestamptz`;
      const end = rule.grace ? sql`${m.periodEnd} + ${grace}` : m.periodEnd;
      return sql`when ${status} then coalesce(${end}, ${rule.withoutEnd === 'open' ? sql`'infinity'::timestamptz` : sql`'-infinity'::timestamptz`})`;
    });
    return sql`(case ${m.status}::text ${sql.join(branches, sql` `)} end)`;
  };
  // The same rule as a disjunction on the period end itself, which an index on
  // current_period_end can serve (the CASE form above cannot).
  const hasAccess = (m: MembershipColumns, now: SQL): SQL => {
    const groups: SQL[] = [];
    for (const grace_ of [true, false]) {
      for (const withoutEnd of ['open', 'none'] as const) {
        const statuses = statusesWhere((a) => a.gives && a.grace === grace_ && a.withoutEnd === withoutEnd);
        if (!statuses.length) continue;
        const bound = grace_ ? sql`${now} - ${grace}` : now;
        // Never NULL (so that `not` of it is right too): an absent end is decided either way.
        const ends =
          withoutEnd === 'open'
            ? sql`(${m.periodEnd} is null or ${m.periodEnd} >= ${bound})`
            : sql`(${m.periodEnd} is not null and ${m.periodEnd} >= ${bound})`;
        groups.push(sql`(${m.status} in (${list(statuses)}) and ${ends})`);
      }
    }
    return sql`(${sql.join(groups, sql` or `)})`;
  };
  const lifecycle = (m: MembershipColumns, now: SQL): SQL =>
    sql`(case when ${m.status} in (${list(SHOWN_AS_STORED)}) then ${m.status}::text
              when ${m.status} in (${list(SHOWN_AS_STORED_IN_PERIOD)}) and (${m.periodEnd} is null or ${m.periodEnd} >= ${now}) then ${m.status}::text
              when ${hasAccess(m, now)} then 'grace'
              else 'lapsed' end)`;
  return { accessEnds, hasAccess, lifecycle };
}
