import 'server-only';
import { desc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { MemberExportFilter, MemberFilter } from '@/lib/membership/staff/member-filter';
import { getDb } from '../client';
import { columnsOf, type LifecycleStatus, type MembershipLifecycleSql } from './lifecycle-sql';
import {
  auditLog,
  disputes,
  giftAidDeclarations,
  memberNotes,
  memberships,
  membershipTiers,
  payments,
  users,
  type MembershipStatus,
  type MembershipTier,
  type User,
} from '../schema';
import { recordAudit } from './audit';

// ---------------------------------------------------------------- the list

// The status staff see (LIFECYCLE_STATUSES) is the membership lifecycle rule's
// (lib/membership/lifecycle.ts), passed in as `lifecycle`.
const lm = columnsOf('lm');

export type MemberRow = {
  id: string;
  name: string | null;
  email: string | null;
  postcode: string | null;
  joinedAt: Date;
  membershipId: string;
  status: MembershipStatus;
  lifecycle: LifecycleStatus;
  source: 'stripe' | 'offline' | 'complimentary';
  tierSlug: string;
  tierNameEn: string;
  tierNameEs: string;
  currentPeriodEnd: Date | null;
};

export type MemberPage = { rows: MemberRow[]; next: MemberPosition | null };

/**
 * Where a page starts (lib/membership/staff/member-filter.ts makes and checks it): the
 * order, the part of it (values, or the nulls), the last row's sort value and id.
 */
export type MemberPosition = { o: string; p: 'v' | 'n'; v: string | null; id: string };

/** Escapes LIKE wildcards so "%" and "_" match themselves. */
export const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

const SORT_EXPR = {
  // These forms match the indexes users_name_keyset_idx and users_created_keyset_idx.
  name: sql`lower(u.name)`,
  joined: sql`u.created_at`,
  expiry: sql`lm.current_period_end`,
} as const;

// A member's membership is their latest one (by creation, then id). By name or join date the
// query walks users in index order and looks up each one's latest membership; by expiry it
// walks memberships in end-date order (index memberships (current_period_end, user_id)) and
// keeps those that no newer membership of the same person supersedes.
const FROM_USERS = sql`from users u
      cross join lateral (
        select m.id, m.user_id, m.status, m.source, m.tier_id, m.current_period_end
        from memberships m where m.user_id = u.id
        order by m.created_at desc, m.id desc limit 1
      ) lm`;
const FROM_MEMBERSHIPS = sql`from memberships lm
      join users u on u.id = lm.user_id`;
const LATEST_ONLY = sql`not exists (
        select 1 from memberships newer
        where newer.user_id = lm.user_id and (newer.created_at, newer.id) > (lm.created_at, lm.id)
      )`;

/**
 * The filter as conditions on `u` (users) and `lm` (each one's latest membership): the
 * list's and the export's, so members.csv holds the members the list shows.
 */
export function memberFilterConditions(filter: MemberExportFilter, lifecycle: MembershipLifecycleSql): SQL[] {
  const where: SQL[] = [sql`u.deleted_at is null`];
  if (filter.q) {
    const q = filter.q.toLowerCase();
    const like = `%${escapeLike(q)}%`;
    const compact = q.replace(/\s+/g, '');
    const postcodeLike = `%${escapeLike(compact)}%`;
    // Written exactly as the trigram indexes are defined, so each side uses its index.
    where.push(
      sql`(lower(u.name) ilike ${like} or u.email ilike ${like}${compact ? sql` or lower(replace(u.postcode, ' ', '')) ilike ${postcodeLike}` : sql``})`,
    );
  }
  if (filter.status) where.push(sql`${lifecycle.lifecycle(lm, sql`now()`)} = ${filter.status}`);
  if (filter.tier) where.push(sql`lm.tier_id = (select id from membership_tiers where slug = ${filter.tier})`);
  if (filter.source) where.push(sql`lm.source = ${filter.source}`);
  if (filter.expiresWithin !== undefined) {
    where.push(sql`lm.current_period_end between now() and now() + make_interval(days => ${filter.expiresWithin})`);
  }
  return where;
}

type RawRow = {
  id: string;
  name: string | null;
  email: string | null;
  postcode: string | null;
  joined_at: Date;
  membership_id: string;
  status: MembershipStatus;
  source: 'stripe' | 'offline' | 'complimentary';
  tier_slug: string;
  tier_name_en: string;
  tier_name_es: string;
  current_period_end: Date | null;
  lifecycle: LifecycleStatus;
  sort_value: string | null;
};

/**
 * Members (people with at least one membership, whatever its status), searched, filtered
 * and sorted, one page at a time by keyset: `after` is the cursor of the last row shown.
 */
export async function searchMembers(
  filter: MemberFilter,
  lifecycle: MembershipLifecycleSql,
  opts: { after?: MemberPosition | null; limit?: number } = {},
): Promise<MemberPage> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  const orderKey = `${filter.sort}-${filter.dir}`;
  const cursor = opts.after?.o === orderKey ? opts.after : null;
  const expr = SORT_EXPR[filter.sort];
  const idExpr = filter.sort === 'expiry' ? sql`lm.user_id` : sql`u.id`;
  const asc = filter.dir === 'asc';
  const cmp = asc ? sql`>` : sql`<`;
  const order = asc ? sql`asc` : sql`desc`;
  // users.created_at is never null; the others are read in two parts, values then nulls
  // (ascending) or nulls then values (descending), each part by its own index range.
  const parts: ('v' | 'n')[] = filter.sort === 'joined' ? ['v'] : asc ? ['v', 'n'] : ['n', 'v'];
  const start = cursor ? Math.max(parts.indexOf(cursor.p), 0) : 0;
  const base = memberFilterConditions(filter, lifecycle);
  if (filter.sort === 'expiry') base.push(LATEST_ONLY);
  const rows: RawRow[] = [];

  for (const part of parts.slice(start)) {
    const where = [...base];
    const cursorHere = cursor && cursor.p === part;
    if (part === 'v') {
      if (filter.sort !== 'joined') where.push(sql`${expr} is not null`);
      if (cursorHere) {
        const value = filter.sort === 'name' ? sql`${cursor.v}` : sql`${cursor.v}::timestamptz`;
        where.push(sql`(${expr}, ${idExpr}) ${cmp} (${value}, ${cursor.id}::uuid)`);
      }
    } else {
      where.push(sql`${expr} is null`);
      if (cursorHere) where.push(sql`${idExpr} ${cmp} ${cursor.id}::uuid`);
    }
    const want = limit + 1 - rows.length;
    const result = await getDb().execute<RawRow>(sql`
      select u.id, u.name, u.email, u.postcode, u.created_at as joined_at,
             lm.id as membership_id, lm.status, lm.source, lm.current_period_end, ${lifecycle.lifecycle(lm, sql`now()`)} as lifecycle,
             t.slug as tier_slug, t.name_en as tier_name_en, t.name_es as tier_name_es,
             ${filter.sort === 'name' ? sql`lower(u.name)` : sql`to_char(${expr} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`} as sort_value
      ${filter.sort === 'expiry' ? FROM_MEMBERSHIPS : FROM_USERS}
      join membership_tiers t on t.id = lm.tier_id
      where ${sql.join(where, sql` and `)}
      order by ${expr} ${order}, ${idExpr} ${order}
      limit ${want}`);
    rows.push(...(result as unknown as RawRow[]));
    if (rows.length > limit) break;
  }

  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const lastPart = (row: RawRow): 'v' | 'n' => (filter.sort === 'joined' || row.sort_value !== null ? 'v' : 'n');
  return {
    rows: page.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      postcode: r.postcode,
      joinedAt: new Date(r.joined_at),
      membershipId: r.membership_id,
      status: r.status,
      lifecycle: r.lifecycle,
      source: r.source,
      tierSlug: r.tier_slug,
      tierNameEn: r.tier_name_en,
      tierNameEs: r.tier_name_es,
      currentPeriodEnd: r.current_period_end ? new Date(r.current_period_end) : null,
    })),
    next: rows.length > limit && last ? { o: orderKey, p: lastPart(last), v: last.sort_value, id: last.id } : null,
  };
}

// ---------------------------------------------------------------- one member

export type MemberDetail = Awaited<ReturnType<typeof findMemberDetail>>;

/** Everything staff see about one member, or null when there is no such (undeleted) person. */
export async function findMemberDetail(userId: string) {
  const db = getDb();
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user || user.deletedAt) return null;
  const [history, paymentRows, declarations, notes] = await Promise.all([
    db
      .select({
        membership: memberships,
        tierSlug: membershipTiers.slug,
        tierNameEn: membershipTiers.nameEn,
        tierNameEs: membershipTiers.nameEs,
      })
      .from(memberships)
      .innerJoin(membershipTiers, eq(membershipTiers.id, memberships.tierId))
      .where(eq(memberships.userId, userId))
      .orderBy(desc(memberships.createdAt), desc(memberships.id)),
    db
      .select({
        ...getTableColumns(payments),
        disputeStatuses: sql<
          string[] | null
        >`(select array_agg(d.status order by d.opened_at) from ${disputes} d where d.payment_id = ${payments.id})`,
      })
      .from(payments)
      .where(eq(payments.userId, userId))
      .orderBy(desc(sql`coalesce(${payments.paidAt}, ${payments.createdAt})`), desc(payments.id)),
    db.select().from(giftAidDeclarations).where(eq(giftAidDeclarations.userId, userId)).orderBy(desc(giftAidDeclarations.declaredAt)),
    db
      .select({
        id: memberNotes.id,
        body: memberNotes.body,
        createdAt: memberNotes.createdAt,
        authorName: users.name,
        authorEmail: users.email,
      })
      .from(memberNotes)
      .leftJoin(users, eq(users.id, memberNotes.authorUserId))
      .where(eq(memberNotes.userId, userId))
      .orderBy(desc(memberNotes.createdAt), desc(memberNotes.id)),
  ]);
  const entityIds = [userId, ...history.map((h) => h.membership.id), ...paymentRows.map((p) => p.id)];
  const audit = await db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      entityType: auditLog.entityType,
      data: auditLog.data,
      createdAt: auditLog.createdAt,
      actorName: users.name,
      actorEmail: users.email,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    // Entries about the person, their memberships and their payments (index audit_log_entity_idx).
    .where(
      sql`${auditLog.entityType} in ('user', 'membership', 'payment') and ${auditLog.entityId} = any(${sql`array[${sql.join(
        entityIds.map((id) => sql`${id}`),
        sql`, `,
      )}]::text[]`})`,
    )
    .orderBy(desc(auditLog.id))
    .limit(200);
  return {
    user,
    memberships: history.map((h) => ({ ...h.membership, tierSlug: h.tierSlug, tierNameEn: h.tierNameEn, tierNameEs: h.tierNameEs })),
    payments: paymentRows,
    declarations,
    notes,
    audit,
  };
}

/** The audit entry for a cancellation asked of Stripe (after Stripe accepted it). */
export async function recordStripeCancellation(input: {
  actorUserId: string;
  userId: string;
  membershipId: string;
  subscriptionId: string;
}): Promise<void> {
  await recordAudit({
    actorUserId: input.actorUserId,
    action: 'membership.stripe_cancel_requested',
    entityType: 'membership',
    entityId: input.membershipId,
    data: { memberId: input.userId, subscriptionId: input.subscriptionId },
  });
}

/** The member a staff action is about (not deleted), for actions that work outside a transaction. */
export async function findMemberForAction(userId: string): Promise<User | null> {
  const [user] = await getDb().select().from(users).where(eq(users.id, userId));
  return user && !user.deletedAt ? user : null;
}

/** The tier of the member's most recent membership, whatever its status. */
export async function findLatestTierSlug(userId: string): Promise<string | null> {
  const [row] = await getDb()
    .select({ slug: membershipTiers.slug })
    .from(memberships)
    .innerJoin(membershipTiers, eq(membershipTiers.id, memberships.tierId))
    .where(eq(memberships.userId, userId))
    .orderBy(desc(memberships.createdAt))
    .limit(1);
  return row?.slug ?? null;
}

export async function recordSignInLinkSent(input: { actorUserId: string; userId: string }): Promise<void> {
  await recordAudit({ actorUserId: input.actorUserId, action: 'member.sign_in_link_sent', entityType: 'user', entityId: input.userId });
}

/** Tiers staff can pick, active ones first. */
export async function listTiersForStaff(): Promise<Pick<MembershipTier, 'slug' | 'nameEn' | 'nameEs' | 'active'>[]> {
  return getDb()
    .select({ slug: membershipTiers.slug, nameEn: membershipTiers.nameEn, nameEs: membershipTiers.nameEs, active: membershipTiers.active })
    .from(membershipTiers)
    .orderBy(desc(membershipTiers.active), membershipTiers.sortOrder, membershipTiers.slug);
}
