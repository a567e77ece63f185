import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { getDb, type Tx } from '../client';
import { donations, giftAidDeclarations, payments, users, type Donation, type NewDonation } from '../schema';

export async function createDonation(values: NewDonation): Promise<Donation> {
  const [row] = await getDb().insert(donations).values(values).returning();
  return row;
}

export async function attachCheckoutSession(donationId: string, sessionId: string): Promise<void> {
  await getDb().update(donations).set({ stripeCheckoutSessionId: sessionId }).where(eq(donations.id, donationId));
}

export async function findDonationForUpdate(tx: Tx, id: string): Promise<Donation | null> {
  const [row] = await tx.select().from(donations).where(eq(donations.id, id)).for('update');
  return row ?? null;
}

export async function updateDonation(tx: Tx, id: string, values: Partial<Pick<Donation, 'status' | 'stripeSubscriptionId' | 'stripeCheckoutSessionId'>>): Promise<Donation> {
  const [row] = await tx.update(donations).set(values).where(eq(donations.id, id)).returning();
  return row;
}

export async function findDonation(id: string): Promise<Donation | null> {
  const [row] = await getDb().select().from(donations).where(eq(donations.id, id));
  return row ?? null;
}

/**
 * A guest who gave with an email address and later signs in with it sees those gifts:
 * donations, their payments and Gift Aid declarations are attached to the account.
 */
export async function claimGuestDonations(userId: string, email: string): Promise<number> {
  return getDb().transaction(async (tx) => {
    const claimed = await tx
      .update(donations)
      .set({ userId })
      .where(and(isNull(donations.userId), sql`lower(${donations.email}) = ${email.toLowerCase()}`))
      .returning({ id: donations.id });
    await tx.update(payments).set({ userId }).where(and(isNull(payments.userId), sql`lower(${payments.email}) = ${email.toLowerCase()}`));
    await tx
      .update(giftAidDeclarations)
      .set({ userId })
      .where(and(isNull(giftAidDeclarations.userId), sql`lower(${giftAidDeclarations.email}) = ${email.toLowerCase()}`));
    return claimed.length;
  });
}

export async function findUserLocale(tx: Tx, userId: string | null): Promise<'en' | 'es' | null> {
  if (!userId) return null;
  const [row] = await tx.select({ locale: users.preferredLocale }).from(users).where(eq(users.id, userId));
  return row?.locale ?? null;
}
