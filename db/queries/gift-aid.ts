import 'server-only';
import { and, desc, eq, isNotNull, isNull, min } from 'drizzle-orm';
import { getDb, type Tx } from '../client';
import { donations, giftAidDeclarations, payments, type GiftAidDeclaration, type NewGiftAidDeclaration } from '../schema';
import { recordAudit } from './audit';

export async function createDeclaration(tx: Tx | ReturnType<typeof getDb>, declaration: NewGiftAidDeclaration): Promise<GiftAidDeclaration> {
  const [row] = await tx.insert(giftAidDeclarations).values(declaration).returning();
  return row;
}

export async function listDeclarations(userId: string): Promise<GiftAidDeclaration[]> {
  return getDb().select().from(giftAidDeclarations).where(eq(giftAidDeclarations.userId, userId)).orderBy(desc(giftAidDeclarations.declaredAt));
}

/** Cancels one of the user's own declarations (the id alone is never enough). */
export async function cancelDeclaration(userId: string, declarationId: string): Promise<boolean> {
  const rows = await getDb()
    .update(giftAidDeclarations)
    .set({ cancelledAt: new Date() })
    .where(and(eq(giftAidDeclarations.id, declarationId), eq(giftAidDeclarations.userId, userId), isNull(giftAidDeclarations.cancelledAt)))
    .returning({ id: giftAidDeclarations.id });
  if (rows.length) await recordAudit({ actorUserId: userId, action: 'gift_aid.declaration_cancelled', entityType: 'gift_aid_declaration', entityId: declarationId });
  return rows.length === 1;
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

/** Cancels a declaration through its signed link (the signature is the guard; no account). */
export async function cancelDeclarationByLink(declarationId: string): Promise<boolean> {
  return getDb().transaction(async (tx) => {
    const rows = await tx
      .update(giftAidDeclarations)
      .set({ cancelledAt: new Date() })
      .where(and(eq(giftAidDeclarations.id, declarationId), isNull(giftAidDeclarations.cancelledAt)))
      .returning({ id: giftAidDeclarations.id });
    if (rows.length) {
      await recordAudit({ actorUserId: null, action: 'gift_aid.declaration_cancelled', entityType: 'gift_aid_declaration', entityId: declarationId, data: { via: 'signed link' } }, tx);
    }
    return rows.length === 1;
  });
}
