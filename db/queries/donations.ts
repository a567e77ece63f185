import 'server-only';
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { getDb, type Tx } from '../client';
import { donations, giftAidDeclarations, payments, users, type Donation, type GiftAidDeclaration, type NewDonation } from '../schema';
import { oneRow } from './rows';

export async function createDonation(values: NewDonation): Promise<Donation> {
  const row = oneRow(await getDb().insert(donations).values(values).returning(), 'the inserted donation');
  return row;
}

/** A gift whose checkout could not be opened (Stripe failed): closed, so it is never shown as waiting. */
export async function closeUnstartedDonation(donationId: string): Promise<void> {
  await getDb()
    .update(donations)
    .set({ status: 'expired' })
    .where(and(eq(donations.id, donationId), eq(donations.status, 'pending'), isNull(donations.stripeCheckoutSessionId)));
}

export async function attachCheckoutSession(donationId: string, sessionId: string): Promise<void> {
  await getDb().update(donations).set({ stripeCheckoutSessionId: sessionId }).where(eq(donations.id, donationId));
}

export async function findDonationForUpdate(tx: Tx, id: string): Promise<Donation | null> {
  const [row] = await tx.select().from(donations).where(eq(donations.id, id)).for('update');
  return row ?? null;
}

export async function updateDonation(
  tx: Tx,
  id: string,
  values: Partial<Pick<Donation, 'status' | 'stripeSubscriptionId' | 'stripeCheckoutSessionId'>>,
): Promise<Donation> {
  const row = oneRow(await tx.update(donations).set(values).where(eq(donations.id, id)).returning(), 'the updated donation');
  return row;
}

export async function findDonation(id: string): Promise<Donation | null> {
  const [row] = await getDb().select().from(donations).where(eq(donations.id, id));
  return row ?? null;
}

export type GuestGift = {
  donationId: string;
  frequency: Donation['frequency'];
  amountPence: number;
  firstPaidAt: Date;
  declaration: Pick<
    GiftAidDeclaration,
    'id' | 'title' | 'firstName' | 'lastName' | 'houseNameOrNumber' | 'postcode' | 'scope' | 'declaredAt' | 'cancelledAt'
  > | null;
};

const lowerEmail = (email: string) => sql`lower(${donations.email}) = ${email.toLowerCase()}`;

/**
 * Paid gifts made without signing in under this address and not yet confirmed by anyone:
 * what /account offers the person to confirm as theirs. Nothing is attached by the match.
 */
export async function listGuestGiftsFor(email: string): Promise<GuestGift[]> {
  const rows = await getDb()
    .select({
      donationId: donations.id,
      frequency: donations.frequency,
      amountPence: donations.amountPence,
      firstPaidAt: sql<Date>`min(${payments.paidAt})`.mapWith((v: string | Date) => new Date(v)),
      declarationId: giftAidDeclarations.id,
      title: giftAidDeclarations.title,
      firstName: giftAidDeclarations.firstName,
      lastName: giftAidDeclarations.lastName,
      houseNameOrNumber: giftAidDeclarations.houseNameOrNumber,
      postcode: giftAidDeclarations.postcode,
      scope: giftAidDeclarations.scope,
      declaredAt: giftAidDeclarations.declaredAt,
      cancelledAt: giftAidDeclarations.cancelledAt,
    })
    .from(donations)
    .innerJoin(payments, and(eq(payments.donationId, donations.id), isNotNull(payments.paidAt)))
    .leftJoin(giftAidDeclarations, eq(giftAidDeclarations.id, donations.giftAidDeclarationId))
    .where(and(isNull(donations.userId), lowerEmail(email)))
    .groupBy(donations.id, giftAidDeclarations.id)
    .orderBy(sql`min(${payments.paidAt}) desc`)
    .limit(100);
  return rows.map(
    ({ declarationId, title, firstName, lastName, houseNameOrNumber, postcode, scope, declaredAt, cancelledAt, ...gift }) => ({
      ...gift,
      declaration:
        declarationId &&
        firstName !== null &&
        lastName !== null &&
        houseNameOrNumber !== null &&
        postcode !== null &&
        scope !== null &&
        declaredAt !== null
          ? { id: declarationId, title, firstName, lastName, houseNameOrNumber, postcode, scope, declaredAt, cancelledAt }
          : null,
    }),
  );
}

/** Gives an unowned gift made under this address to the account; null when there is none. */
export async function claimGuestDonation(
  tx: Tx,
  input: { userId: string; email: string; donationId: string },
): Promise<{ id: string; declarationId: string | null } | null> {
  const [donation] = await tx
    .update(donations)
    .set({ userId: input.userId })
    .where(and(eq(donations.id, input.donationId), isNull(donations.userId), lowerEmail(input.email)))
    .returning({ id: donations.id, declarationId: donations.giftAidDeclarationId });
  return donation ?? null;
}

/** The gift's payments that belong to no account yet join the account. */
export async function claimGuestPayments(tx: Tx, donationId: string, userId: string): Promise<void> {
  await tx
    .update(payments)
    .set({ userId })
    .where(and(eq(payments.donationId, donationId), isNull(payments.userId)));
}

export async function findUserLocale(tx: Tx, userId: string | null): Promise<'en' | 'es' | null> {
  if (!userId) return null;
  const [row] = await tx.select({ locale: users.preferredLocale }).from(users).where(eq(users.id, userId));
  return row?.locale ?? null;
}
