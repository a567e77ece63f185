import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { getDb } from '../client';
import { membershipTiers, type Locale, type MembershipTier, type NewMembershipTier } from '../schema';
import { recordAudit } from './audit';

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

export class DuplicateTierSlugError extends Error {}

export type NewTierInput = Pick<
  NewMembershipTier,
  'slug' | 'nameEn' | 'nameEs' | 'descriptionEn' | 'descriptionEs' | 'annualPricePence' | 'benefitsNewsletterOnly' | 'sortOrder' | 'stripePriceId'
>;

/** Creates a tier with its audit entry; a taken slug is a DuplicateTierSlugError and writes nothing. */
export async function createTier(actorUserId: string, input: NewTierInput): Promise<MembershipTier> {
  return getDb().transaction(async (tx) => {
    const [tier] = await tx.insert(membershipTiers).values(input).onConflictDoNothing({ target: membershipTiers.slug }).returning();
    if (!tier) throw new DuplicateTierSlugError(input.slug);
    await recordAudit({ actorUserId, action: 'tier.created', entityType: 'membership_tier', entityId: tier.id, data: { slug: tier.slug, annualPricePence: tier.annualPricePence, stripePriceId: tier.stripePriceId } }, tx);
    return tier;
  });
}

/**
 * A new annual price (and the Stripe price made for it). Existing subscriptions keep the
 * Stripe price they were created with; only new checkouts use this one.
 */
export async function changeTierPrice(actorUserId: string, tierId: string, annualPricePence: number, stripePriceId: string | null): Promise<MembershipTier | null> {
  return getDb().transaction(async (tx) => {
    const [before] = await tx.select().from(membershipTiers).where(eq(membershipTiers.id, tierId)).for('update');
    if (!before) return null;
    const [after] = await tx.update(membershipTiers).set({ annualPricePence, stripePriceId }).where(eq(membershipTiers.id, tierId)).returning();
    await recordAudit(
      {
        actorUserId,
        action: 'tier.price_changed',
        entityType: 'membership_tier',
        entityId: tierId,
        data: { slug: before.slug, fromPence: before.annualPricePence, toPence: annualPricePence, fromStripePriceId: before.stripePriceId, toStripePriceId: stripePriceId },
      },
      tx,
    );
    return after;
  });
}

/** Hides a tier from /join (or shows it again); members already on it keep it. */
export async function setTierActive(actorUserId: string, tierId: string, active: boolean): Promise<MembershipTier | null> {
  return getDb().transaction(async (tx) => {
    const [after] = await tx.update(membershipTiers).set({ active }).where(eq(membershipTiers.id, tierId)).returning();
    if (!after) return null;
    await recordAudit({ actorUserId, action: active ? 'tier.reactivated' : 'tier.deactivated', entityType: 'membership_tier', entityId: tierId, data: { slug: after.slug } }, tx);
    return after;
  });
}

/** Whether any tier, active or hidden, already has this slug. */
export async function tierSlugTaken(slug: string): Promise<boolean> {
  const rows = await getDb().select({ id: membershipTiers.id }).from(membershipTiers).where(eq(membershipTiers.slug, slug));
  return rows.length > 0;
}
