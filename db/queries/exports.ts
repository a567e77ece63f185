import 'server-only';
import type postgres from 'postgres';
import { sql as d } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { MemberExportFilter } from '@/lib/membership/staff/member-filter';
import { getSql } from '../client';
import { memberFilterConditions } from './admin-members';
import { columnsOf, type MembershipLifecycleSql } from './lifecycle-sql';

const lm = columnsOf('lm');

// The CSV exports read through a server-side cursor, 1,000 rows at a time, so a 100k-row
// export never holds more than one batch in memory.

export type MemberExportRow = {
  email: string;
  name: string | null;
  address_line1: string | null;
  address_line2: string | null;
  city: string | null;
  postcode: string | null;
  country: string | null;
  tier_slug: string | null;
  source: string | null;
  status: string | null;
  start_date: string | null;
  end_date: string | null;
  newsletter_opt_in: boolean;
  role: string;
  created_on: string;
};

// Dates are the UK calendar day, formatted by the database (no Date object per cell).

/**
 * The members the list shows for `filter` (memberFilterConditions: the same conditions on
 * the same latest membership, the lifecycle status included), with that status, oldest
 * account first. Members with no membership are listed only without a filter on it.
 */
export function memberExportBatches(
  filter: MemberExportFilter,
  lifecycle: MembershipLifecycleSql,
  batchSize = 1000,
  sql: postgres.Sql = getSql(),
): AsyncIterable<MemberExportRow[]> {
  // Built with drizzle's sql, as the list's conditions are, then run by postgres.js as a
  // server-side cursor (drizzle has none): same text, same parameters.
  const where = memberFilterConditions(filter, lifecycle);
  const membership = filter.status || filter.tier || filter.source || filter.expiresWithin !== undefined ? d`join` : d`left join`;
  const query = new PgDialect().sqlToQuery(d`
    select u.email, u.name, u.address_line1, u.address_line2, u.city, u.postcode, u.country,
           t.slug as tier_slug, lm.source, ${lifecycle.lifecycle(lm, d`now()`)} as status,
           to_char(lm.current_period_start at time zone 'Europe/London', 'YYYY-MM-DD') as start_date,
           to_char(lm.current_period_end at time zone 'Europe/London', 'YYYY-MM-DD') as end_date,
           u.newsletter_opt_in, u.role, to_char(u.created_at at time zone 'Europe/London', 'YYYY-MM-DD') as created_on
    from users u
    -- Each member's latest membership (by creation, then id, as the list has it) in one pass
    -- over memberships, not a lookup per member (a lateral join took 4x longer for 100k).
    ${membership} (
      select distinct on (user_id) id, user_id, tier_id, source, status, current_period_start, current_period_end
      from memberships order by user_id, created_at desc, id desc
    ) lm on lm.user_id = u.id
    left join membership_tiers t on t.id = lm.tier_id
    where u.email is not null and ${d.join(where, d` and `)}
    order by u.created_at, u.id`);
  return sql.unsafe<MemberExportRow[]>(query.sql, query.params as postgres.ParameterOrJSON<never>[]).cursor(batchSize);
}

export type PaymentExportFilter = {
  from?: string;
  to?: string;
  kind?: 'membership' | 'donation';
  status?: 'pending' | 'paid' | 'failed' | 'refunded' | 'partially_refunded';
};

export type PaymentExportRow = {
  id: string;
  date: string;
  kind: string;
  status: 'pending' | 'paid' | 'failed' | 'refunded' | 'partially_refunded';
  method: string;
  amount_pence: number;
  refunded_pence: number;
  email: string | null;
  name: string | null;
  tier_slug: string | null;
  offline_reference: string | null;
  gift_aid_eligible: boolean;
  gift_aid_claim_id: string | null;
  gift_aid_claimed_at: Date | null;
  stripe_payment_intent_id: string | null;
};

/** Payments and donations in a date range (of the day paid, else the day recorded), oldest first. */
export function paymentExportBatches(
  filter: PaymentExportFilter,
  batchSize = 1000,
  sql: postgres.Sql = getSql(),
): AsyncIterable<PaymentExportRow[]> {
  const none = sql``;
  return sql<PaymentExportRow[]>`
    select p.id, to_char(coalesce(p.paid_at, p.created_at) at time zone 'Europe/London', 'YYYY-MM-DD') as date, p.kind, p.status, p.method, p.amount_pence, p.refunded_pence,
           coalesce(u.email, p.email) as email, u.name, t.slug as tier_slug, p.offline_reference, p.gift_aid_eligible,
           p.gift_aid_claim_id, c.claimed_at as gift_aid_claimed_at, p.stripe_payment_intent_id
    from payments p
    left join users u on u.id = p.user_id
    left join gift_aid_claims c on c.id = p.gift_aid_claim_id
    left join memberships m on m.id = p.membership_id
    left join membership_tiers t on t.id = m.tier_id
    where true
      ${filter.from ? sql`and coalesce(p.paid_at, p.created_at) >= ${filter.from}::date` : none}
      ${filter.to ? sql`and coalesce(p.paid_at, p.created_at) < ${filter.to}::date + 1` : none}
      ${filter.kind ? sql`and p.kind = ${filter.kind}` : none}
      ${filter.status ? sql`and p.status = ${filter.status}` : none}
    order by p.created_at, p.id`.cursor(batchSize);
}
