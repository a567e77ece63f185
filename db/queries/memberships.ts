import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { getDb } from '../client';
import { memberships, membershipTiers, type Membership } from '../schema';

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
