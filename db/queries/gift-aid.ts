import 'server-only';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { getDb, type Tx } from '../client';
import { giftAidDeclarations, type GiftAidDeclaration, type NewGiftAidDeclaration } from '../schema';
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
