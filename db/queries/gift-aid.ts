import 'server-only';
import { and, desc, eq, gt, isNotNull, isNull, min, notExists, sql } from 'drizzle-orm';
import { getDb, type Tx } from '../client';
import { donations, giftAidDeclarations, payments, type GiftAidDeclaration, type NewGiftAidDeclaration } from '../schema';
import { oneRow } from './rows';

export async function createDeclaration(
  tx: Tx | ReturnType<typeof getDb>,
  declaration: NewGiftAidDeclaration,
): Promise<GiftAidDeclaration> {
  const row = oneRow(await tx.insert(giftAidDeclarations).values(declaration).returning(), 'the inserted declaration');
  return row;
}

/** Holds off a second declaration by the same person until this transaction ends. */
export async function lockDeclarant(tx: Tx, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`gift-aid-declarant:${key}`}, 0))`);
}

/**
 * A declaration with exactly these words, made in the last day, not cancelled, and not yet
 * pointed at by any payment or by a gift that reached Stripe (a gift whose checkout could
 * not even be opened is closed as expired with no session, and cannot be paid): the one a
 * form sent again after Stripe failed made a moment ago.
 */
export async function findUnusedIdenticalDeclaration(
  tx: Tx,
  d: Pick<NewGiftAidDeclaration, 'userId' | 'email' | 'title' | 'firstName' | 'lastName' | 'houseNameOrNumber' | 'postcode' | 'scope'>,
): Promise<GiftAidDeclaration | null> {
  const [row] = await tx
    .select()
    .from(giftAidDeclarations)
    .where(
      and(
        d.userId
          ? eq(giftAidDeclarations.userId, d.userId)
          : and(isNull(giftAidDeclarations.userId), eq(giftAidDeclarations.email, d.email ?? '')),
        sql`${giftAidDeclarations.title} is not distinct from ${d.title ?? null}`,
        eq(giftAidDeclarations.firstName, d.firstName),
        eq(giftAidDeclarations.lastName, d.lastName),
        eq(giftAidDeclarations.houseNameOrNumber, d.houseNameOrNumber),
        eq(giftAidDeclarations.postcode, d.postcode),
        eq(giftAidDeclarations.scope, d.scope),
        isNull(giftAidDeclarations.cancelledAt),
        gt(giftAidDeclarations.declaredAt, sql`now() - interval '1 day'`),
        notExists(
          tx
            .select({ one: sql`1` })
            .from(donations)
            .where(
              and(
                eq(donations.giftAidDeclarationId, giftAidDeclarations.id),
                sql`not (${donations.status} = 'expired' and ${donations.stripeCheckoutSessionId} is null)`,
              ),
            ),
        ),
        notExists(
          tx
            .select({ one: sql`1` })
            .from(payments)
            .where(eq(payments.giftAidDeclarationId, giftAidDeclarations.id)),
        ),
      ),
    )
    .orderBy(desc(giftAidDeclarations.declaredAt))
    .limit(1);
  return row ?? null;
}

export async function listDeclarations(userId: string): Promise<GiftAidDeclaration[]> {
  return getDb()
    .select()
    .from(giftAidDeclarations)
    .where(eq(giftAidDeclarations.userId, userId))
    .orderBy(desc(giftAidDeclarations.declaredAt));
}

export async function findDeclaration(tx: Tx, id: string): Promise<GiftAidDeclaration | null> {
  const [row] = await tx.select().from(giftAidDeclarations).where(eq(giftAidDeclarations.id, id));
  return row ?? null;
}

export type DeclarationForLink = GiftAidDeclaration & { gift: { amountPence: number; paidAt: Date | null } | null };

/** A declaration and the gift it was made with, for the signed link of a guest donor. */
export async function findDeclarationForLink(id: string): Promise<DeclarationForLink | null> {
  const db = getDb();
  const [declaration] = await db.select().from(giftAidDeclarations).where(eq(giftAidDeclarations.id, id));
  if (!declaration) return null;
  const [gift] = await db
    .select({ amountPence: donations.amountPence, paidAt: min(payments.paidAt) })
    .from(donations)
    .leftJoin(payments, and(eq(payments.donationId, donations.id), isNotNull(payments.paidAt)))
    .where(eq(donations.giftAidDeclarationId, id))
    .groupBy(donations.id)
    .limit(1);
  return { ...declaration, gift: gift ?? null };
}

/**
 * Cancels the declaration unless it already is (only if it is `ownerId`'s, when given);
 * whether this call cancelled it.
 */
export async function cancelDeclarationRow(tx: Tx, declarationId: string, at: Date, ownerId?: string): Promise<boolean> {
  const rows = await tx
    .update(giftAidDeclarations)
    .set({ cancelledAt: at })
    .where(
      and(
        eq(giftAidDeclarations.id, declarationId),
        ownerId ? eq(giftAidDeclarations.userId, ownerId) : undefined,
        isNull(giftAidDeclarations.cancelledAt),
      ),
    )
    .returning({ id: giftAidDeclarations.id });
  return rows.length === 1;
}

/** A declaration made as a guest joins the account; whether it did (it had no account). */
export async function claimGuestDeclaration(tx: Tx, declarationId: string, userId: string): Promise<boolean> {
  const claimed = await tx
    .update(giftAidDeclarations)
    .set({ userId })
    .where(and(eq(giftAidDeclarations.id, declarationId), isNull(giftAidDeclarations.userId)))
    .returning({ id: giftAidDeclarations.id });
  return claimed.length === 1;
}
