import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { getDb, type Tx } from '../client';
import { membershipTiers, type Locale, type MembershipTier, type NewMembershipTier } from '../schema';

export type TierOffer = { id: string; slug: string; name: string; description: string; annualPricePence: number };

export async function listActiveTiers(locale: Locale): Promise<TierOffer[]> {
  const rows = await getDb()
    .select()
    .from(membershipTiers)
    .where(eq(membershipTiers.active, true))
    .orderBy(asc(membershipTiers.sortOrder), asc(membershipTiers.annualPricePence));
  return rows.map((t) => ({
    id: t.id,
    slug: t.slug,
    name: locale === 'es' ? t.nameEs : t.nameEn,
    description: locale === 'es' ? t.descriptionEs : t.descriptionEn,
    annualPricePence: t.annualPricePence,
  }));
}

// ---------------------------------------------------------------- admin settings

/** Every tier, active or not, in the order /join shows them. */
export async function listAllTiers(): Promise<MembershipTier[]> {
  return getDb().select().from(membershipTiers).orderBy(asc(membershipTiers.sortOrder), asc(membershipTiers.slug));
}

export async function findTierById(id: string): Promise<MembershipTier | null> {
  const [tier] = await getDb().select().from(membershipTiers).where(eq(membershipTiers.id, id));
  return tier ?? null;
}

export type NewTierInput = Pick<
  NewMembershipTier,
  | 'slug'
  | 'nameEn'
  | 'nameEs'
  | 'descriptionEn'
  | 'descriptionEs'
  | 'annualPricePence'
  | 'benefitsNewsletterOnly'
  | 'sortOrder'
  | 'stripePriceId'
>;

/** A new tier; null when its slug is taken (nothing is written). */
export async function insertTier(tx: Tx, input: NewTierInput): Promise<MembershipTier | null> {
  const [tier] = await tx.insert(membershipTiers).values(input).onConflictDoNothing({ target: membershipTiers.slug }).returning();
  return tier ?? null;
}

/** The tier, locked until the transaction ends. */
export async function lockTier(tx: Tx, tierId: string): Promise<MembershipTier | null> {
  const [tier] = await tx.select().from(membershipTiers).where(eq(membershipTiers.id, tierId)).for('update');
  return tier ?? null;
}

export async function updateTier(
  tx: Tx,
  tierId: string,
  change: Partial<Pick<MembershipTier, 'annualPricePence' | 'stripePriceId' | 'active'>>,
): Promise<MembershipTier | null> {
  const [tier] = await tx.update(membershipTiers).set(change).where(eq(membershipTiers.id, tierId)).returning();
  return tier ?? null;
}

/** Whether any tier, active or hidden, already has this slug. */
export async function tierSlugTaken(slug: string): Promise<boolean> {
  const rows = await getDb().select({ id: membershipTiers.id }).from(membershipTiers).where(eq(membershipTiers.slug, slug));
  return rows.length > 0;
}
