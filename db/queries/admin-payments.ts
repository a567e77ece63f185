import 'server-only';
import { and, desc, eq, notInArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, type Tx } from '../client';
import {
  auditLog,
  disputes,
  donations,
  giftAidClaims,
  memberships,
  membershipTiers,
  payments,
  stripePaymentMethods,
  users,
  type AuditLogEntry,
  type Payment,
} from '../schema';
import { oneRow } from './rows';

export const PAYMENT_PAGE_SIZE = 50;

export type PaymentFilters = {
  kind?: Payment['kind'];
  status?: Payment['status'];
  method?: Payment['method'] | 'offline';
  /** Inclusive dates (YYYY-MM-DD, UK days treated as UTC days) on the date paid, or recorded. */
  from?: string;
  to?: string;
  q?: string;
};

/** Where the next page starts: the last row shown (created_at, id), newest first. */
export type PaymentCursor = { createdAt: string; id: string };

export type PaymentListRow = {
  id: string;
  kind: Payment['kind'];
  status: Payment['status'];
  method: Payment['method'];
  amountPence: number;
  refundedPence: number;
  paidAt: Date | null;
  createdAt: Date;
  /** Exact timestamp (microseconds) for the keyset cursor; a JS Date would drop them. */
  cursorAt: string;
  email: string | null;
  name: string | null;
  /** Statuses of its disputes (chargebacks), if any. */
  disputeStatuses: string[] | null;
};

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function filterConditions(filters: PaymentFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.kind) conditions.push(eq(payments.kind, filters.kind));
  if (filters.status) conditions.push(eq(payments.status, filters.status));
  if (filters.method === 'offline') conditions.push(notInArray(payments.method, [...stripePaymentMethods]));
  else if (filters.method) conditions.push(eq(payments.method, filters.method));
  const day = sql`coalesce(${payments.paidAt}, ${payments.createdAt})`;
  if (filters.from) conditions.push(sql`${day} >= ${filters.from}::date`);
  if (filters.to) conditions.push(sql`${day} < ${filters.to}::date + 1`);
  if (filters.q) {
    const pattern = `%${escapeLike(filters.q.trim())}%`;
    // Members are found through the trigram indexes on users; guests (no account) by the
    // address on the payment, through the index on user_id.
    const matchingUsers = sql`select ${users.id} from ${users} where ${users.email} ilike ${pattern} or lower(${users.name}) like lower(${pattern})`;
    // Two indexed lookups, so a narrow search never walks every payment.
    conditions.push(
      sql`${payments.id} in (select p2.id from payments p2 where p2.user_id in (${matchingUsers})
        union all select p2.id from payments p2 where p2.user_id is null and p2.email ilike ${pattern})`,
    );
  }
  return conditions;
}

/** Membership payments and donations together, newest first, one keyset page at a time. */
export async function listPaymentsForStaff(
  filters: PaymentFilters,
  after: PaymentCursor | null,
): Promise<{ rows: PaymentListRow[]; next: PaymentCursor | null }> {
  const conditions = filterConditions(filters);
  if (after) conditions.push(sql`(${payments.createdAt}, ${payments.id}) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`);
  const rows = await getDb()
    .select({
      id: payments.id,
      kind: payments.kind,
      status: payments.status,
      method: payments.method,
      amountPence: payments.amountPence,
      refundedPence: payments.refundedPence,
      paidAt: payments.paidAt,
      createdAt: payments.createdAt,
      cursorAt: sql<string>`to_char(${payments.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      email: sql<string | null>`coalesce(${users.email}, ${payments.email})`,
      name: users.name,
      disputeStatuses: sql<string[] | null>`(select array_agg(d.status) from ${disputes} d where d.payment_id = ${payments.id})`,
    })
    .from(payments)
    .leftJoin(users, eq(users.id, payments.userId))
    .where(and(...conditions))
    .orderBy(desc(payments.createdAt), desc(payments.id))
    .limit(PAYMENT_PAGE_SIZE + 1);
  const page = rows.slice(0, PAYMENT_PAGE_SIZE);
  const last = page.at(-1);
  return { rows: page, next: rows.length > PAYMENT_PAGE_SIZE && last ? { createdAt: last.cursorAt, id: last.id } : null };
}

/** Count and sums of the whole filtered set (every page). */
export async function totalsForStaff(filters: PaymentFilters): Promise<{ count: number; amountPence: number; refundedPence: number }> {
  const row = oneRow(
    await getDb()
      .select({
        count: sql<number>`count(*)::int`,
        amountPence: sql<number>`coalesce(sum(${payments.amountPence}) filter (where ${payments.status} in ('paid', 'refunded', 'partially_refunded')), 0)::bigint`,
        refundedPence: sql<number>`coalesce(sum(${payments.refundedPence}), 0)::bigint`,
      })
      .from(payments)
      .leftJoin(users, eq(users.id, payments.userId))
      .where(and(...filterConditions(filters))),
    'the payment totals',
  );
  return { count: row.count, amountPence: Number(row.amountPence), refundedPence: Number(row.refundedPence) };
}

const recorder = alias(users, 'recorder');

/** Everything the staff detail page shows about one payment. */
export async function findPaymentForStaff(id: string) {
  const [row] = await getDb()
    .select({
      payment: payments,
      payerName: users.name,
      payerEmail: users.email,
      payerLocale: users.preferredLocale,
      recordedBy: recorder.email,
      membershipStatus: memberships.status,
      membershipEnd: memberships.currentPeriodEnd,
      stripeSubscriptionId: memberships.stripeSubscriptionId,
      tierNameEn: membershipTiers.nameEn,
      tierNameEs: membershipTiers.nameEs,
      donationFrequency: donations.frequency,
      claimPeriodFrom: giftAidClaims.periodFrom,
      claimPeriodTo: giftAidClaims.periodTo,
    })
    .from(payments)
    .leftJoin(users, eq(users.id, payments.userId))
    .leftJoin(recorder, eq(recorder.id, payments.recordedByUserId))
    .leftJoin(memberships, eq(memberships.id, payments.membershipId))
    .leftJoin(membershipTiers, eq(membershipTiers.id, memberships.tierId))
    .leftJoin(donations, eq(donations.id, payments.donationId))
    .leftJoin(giftAidClaims, eq(giftAidClaims.id, payments.giftAidClaimId))
    .where(eq(payments.id, id));
  return row ?? null;
}

export type PaymentAuditEntry = AuditLogEntry & { actorEmail: string | null };

/** The audit trail of one payment, oldest first. */
export async function listPaymentAudit(paymentId: string): Promise<PaymentAuditEntry[]> {
  const rows = await getDb()
    .select({ entry: auditLog, actorEmail: users.email })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(eq(auditLog.entityType, 'payment'), eq(auditLog.entityId, paymentId)))
    .orderBy(auditLog.id)
    .limit(200);
  return rows.map((r) => ({ ...r.entry, actorEmail: r.actorEmail }));
}

/** The payment, locked until the transaction ends. */
export async function lockPayment(tx: Tx, paymentId: string): Promise<Payment | null> {
  const [payment] = await tx.select().from(payments).where(eq(payments.id, paymentId)).for('update');
  return payment ?? null;
}

/** Whether the membership's tier gives no more than the newsletter (Gift Aid on its fees). */
export async function membershipIsNewsletterOnly(tx: Tx, membershipId: string): Promise<boolean> {
  const [tier] = await tx
    .select({ newsletterOnly: membershipTiers.benefitsNewsletterOnly })
    .from(memberships)
    .innerJoin(membershipTiers, eq(membershipTiers.id, memberships.tierId))
    .where(eq(memberships.id, membershipId));
  return tier?.newsletterOnly ?? false;
}

export async function updateOfflinePayment(
  tx: Tx,
  paymentId: string,
  change: Pick<Payment, 'amountPence' | 'paidAt' | 'method' | 'offlineReference' | 'status' | 'giftAidEligible' | 'giftAidDeclarationId'>,
): Promise<Payment> {
  const payment = oneRow(
    await tx
      .update(payments)
      .set({ ...change, updatedAt: new Date() })
      .where(eq(payments.id, paymentId))
      .returning(),
    'the updated payment',
  );
  return payment;
}
