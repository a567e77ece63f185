import 'server-only';
import { getDb } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { insertClaim, markPaymentsClaimed } from '@/db/queries/gift-aid-claims';
import type { GiftAidClaim } from '@/db/schema';
import type { ClaimRange } from '@/lib/gift-aid/claim-range';
import { MAX_SCHEDULE_ROWS } from '@/lib/gift-aid/hmrc-schedule';
import { previewClaim } from './preview-claim';

export type CreateClaimResult =
  | { ok: true; claim: GiftAidClaim; payments: number; totalPence: number }
  | { ok: false; error: 'nothingToClaim' | 'changed' | 'takenMeanwhile' | 'tooMany' };

/** Thrown inside the transaction to roll it back when another claim took a payment first. */
class TakenMeanwhile extends Error {}

/**
 * Makes a claim of exactly the eligible payments staff saw (the fingerprint names them).
 * One transaction: the claim row, each payment marked with it (only while still unclaimed),
 * and the audit entry. If any payment was claimed by someone else in the meantime, the
 * counts differ and everything is rolled back: a payment is never in two claims.
 */
export async function createClaim(input: { range: ClaimRange; fingerprint: string; staffUserId: string }): Promise<CreateClaimResult> {
  try {
    return await getDb().transaction(async (tx) => {
      const preview = await previewClaim(input.range, tx);
      if (!preview.eligible.length) return { ok: false, error: 'nothingToClaim' } as const;
      if (preview.fingerprint !== input.fingerprint) return { ok: false, error: 'changed' } as const;
      if (preview.eligible.length > MAX_SCHEDULE_ROWS) return { ok: false, error: 'tooMany' } as const;

      const claim = await insertClaim(tx, input);
      let marked = 0;
      // Grouped by declaration so each payment also records the declaration the claim relies on.
      const byDeclaration = new Map<string, string[]>();
      for (const row of preview.eligible) byDeclaration.set(row.declaration.id, [...(byDeclaration.get(row.declaration.id) ?? []), row.id]);
      for (const [declarationId, paymentIds] of byDeclaration) marked += await markPaymentsClaimed(tx, claim.id, declarationId, paymentIds);
      if (marked !== preview.eligible.length) throw new TakenMeanwhile();

      await recordAudit(
        {
          actorUserId: input.staffUserId,
          action: 'gift_aid.claim_created',
          entityType: 'gift_aid_claim',
          entityId: claim.id,
          data: { periodFrom: input.range.from, periodTo: input.range.to, payments: marked, totalPence: preview.totalPence },
        },
        tx,
      );
      return { ok: true, claim, payments: marked, totalPence: preview.totalPence } as const;
    });
  } catch (error) {
    if (error instanceof TakenMeanwhile) return { ok: false, error: 'takenMeanwhile' };
    throw error;
  }
}
