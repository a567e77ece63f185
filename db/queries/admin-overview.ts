import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, type Database, type Tx } from '../client';
import { columnsOf, type MembershipLifecycleSql } from './lifecycle-sql';
import { oneRow } from './rows';

// The staff overview's figures. Who has access, and until when, is the membership
// lifecycle rule (lib/membership/lifecycle.ts), passed in as `lifecycle`. Months and years
// are UK calendar ones.

const TZ = 'Europe/London';

type Executor = Pick<Database | Tx, 'execute'>;

/**
 * Runs the figures in one read-only transaction with JIT off: these aggregates are estimated
 * as costly enough for Postgres to JIT-compile them, which takes longer (~200 ms) than
 * running them (tens of ms at 100k members).
 */
export async function withoutJit<T>(run: (db: Executor) => Promise<T>): Promise<T> {
  return getDb().transaction(
    async (tx) => {
      await tx.execute(sql`set local jit = off`);
      return run(tx);
    },
    { accessMode: 'read only' },
  );
}
const ts = (date: Date) => sql`${date.toISOString()}::timestamptz`;
const monthStart = (now: Date) => sql`(date_trunc('month', ${ts(now)} at time zone ${TZ}) at time zone ${TZ})`;
const yearStart = (now: Date) => sql`(date_trunc('year', ${ts(now)} at time zone ${TZ}) at time zone ${TZ})`;

const m = columnsOf('m');

/**
 * What a member experiences is their latest membership (findLatestMembership). An active or
 * past_due one is always the latest: a member has one live membership at a time, and a new
 * one is only made after the live one is cancelled. So only ended ones are checked.
 */
const isLatest = sql`(m.status in ('active', 'past_due', 'pending') or not exists (select 1 from memberships newer where newer.user_id = m.user_id and newer.created_at > m.created_at))`;

export type TierCount = { tierId: string; slug: string; nameEn: string; nameEs: string; active: boolean; members: number };

export async function activeMembersByTier(now: Date, lifecycle: MembershipLifecycleSql, db: Executor = getDb()): Promise<TierCount[]> {
  const rows = await db.execute<{ tier_id: string; slug: string; name_en: string; name_es: string; active: boolean; members: number }>(sql`
    select t.id as tier_id, t.slug, t.name_en, t.name_es, t.active, count(m.id)::int as members
    from membership_tiers t
    left join memberships m on m.tier_id = t.id and ${lifecycle.hasAccess(m, ts(now))} and ${isLatest}
    group by t.id
    order by t.sort_order, t.slug`);
  return rows.map((r) => ({ tierId: r.tier_id, slug: r.slug, nameEn: r.name_en, nameEs: r.name_es, active: r.active, members: r.members }));
}

export type MonthMovement = { newMembers: number; renewals: number; lapses: number };

/**
 * This month so far. New: memberships started this month (not those still awaiting
 * payment). Renewals: membership payments this month on a membership that had been paid
 * before. Lapses: memberships whose access ended this month, and not followed by a newer one.
 */
export async function monthMovement(now: Date, lifecycle: MembershipLifecycleSql, db: Executor = getDb()): Promise<MonthMovement> {
  const row = oneRow(
    await db.execute<{ new_members: number; renewals: number; lapses: number }>(sql`
    select
      (select count(*)::int from memberships m
        where m.created_at >= ${monthStart(now)} and m.created_at <= ${ts(now)} and m.status <> 'pending') as new_members,
      (select count(*)::int from payments p
        where p.kind = 'membership' and p.paid_at >= ${monthStart(now)} and p.paid_at <= ${ts(now)}
          and p.status in ('paid', 'partially_refunded', 'refunded')
          and exists (select 1 from payments earlier
                      where earlier.user_id = p.user_id and earlier.membership_id = p.membership_id
                        and earlier.paid_at < p.paid_at and earlier.status in ('paid', 'partially_refunded', 'refunded'))) as renewals,
      (select count(*)::int from memberships m
        where ${lifecycle.accessEnds(m)} >= ${monthStart(now)} and ${lifecycle.accessEnds(m)} < ${ts(now)}
          and ${isLatest}) as lapses`),
    'the month movement counts',
  );
  return { newMembers: row.new_members, renewals: row.renewals, lapses: row.lapses };
}

export type ExpiringSoon = { total: number; renewAutomatically: number };

/** Live memberships whose paid period ends within `days`; card subscriptions not set to cancel renew by themselves. */
export async function expiringWithin(now: Date, days: number, db: Executor = getDb()): Promise<ExpiringSoon> {
  const row = oneRow(
    await db.execute<{ total: number; auto: number }>(sql`
    select count(*)::int as total,
           (count(*) filter (where m.source = 'stripe' and not m.cancel_at_period_end))::int as auto
    from memberships m
    where m.status in ('active', 'past_due') and m.current_period_end > ${ts(now)} and m.current_period_end <= ${ts(now)} + make_interval(days => ${days})`),
    'the expiring membership counts',
  );
  return { total: row.total, renewAutomatically: row.auto };
}

export type DonationTotals = { monthPence: number; monthCount: number; yearPence: number; yearCount: number };

/** Donations received (net of refunds) this month and this calendar year. */
export async function donationTotals(now: Date, db: Executor = getDb()): Promise<DonationTotals> {
  const row = oneRow(
    await db.execute<{ month_pence: number; month_count: number; year_pence: number; year_count: number }>(sql`
    select coalesce(sum(p.amount_pence - p.refunded_pence) filter (where p.paid_at >= ${monthStart(now)}), 0)::int as month_pence,
           (count(*) filter (where p.paid_at >= ${monthStart(now)}))::int as month_count,
           coalesce(sum(p.amount_pence - p.refunded_pence), 0)::int as year_pence,
           count(*)::int as year_count
    from payments p
    where p.kind = 'donation' and p.status in ('paid', 'partially_refunded')
      and p.paid_at >= ${yearStart(now)} and p.paid_at <= ${ts(now)}`),
    'the donation totals',
  );
  return { monthPence: row.month_pence, monthCount: row.month_count, yearPence: row.year_pence, yearCount: row.year_count };
}

export type RecurringIncome = {
  membershipsPence: number;
  memberships: number;
  monthlyDonationsPence: number;
  monthlyDonations: number;
  totalPence: number;
};

/**
 * Annual recurring income: each paying membership with access that is not set to end
 * (active or past_due, not complimentary, not cancelling at period end) at its tier's
 * current annual price, plus every active monthly gift times 12.
 */
export async function recurringIncome(now: Date, lifecycle: MembershipLifecycleSql, db: Executor = getDb()): Promise<RecurringIncome> {
  const row = oneRow(
    await db.execute<{ m_pence: number; m_count: number; d_pence: number; d_count: number }>(sql`
    select
      (select coalesce(sum(t.annual_price_pence), 0)::int from memberships m join membership_tiers t on t.id = m.tier_id
        where m.status in ('active', 'past_due') and m.source <> 'complimentary' and not m.cancel_at_period_end and ${lifecycle.hasAccess(m, ts(now))}) as m_pence,
      (select count(*)::int from memberships m
        where m.status in ('active', 'past_due') and m.source <> 'complimentary' and not m.cancel_at_period_end and ${lifecycle.hasAccess(m, ts(now))}) as m_count,
      (select coalesce(sum(d.amount_pence) * 12, 0)::int from donations d where d.frequency = 'monthly' and d.status = 'active') as d_pence,
      (select count(*)::int from donations d where d.frequency = 'monthly' and d.status = 'active') as d_count`),
    'the recurring income totals',
  );
  return {
    membershipsPence: row.m_pence,
    memberships: row.m_count,
    monthlyDonationsPence: row.d_pence,
    monthlyDonations: row.d_count,
    totalPence: row.m_pence + row.d_pence,
  };
}

export type MonthPoint = { month: string; active: number; started: number; ended: number };

/**
 * Members over the last `months` months, rebuilt from memberships as stored (no status
 * history is kept): a membership counts from its creation until its access ended (paid
 * period end, plus the grace period unless cancelled); pending ones never count. One scan:
 * starts and ends are bucketed by month, then summed in order. `active` is at each month's
 * end (today for this month).
 */
export async function membersOverTime(
  now: Date,
  lifecycle: MembershipLifecycleSql,
  months = 24,
  db: Executor = getDb(),
): Promise<MonthPoint[]> {
  // Month starts (UK time) as a sorted array: width_bucket() then places each start and end
  // by comparison alone (0 = before the window, i = the i-th month), cheap on 100k rows.
  const rows = await db.execute<{ bucket: number; started: number; ended: number }>(sql`
    with bounds as (
      select array(
        select gs at time zone ${TZ}
        from generate_series(date_trunc('month', ${ts(now)} at time zone ${TZ}) - make_interval(months => ${months - 1}),
                             date_trunc('month', ${ts(now)} at time zone ${TZ}), interval '1 month') gs
        order by gs) as b
    ), raw as (
      -- A membership recorded after the fact (an import, an offline payment entered late)
      -- started with its paid period, not when the row was made.
      select least(m.created_at, coalesce(m.current_period_start, m.created_at)) as s,
             -- A membership with no access at all (no period end recorded) ends as it starts.
             (case when ${lifecycle.accessEnds(m)} = '-infinity' then m.created_at else ${lifecycle.accessEnds(m)} end) as e
      from memberships m
      where m.status <> 'pending' and m.created_at <= ${ts(now)}
    ), spans as (
      -- Never ends before it starts, so no month can count fewer than zero members.
      select s, greatest(e, s) as e from raw
    )
    select x.bucket, sum(x.started)::int as started, sum(x.ended)::int as ended
    from spans, bounds,
         lateral (values (width_bucket(spans.s, bounds.b), 1, 0),
                         (case when spans.e < ${ts(now)} then width_bucket(spans.e, bounds.b) end, 0, 1)) as x(bucket, started, ended)
    where x.bucket is not null
    group by x.bucket`);
  const current = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit' }).format(now).slice(0, 7);
  const [year, month] = current.split('-').map(Number);
  if (year === undefined || month === undefined) throw new Error(`Expected the month as YYYY-MM, got ${current}`);
  const byBucket = new Map(rows.map((r) => [Number(r.bucket), r]));
  const before = byBucket.get(0);
  let active = (before?.started ?? 0) - (before?.ended ?? 0);
  return Array.from({ length: months }, (_, i) => {
    const r = byBucket.get(i + 1);
    active += (r?.started ?? 0) - (r?.ended ?? 0);
    const label = new Date(Date.UTC(year, month - 1 - (months - 1 - i), 1)).toISOString().slice(0, 7);
    return { month: label, active, started: r?.started ?? 0, ended: r?.ended ?? 0 };
  });
}

export type Overview = {
  byTier: TierCount[];
  month: MonthMovement;
  expiring: ExpiringSoon;
  donations: DonationTotals;
  recurring: RecurringIncome;
  history: MonthPoint[];
};

export async function loadOverview(now: Date, lifecycle: MembershipLifecycleSql): Promise<Overview> {
  // One connection, one after another: together well under the time JIT alone would take.
  return withoutJit(async (db) => ({
    byTier: await activeMembersByTier(now, lifecycle, db),
    month: await monthMovement(now, lifecycle, db),
    expiring: await expiringWithin(now, 30, db),
    donations: await donationTotals(now, db),
    recurring: await recurringIncome(now, lifecycle, db),
    history: await membersOverTime(now, lifecycle, 24, db),
  }));
}
