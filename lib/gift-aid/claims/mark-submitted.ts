import 'server-only';
import { getDb } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { lockClaim, setClaimSubmitted } from '@/db/queries/gift-aid-claims';

/** Staff say the claim has gone to HMRC; once only, audited with it. */
export async function markClaimSubmitted(claimId: string, staffUserId: string): Promise<'submitted' | 'notFound' | 'alreadySubmitted'> {
  return getDb().transaction(async (tx) => {
    const claim = await lockClaim(tx, claimId);
    if (!claim) return 'notFound';
    if (claim.claimedAt) return 'alreadySubmitted';
    await setClaimSubmitted(tx, claimId, new Date());
    await recordAudit(
      { actorUserId: staffUserId, action: 'gift_aid.claim_submitted', entityType: 'gift_aid_claim', entityId: claimId },
      tx,
    );
    return 'submitted';
  });
}
