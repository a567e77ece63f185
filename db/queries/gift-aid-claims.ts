import 'server-only';
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lt, or, sql, sum, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { assessPayment, type ClaimCandidate, type ClaimDeclaration, type ExclusionReason } from '@/lib/gift-aid/eligibility';
import { paymentSetFingerprint, type ClaimRange } from '@/lib/gift-aid/claim-range';
import { worstDisputeOutcome } from '@/lib/payments/dispute-status';
import { MAX_SCHEDULE_ROWS, type ScheduleDonation } from '@/lib/gift-aid/hmrc-schedule';
import { getDb, type Database, type Tx } from '../client';
import { disputes, donations, giftAidClaims, giftAidDeclarations, memberships, membershipTiers, payments, users, type GiftAidClaim } from '../schema';
import { recordAudit } from './audit';

type Queryable = Database | Tx;

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
  fingerprint: string;
};

// Calendar days in UK time, both included.
const periodStart = (day: string) => sql`((${day}::date)::timestamp at time zone 'Europe/London')`;
const periodEnd = (day: string) => sql`(((${day}::date) + 1)::timestamp at time zone 'Europe/London')`;

const inPeriod = (range: ClaimRange) =>
  and(
    sql`${payments.paidAt} >= ${periodStart(range.from)}`,
    sql`${payments.paidAt} < ${periodEnd(range.to)}`,
    inArray(payments.status, ['paid', 'refunded', 'partially_refunded']),
  )!;

/**
 * A payment with any tie to Gift Aid: flagged, claimed, or from an account holding a
 * declaration. Not a shared email address: that ties nothing (lib/gift-aid/eligibility.ts).
 */
const touchesGiftAid: SQL = sql`(
  ${payments.giftAidEligible} or ${payments.giftAidDeclarationId} is not null or ${payments.giftAidClaimId} is not null
  or ${donations.giftAidDeclarationId} is not null
  or exists (select 1 from ${giftAidDeclarations} g where g.user_id = ${payments.userId})
)`;

const declarationColumns = {
  id: giftAidDeclarations.id,
  userId: giftAidDeclarations.userId,
  email: giftAidDeclarations.email,
  title: giftAidDeclarations.title,
  firstName: giftAidDeclarations.firstName,
  lastName: giftAidDeclarations.lastName,
  houseNameOrNumber: giftAidDeclarations.houseNameOrNumber,
  postcode: giftAidDeclarations.postcode,
  declaredAt: giftAidDeclarations.declaredAt,
  scope: giftAidDeclarations.scope,
  cancelledAt: giftAidDeclarations.cancelledAt,
};

/** Every payment of the period with a tie to Gift Aid, judged against today's declarations. */
export async function previewClaim(range: ClaimRange, db: Queryable = getDb()): Promise<ClaimPreview> {
  const previousClaim = alias(giftAidClaims, 'previous_claim');
  const rows = await db
    .select({
      id: payments.id,
      kind: payments.kind,
      userId: payments.userId,
      email: payments.email,
      amountPence: payments.amountPence,
      refundedPence: payments.refundedPence,
      status: payments.status,
      paidAt: payments.paidAt,
      giftAidDeclarationId: payments.giftAidDeclarationId,
      giftAidClaimId: payments.giftAidClaimId,
      donationDeclarationId: donations.giftAidDeclarationId,
      // No earlier paid payment of the same donation (ties broken by id, as rows are ordered).
      firstOfDonation: sql<boolean>`(${payments.donationId} is null or not exists (
        select 1 from ${payments} earlier where earlier.donation_id = ${payments.donationId} and earlier.paid_at is not null
          and (earlier.paid_at < ${payments.paidAt} or (earlier.paid_at = ${payments.paidAt} and earlier.id < ${payments.id}))))`,
      tierBenefitsNewsletterOnly: membershipTiers.benefitsNewsletterOnly,
      donorName: users.name,
      claimPeriodFrom: previousClaim.periodFrom,
      claimPeriodTo: previousClaim.periodTo,
      disputeStatuses: sql<string[] | null>`(select array_agg(d.status) from ${disputes} d where d.payment_id = ${payments.id})`,
    })
    .from(payments)
    .leftJoin(donations, eq(donations.id, payments.donationId))
    .leftJoin(memberships, eq(memberships.id, payments.membershipId))
    .leftJoin(membershipTiers, eq(membershipTiers.id, memberships.tierId))
    .leftJoin(users, eq(users.id, payments.userId))
    .leftJoin(previousClaim, eq(previousClaim.id, payments.giftAidClaimId))
    .where(and(inPeriod(range), touchesGiftAid))
    .orderBy(asc(payments.paidAt), asc(payments.id));

  const [untied] = await db
    .select({ count: count(), totalPence: sum(payments.amountPence).mapWith(Number) })
    .from(payments)
    .leftJoin(donations, eq(donations.id, payments.donationId))
    .where(and(inPeriod(range), sql`not ${touchesGiftAid}`));

  const declarationIds = [...new Set(rows.flatMap((r) => [r.giftAidDeclarationId, r.donationDeclarationId]).filter((v): v is string => Boolean(v)))];
  const userIds = [...new Set(rows.map((r) => r.userId).filter((v): v is string => Boolean(v)))];
  const ties = [
    declarationIds.length ? inArray(giftAidDeclarations.id, declarationIds) : undefined,
    userIds.length ? inArray(giftAidDeclarations.userId, userIds) : undefined,
  ].filter((c): c is SQL => Boolean(c));
  const declarations: ClaimDeclaration[] = ties.length ? await db.select(declarationColumns).from(giftAidDeclarations).where(or(...ties)) : [];

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
    withoutGiftAid: { count: untied?.count ?? 0, totalPence: untied?.totalPence ?? 0 },
    totalPence: eligible.reduce((total, row) => total + row.amountPence, 0),
    fingerprint: paymentSetFingerprint(eligible.map((row) => row.id)),
  };
}

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

      const [claim] = await tx
        .insert(giftAidClaims)
        .values({ periodFrom: input.range.from, periodTo: input.range.to, createdByUserId: input.staffUserId })
        .returning();
      let marked = 0;
      // Grouped by declaration so each payment also records the declaration the claim relies on.
      const byDeclaration = new Map<string, string[]>();
      for (const row of preview.eligible) byDeclaration.set(row.declaration.id, [...(byDeclaration.get(row.declaration.id) ?? []), row.id]);
      for (const [declarationId, paymentIds] of byDeclaration) {
        const updated = await tx
          .update(payments)
          .set({ giftAidClaimId: claim.id, giftAidDeclarationId: declarationId, giftAidEligible: true })
          .where(and(inArray(payments.id, paymentIds), isNull(payments.giftAidClaimId)))
          .returning({ id: payments.id });
        marked += updated.length;
      }
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

/** Staff say the claim has gone to HMRC; once only, audited with it. */
export async function markClaimSubmitted(claimId: string, staffUserId: string): Promise<'submitted' | 'notFound' | 'alreadySubmitted'> {
  return getDb().transaction(async (tx) => {
    const [claim] = await tx.select().from(giftAidClaims).where(eq(giftAidClaims.id, claimId)).for('update');
    if (!claim) return 'notFound';
    if (claim.claimedAt) return 'alreadySubmitted';
    await tx.update(giftAidClaims).set({ claimedAt: new Date() }).where(eq(giftAidClaims.id, claimId));
    await recordAudit({ actorUserId: staffUserId, action: 'gift_aid.claim_submitted', entityType: 'gift_aid_claim', entityId: claimId }, tx);
    return 'submitted';
  });
}

export type ClaimSummary = GiftAidClaim & { payments: number; totalPence: number; createdBy: string | null; earliestPaidAt: Date | null };
export const CLAIMS_PER_PAGE = 20;

/** Claims newest first, with their totals; keyset on (created_at, id) for older pages. */
export async function listClaims(before?: { createdAt: Date; id: string }): Promise<{ claims: ClaimSummary[]; next: { createdAt: Date; id: string } | null }> {
  const rows = await getDb()
    .select({
      claim: giftAidClaims,
      payments: count(payments.id),
      totalPence: sql<number>`coalesce(sum(${payments.amountPence}), 0)`.mapWith(Number),
      earliestPaidAt: sql<Date | null>`min(${payments.paidAt})`.mapWith((v: string | Date | null) => (v === null ? null : new Date(v))),
      createdBy: sql<string | null>`coalesce(${users.name}, ${users.email})`,
    })
    .from(giftAidClaims)
    .leftJoin(payments, eq(payments.giftAidClaimId, giftAidClaims.id))
    .leftJoin(users, eq(users.id, giftAidClaims.createdByUserId))
    .where(
      before
        ? or(lt(giftAidClaims.createdAt, before.createdAt), and(eq(giftAidClaims.createdAt, before.createdAt), lt(giftAidClaims.id, before.id)))
        : undefined,
    )
    .groupBy(giftAidClaims.id, users.id)
    .orderBy(desc(giftAidClaims.createdAt), desc(giftAidClaims.id))
    .limit(CLAIMS_PER_PAGE + 1);
  const claims = rows.slice(0, CLAIMS_PER_PAGE).map((r) => ({ ...r.claim, payments: r.payments, totalPence: r.totalPence, createdBy: r.createdBy, earliestPaidAt: r.earliestPaidAt }));
  const last = claims.at(-1);
  return { claims, next: rows.length > CLAIMS_PER_PAGE && last ? { createdAt: last.createdAt, id: last.id } : null };
}

/** When the claim was marked as submitted to HMRC, if it was: until then nothing on it is "claimed". */
export async function claimSubmittedAt(claimId: string | null): Promise<Date | null> {
  if (!claimId) return null;
  const [row] = await getDb().select({ claimedAt: giftAidClaims.claimedAt }).from(giftAidClaims).where(eq(giftAidClaims.id, claimId));
  return row?.claimedAt ?? null;
}

/** The claim's donations as HMRC's schedule needs them, oldest first. */
export async function findClaimSchedule(claimId: string): Promise<{ claim: GiftAidClaim; donations: ScheduleDonation[] } | null> {
  const [claim] = await getDb().select().from(giftAidClaims).where(eq(giftAidClaims.id, claimId));
  if (!claim) return null;
  const rows = await getDb()
    .select({
      title: giftAidDeclarations.title,
      firstName: giftAidDeclarations.firstName,
      lastName: giftAidDeclarations.lastName,
      houseNameOrNumber: giftAidDeclarations.houseNameOrNumber,
      postcode: giftAidDeclarations.postcode,
      paidAt: payments.paidAt,
      amountPence: payments.amountPence,
    })
    .from(payments)
    .innerJoin(giftAidDeclarations, eq(giftAidDeclarations.id, payments.giftAidDeclarationId))
    .where(and(eq(payments.giftAidClaimId, claimId), isNotNull(payments.paidAt)))
    .orderBy(asc(payments.paidAt), asc(payments.id));
  return { claim, donations: rows.map((r) => ({ ...r, paidAt: r.paidAt! })) };
}
