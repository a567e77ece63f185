import 'server-only';
import type { Database, Tx } from '@/db/client';
import { claimCandidates } from '@/db/queries/gift-aid-claims';
import { paymentSetFingerprint, type ClaimRange } from '@/lib/gift-aid/claim-range';
import { assessPayment, type ClaimCandidate, type ClaimDeclaration, type ExclusionReason } from '@/lib/gift-aid/eligibility';
import { worstDisputeOutcome } from '@/lib/payments/dispute-status';

export type ClaimPreviewRow = ClaimCandidate & {
  donorName: string | null;
  declaration: ClaimDeclaration | null;
  claim: { id: string; periodFrom: string; periodTo: string } | null;
};
export type EligibleRow = ClaimPreviewRow & { declaration: ClaimDeclaration };
export type ExcludedRow = ClaimPreviewRow & { reason: ExclusionReason };

export type ClaimPreview = {
  eligible: EligibleRow[];
  excluded: ExcludedRow[];
  /** Paid in the period by people who never made a declaration: counted, not listed. */
  withoutGiftAid: { count: number; totalPence: number };
  totalPence: number;
  /** Names the eligible payments, so a claim is made of exactly those staff saw. */
  fingerprint: string;
};

/**
 * Every payment of the period with a tie to Gift Aid, judged against today's declarations
 * by the one rule (lib/gift-aid/eligibility.ts): eligible, or excluded with its reason.
 * `db` is the claim's transaction when a claim is being made.
 */
export async function previewClaim(range: ClaimRange, db?: Database | Tx): Promise<ClaimPreview> {
  const { rows, untied, declarations } = await claimCandidates(range, db);
  const eligible: EligibleRow[] = [];
  const excluded: ExcludedRow[] = [];
  for (const { claimPeriodFrom, claimPeriodTo, disputeStatuses, ...row } of rows) {
    const candidate = { ...row, paidAt: row.paidAt!, dispute: worstDisputeOutcome(disputeStatuses ?? []) };
    const claim = row.giftAidClaimId ? { id: row.giftAidClaimId, periodFrom: claimPeriodFrom!, periodTo: claimPeriodTo! } : null;
    const assessment = assessPayment(candidate, declarations);
    if (assessment.eligible) eligible.push({ ...candidate, claim, declaration: assessment.declaration });
    else excluded.push({ ...candidate, claim, declaration: assessment.declaration, reason: assessment.reason });
  }
  return {
    eligible,
    excluded,
    withoutGiftAid: untied,
    totalPence: eligible.reduce((total, row) => total + row.amountPence, 0),
    fingerprint: paymentSetFingerprint(eligible.map((row) => row.id)),
  };
}
