import 'server-only';
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lt, or, sql, sum, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ClaimRange } from '@/lib/gift-aid/claim-range';
import type { ClaimDeclaration } from '@/lib/gift-aid/eligibility';
import type { ScheduleDonation } from '@/lib/gift-aid/hmrc-schedule';
import { getDb, type Database, type Tx } from '../client';
import {
  disputes,
  donations,
  giftAidClaims,
  giftAidDeclarations,
  memberships,
  membershipTiers,
  payments,
  users,
  type GiftAidClaim,
} from '../schema';
import { oneRow } from './rows';

// The queries of Gift Aid claims. What may be claimed is decided by lib/gift-aid/
// (eligibility.ts), in the use cases of lib/gift-aid/claims/, which own the transactions.

type Queryable = Database | Tx;

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

/**
 * Every payment of the period with a tie to Gift Aid, oldest first, with what judging it
 * needs: its claim (if on one), its disputes' statuses, and every declaration it could
 * rest on; and how many were paid without any tie (counted, not listed).
 */
export async function claimCandidates(range: ClaimRange, db: Queryable = getDb()) {
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

  const declarationIds = [
    ...new Set(rows.flatMap((r) => [r.giftAidDeclarationId, r.donationDeclarationId]).filter((v): v is string => Boolean(v))),
  ];
  const userIds = [...new Set(rows.map((r) => r.userId).filter((v): v is string => Boolean(v)))];
  const ties = [
    declarationIds.length ? inArray(giftAidDeclarations.id, declarationIds) : undefined,
    userIds.length ? inArray(giftAidDeclarations.userId, userIds) : undefined,
  ].filter((c): c is SQL => Boolean(c));
  const declarations: ClaimDeclaration[] = ties.length
    ? await db
        .select(declarationColumns)
        .from(giftAidDeclarations)
        .where(or(...ties))
    : [];

  return { rows, untied: { count: untied?.count ?? 0, totalPence: untied?.totalPence ?? 0 }, declarations };
}

export type ClaimCandidateRow = Awaited<ReturnType<typeof claimCandidates>>['rows'][number];

/** A new claim of the period, made by staff. */
export async function insertClaim(tx: Tx, input: { range: ClaimRange; staffUserId: string }): Promise<GiftAidClaim> {
  const claim = oneRow(
    await tx
      .insert(giftAidClaims)
      .values({ periodFrom: input.range.from, periodTo: input.range.to, createdByUserId: input.staffUserId })
      .returning(),
    'the inserted claim',
  );
  return claim;
}

/**
 * Marks payments as on the claim, resting on the declaration, only while they are on no
 * claim yet; returns how many were marked (fewer: another claim took some first).
 */
export async function markPaymentsClaimed(tx: Tx, claimId: string, declarationId: string, paymentIds: string[]): Promise<number> {
  const updated = await tx
    .update(payments)
    .set({ giftAidClaimId: claimId, giftAidDeclarationId: declarationId, giftAidEligible: true })
    .where(and(inArray(payments.id, paymentIds), isNull(payments.giftAidClaimId)))
    .returning({ id: payments.id });
  return updated.length;
}

/** The claim, locked for the transaction (so it is marked submitted once). */
export async function lockClaim(tx: Tx, claimId: string): Promise<GiftAidClaim | null> {
  const [claim] = await tx.select().from(giftAidClaims).where(eq(giftAidClaims.id, claimId)).for('update');
  return claim ?? null;
}

export async function setClaimSubmitted(tx: Tx, claimId: string, at: Date): Promise<void> {
  await tx.update(giftAidClaims).set({ claimedAt: at }).where(eq(giftAidClaims.id, claimId));
}

export type ClaimSummary = GiftAidClaim & { payments: number; totalPence: number; createdBy: string | null; earliestPaidAt: Date | null };
export const CLAIMS_PER_PAGE = 20;

/** Claims newest first, with their totals; keyset on (created_at, id) for older pages. */
export async function listClaims(before?: {
  createdAt: Date;
  id: string;
}): Promise<{ claims: ClaimSummary[]; next: { createdAt: Date; id: string } | null }> {
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
        ? or(
            lt(giftAidClaims.createdAt, before.createdAt),
            and(eq(giftAidClaims.createdAt, before.createdAt), lt(giftAidClaims.id, before.id)),
          )
        : undefined,
    )
    .groupBy(giftAidClaims.id, users.id)
    .orderBy(desc(giftAidClaims.createdAt), desc(giftAidClaims.id))
    .limit(CLAIMS_PER_PAGE + 1);
  const claims = rows
    .slice(0, CLAIMS_PER_PAGE)
    .map((r) => ({ ...r.claim, payments: r.payments, totalPence: r.totalPence, createdBy: r.createdBy, earliestPaidAt: r.earliestPaidAt }));
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
