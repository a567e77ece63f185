import 'server-only';
import { getDb } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { eraseDeletedAccountsDeclarations } from '@/db/queries/personal-data';

// How long the Gift Aid records of a deleted account are kept. HMRC, "Gift Aid record keeping
// and audit requirements" and its Chapter 3 guidance (3.36-3.37): a charity keeps each
// declaration, cancelled ones included, and what links donations to it, to show its claims
// were right; "records need to be kept for at least six years" (HMRC's correction of its own
// earlier four-year figure). So when a donor deletes their account the declaration (name,
// house name or number, postcode, its date, scope and cancellation) stays until six years
// after the last claim that relied on it, or after the deletion if that is later (a payment
// not yet claimed may still be); then it is erased too (eraseExpiredGiftAidRecords below).
export const GIFT_AID_RECORDS_YEARS = 6;

/**
 * Erases the Gift Aid declarations of deleted accounts once HMRC no longer needs them, with
 * an audit entry. Run by the scheduled task; returns how many were erased.
 */
export async function eraseExpiredGiftAidRecords(now = new Date()): Promise<number> {
  return getDb().transaction(async (tx) => {
    const count = await eraseDeletedAccountsDeclarations(tx, now, GIFT_AID_RECORDS_YEARS);
    if (count)
      await recordAudit({ actorUserId: null, action: 'gift_aid.records_erased', entityType: 'gift_aid_declaration', data: { count } }, tx);
    return count;
  });
}
