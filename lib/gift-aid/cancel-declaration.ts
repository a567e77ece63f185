import 'server-only';
import { getDb } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { cancelDeclarationRow } from '@/db/queries/gift-aid';

/**
 * Cancels a Gift Aid declaration, audited, in one transaction. Two ways to ask, one rule:
 * the account holder cancels one of their own (the id alone is never enough), and a guest
 * donor cancels through the declaration's signed link (the signature, checked by the
 * caller, is the guard). Whether this call cancelled it (false: not theirs, or already).
 */
export async function cancelDeclaration(declarationId: string, by: { userId: string } | 'signed link'): Promise<boolean> {
  return getDb().transaction(async (tx) => {
    const cancelled = await cancelDeclarationRow(tx, declarationId, new Date(), by === 'signed link' ? undefined : by.userId);
    if (cancelled) {
      await recordAudit(
        by === 'signed link'
          ? {
              actorUserId: null,
              action: 'gift_aid.declaration_cancelled',
              entityType: 'gift_aid_declaration',
              entityId: declarationId,
              data: { via: 'signed link' },
            }
          : {
              actorUserId: by.userId,
              action: 'gift_aid.declaration_cancelled',
              entityType: 'gift_aid_declaration',
              entityId: declarationId,
            },
        tx,
      );
    }
    return cancelled;
  });
}
