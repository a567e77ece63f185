import 'server-only';
import { getDb } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { createDeclaration, findUnusedIdenticalDeclaration, lockDeclarant } from '@/db/queries/gift-aid';
import type { GiftAidDeclaration, NewGiftAidDeclaration } from '@/db/schema';

export type DeclarationInput = Pick<
  NewGiftAidDeclaration,
  'title' | 'firstName' | 'lastName' | 'houseNameOrNumber' | 'postcode' | 'scope'
> & {
  /** The signed-in declarant, from the session; null for a guest. */
  userId: string | null;
  email: string | null;
};

/**
 * Records a Gift Aid declaration made in the join or donate form, before Stripe is asked.
 * The same form sent again (Stripe failed, or the payer came back from a checkout they
 * left) finds the identical, still unused declaration it made and uses it, so a person
 * never ends up with two declarations for one gift. Concurrent sends by the same person
 * wait for each other.
 */
export async function declareGiftAid(input: DeclarationInput): Promise<GiftAidDeclaration> {
  return getDb().transaction(async (tx) => {
    await lockDeclarant(tx, input.userId ?? `guest:${input.email}`);
    const existing = await findUnusedIdenticalDeclaration(tx, input);
    if (existing) return existing;
    const row = await createDeclaration(tx, input);
    await recordAudit(
      {
        actorUserId: input.userId,
        action: 'gift_aid.declared',
        entityType: 'gift_aid_declaration',
        entityId: row.id,
        data: { scope: row.scope },
      },
      tx,
    );
    return row;
  });
}
