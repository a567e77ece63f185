import 'server-only';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { getDb, type Tx } from '../client';
import type { MembershipLifecycleSql } from './lifecycle-sql';
import {
  LIVE_MEMBERSHIP_STATUSES,
  memberNotes,
  memberships,
  membershipTiers,
  users,
  type Membership,
  type MembershipTier,
  type User,
} from '../schema';
import { oneRow } from './rows';

export type MembershipWithTier = Membership & { tierNameEn: string; tierNameEs: string };

/** The member's most recent membership, whatever its status. */
export async function findLatestMembership(userId: string): Promise<MembershipWithTier | null> {
  const rows = await getDb()
    .select({ membership: memberships, tierNameEn: membershipTiers.nameEn, tierNameEs: membershipTiers.nameEs })
    .from(memberships)
    .innerJoin(membershipTiers, eq(membershipTiers.id, memberships.tierId))
    .where(eq(memberships.userId, userId))
    .orderBy(desc(memberships.createdAt))
    .limit(1);
  return rows[0] ? { ...rows[0].membership, tierNameEn: rows[0].tierNameEn, tierNameEs: rows[0].tierNameEs } : null;
}

/** The member's live membership (pending, active, past due), locked until the transaction ends. */
export async function lockLiveMembership(tx: Tx, userId: string): Promise<Membership | null> {
  const [live] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.userId, userId), inArray(memberships.status, LIVE_MEMBERSHIP_STATUSES)))
    .for('update');
  return live ?? null;
}

export async function setMembershipTier(tx: Tx, membershipId: string, tierId: string): Promise<Membership> {
  const updated = oneRow(
    await tx.update(memberships).set({ tierId }).where(eq(memberships.id, membershipId)).returning(),
    'the updated membership',
  );
  return updated;
}

export async function cancelMembershipRow(tx: Tx, membershipId: string, at: Date): Promise<void> {
  await tx.update(memberships).set({ status: 'cancelled', cancelledAt: at }).where(eq(memberships.id, membershipId));
}

export async function insertPendingOfflineMembership(tx: Tx, userId: string, tierId: string): Promise<Membership> {
  const created = oneRow(
    await tx.insert(memberships).values({ userId, tierId, status: 'pending', source: 'offline' }).returning(),
    'the inserted membership',
  );
  return created;
}

/** The reference a bank-transfer payer quotes, derived from the membership. */
export const paymentReference = (membershipId: string) => `PSG-${membershipId.slice(0, 8).toUpperCase()}`;

/**
 * Offline and complimentary memberships whose period and grace period are over: Stripe
 * tells us when its subscriptions lapse, nobody tells us about these, so a scheduled task
 * asks. Locked, so two servers running the task lapse each membership once.
 */
export async function lockEndedNonStripeMemberships(tx: Tx, lifecycle: MembershipLifecycleSql, limit = 200): Promise<Membership[]> {
  return tx
    .select()
    .from(memberships)
    .where(
      and(
        sql`${memberships.source} in ('offline', 'complimentary')`,
        sql`${memberships.status} in ('active', 'past_due')`,
        sql`not ${lifecycle.hasAccess({ status: sql`${memberships.status}`, periodEnd: sql`${memberships.currentPeriodEnd}` }, sql`now()`)}`,
      ),
    )
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function markMembershipLapsed(tx: Tx, id: string): Promise<Membership> {
  const row = oneRow(
    await tx.update(memberships).set({ status: 'lapsed' }).where(eq(memberships.id, id)).returning(),
    'the lapsed membership',
  );
  return row;
}

/** The member and tier of a membership, read inside the transaction that changes it. */
export async function findMembershipParties(tx: Tx, membership: Membership): Promise<{ user: User; tier: MembershipTier }> {
  const user = oneRow(await tx.select().from(users).where(eq(users.id, membership.userId)), 'the member of the membership');
  const tier = oneRow(
    await tx.select().from(membershipTiers).where(eq(membershipTiers.id, membership.tierId)),
    'the tier of the membership',
  );
  return { user, tier };
}

// ---------------------------------------------------------------- inside a change
// What the use cases that change a membership (lib/membership/staff/, lib/payments/offline.ts)
// read and write inside the transaction they own.

export type LiveMembership = Membership & { tier: MembershipTier };

/** The member a change is about, locked for the change; null when deleted or unknown. */
export async function lockMember(tx: Tx, userId: string): Promise<User | null> {
  const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
  return user && !user.deletedAt ? user : null;
}

/** The member's live membership (pending, active or past due), locked, with its tier. */
export async function findLiveMembership(tx: Tx, userId: string): Promise<LiveMembership | null> {
  const [row] = await tx
    .select({ membership: memberships, tier: membershipTiers })
    .from(memberships)
    .innerJoin(membershipTiers, eq(membershipTiers.id, memberships.tierId))
    .where(and(eq(memberships.userId, userId), inArray(memberships.status, LIVE_MEMBERSHIP_STATUSES)))
    .for('update', { of: memberships });
  return row ? { ...row.membership, tier: row.tier } : null;
}

export async function findTierBySlugIn(tx: Tx, slug: string): Promise<MembershipTier | null> {
  const [tier] = await tx.select().from(membershipTiers).where(eq(membershipTiers.slug, slug));
  return tier ?? null;
}

export async function insertMembership(tx: Tx, values: typeof memberships.$inferInsert): Promise<Membership> {
  const membership = oneRow(await tx.insert(memberships).values(values).returning(), 'the inserted membership');
  return membership;
}

export async function updateMembership(tx: Tx, id: string, set: Partial<typeof memberships.$inferInsert>): Promise<Membership> {
  const membership = oneRow(await tx.update(memberships).set(set).where(eq(memberships.id, id)).returning(), 'the updated membership');
  return membership;
}

export async function insertMemberNote(tx: Tx, note: { userId: string; authorUserId: string | null; body: string }): Promise<string> {
  const row = oneRow(await tx.insert(memberNotes).values(note).returning({ id: memberNotes.id }), 'the inserted note');
  return row.id;
}
