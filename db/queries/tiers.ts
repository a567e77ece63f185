import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { getDb } from '../client';
import { membershipTiers, type Locale } from '../schema';

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
