import 'server-only';
import { and, eq, inArray, isNotNull, like, or, sql } from 'drizzle-orm';
import { getDb, type Tx } from '../client';
import {
  LIVE_MEMBERSHIP_STATUSES,
  accounts,
  mailOutbox,
  auditLog,
  donations,
  giftAidDeclarations,
  memberNotes,
  memberships,
  newsletterDeliveries,
  payments,
  rateLimits,
  sessions,
  users,
  verificationTokens,
  type User,
} from '../schema';

/** Everything we hold about one person, for "download my data". */
export async function exportPersonalData(userId: string) {
  const db = getDb();
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) return null;
  const [membershipRows, paymentRows, donationRows, declarationRows, deliveryRows, sessionRows, auditRows] = await Promise.all([
    db.select().from(memberships).where(eq(memberships.userId, userId)),
    db.select().from(payments).where(eq(payments.userId, userId)),
    db.select().from(donations).where(eq(donations.userId, userId)),
    db.select().from(giftAidDeclarations).where(eq(giftAidDeclarations.userId, userId)),
    db.select().from(newsletterDeliveries).where(eq(newsletterDeliveries.userId, userId)),
    db.select({ expires: sessions.expires }).from(sessions).where(eq(sessions.userId, userId)),
    db
      .select()
      .from(auditLog)
      .where(or(eq(auditLog.actorUserId, userId), sql`${auditLog.entityType} = 'user' and ${auditLog.entityId} = ${userId}`)),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    profile: user,
    memberships: membershipRows,
    payments: paymentRows,
    donations: donationRows,
    giftAidDeclarations: declarationRows,
    newsletterDeliveries: deliveryRows,
    activeSessions: sessionRows,
    activity: auditRows,
  };
}

/**
 * The Stripe subscriptions that would go on charging this person: their live memberships'
 * and their monthly gifts' (pending included: a checkout completed a moment ago).
 */
export async function listChargingSubscriptions(tx: Tx, userId: string): Promise<string[]> {
  const [membershipRows, donationRows] = await Promise.all([
    tx
      .select({ id: memberships.stripeSubscriptionId })
      .from(memberships)
      .where(
        and(
          eq(memberships.userId, userId),
          inArray(memberships.status, LIVE_MEMBERSHIP_STATUSES),
          isNotNull(memberships.stripeSubscriptionId),
        ),
      ),
    tx
      .select({ id: donations.stripeSubscriptionId })
      .from(donations)
      .where(
        and(eq(donations.userId, userId), inArray(donations.status, ['pending', 'active']), isNotNull(donations.stripeSubscriptionId)),
      ),
  ]);
  return [...membershipRows, ...donationRows].flatMap((row) => (row.id ? [row.id] : []));
}

/** The account, locked until the transaction ends. */
export async function lockUser(tx: Tx, userId: string): Promise<User | null> {
  const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
  return user ?? null;
}

/**
 * What deleting an account removes (lib/account/delete-account.ts decides when): personal
 * data goes, payment records stay (charity accounts must keep them) but no longer say
 * whose they were beyond an anonymous id; every session ends. Gift Aid declarations stay
 * as HMRC requires (lib/gift-aid/records.ts): name, house, postcode and dates, cancelled
 * from now on; their email goes with everything else.
 */
export async function erasePersonalRows(tx: Tx, user: Pick<User, 'id' | 'email'>): Promise<void> {
  const userId = user.id;
  if (user.email) {
    await tx.delete(verificationTokens).where(eq(verificationTokens.identifier, user.email));
    await tx.delete(rateLimits).where(like(rateLimits.key, `%:${user.email}`));
    await tx.delete(mailOutbox).where(eq(mailOutbox.toAddress, user.email));
  }
  await tx.delete(sessions).where(eq(sessions.userId, userId));
  await tx.delete(accounts).where(eq(accounts.userId, userId));
  await tx.delete(newsletterDeliveries).where(eq(newsletterDeliveries.userId, userId));
  await tx.delete(memberNotes).where(eq(memberNotes.userId, userId));
  await tx.update(payments).set({ email: null }).where(eq(payments.userId, userId));
  await tx.update(donations).set({ email: null }).where(eq(donations.userId, userId));
  await tx
    .update(giftAidDeclarations)
    .set({ email: null, cancelledAt: sql`coalesce(${giftAidDeclarations.cancelledAt}, now())` })
    .where(eq(giftAidDeclarations.userId, userId));
  await tx
    .update(memberships)
    .set({ status: 'cancelled', cancelledAt: sql`coalesce(${memberships.cancelledAt}, now())` })
    .where(and(eq(memberships.userId, userId), inArray(memberships.status, LIVE_MEMBERSHIP_STATUSES)));
  await tx
    .update(users)
    .set({
      name: null,
      email: null,
      emailVerified: null,
      image: null,
      addressLine1: null,
      addressLine2: null,
      city: null,
      postcode: null,
      country: null,
      stripeCustomerId: null,
      newsletterOptIn: false,
      role: 'member',
      deletedAt: new Date(),
    })
    .where(eq(users.id, userId));
}

/**
 * Blanks the Gift Aid declarations of deleted accounts kept for `keepYears` after the later
 * of the deletion and the last claim that relied on the declaration; how many.
 */
export async function eraseDeletedAccountsDeclarations(tx: Tx, now: Date, keepYears: number): Promise<number> {
  const erased = await tx.execute<{ id: string }>(sql`
      update ${giftAidDeclarations} g
      set title = null, first_name = '', last_name = '', house_name_or_number = '', postcode = ''
      from ${users} u
      where u.id = g.user_id and u.deleted_at is not null
        and (g.first_name <> '' or g.last_name <> '' or g.house_name_or_number <> '' or g.postcode <> '' or g.title is not null)
        and greatest(u.deleted_at, coalesce((
              select max(coalesce(c.claimed_at, c.created_at)) from ${payments} p join gift_aid_claims c on c.id = p.gift_aid_claim_id
              where p.gift_aid_declaration_id = g.id), u.deleted_at))
            < ${now.toISOString()}::timestamptz - make_interval(years => ${keepYears})
      returning g.id`);
  return [...erased].length;
}
