import 'server-only';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { CheckedRow, RowError, TierRef } from '@/lib/csv/member-import';
import { planRow, type ExistingMember, type RowOutcome } from '@/lib/csv/member-plan';
import { getDb, type Database, type Tx } from '../client';
import { memberImports, memberNotes, memberships, membershipTiers, users, type MemberImport } from '../schema';
import { recordAudit } from './audit';

/** A checked row as stored in member_imports.rows, with what the preview expects it to do. */
export type StoredRow = CheckedRow & { outcome: RowOutcome };

export async function listImportTiers(): Promise<TierRef[]> {
  return getDb().select({ slug: membershipTiers.slug, nameEn: membershipTiers.nameEn, nameEs: membershipTiers.nameEs }).from(membershipTiers);
}

const isoDay = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);
const startOfDay = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The members these emails name, with their memberships and notes (locked when importing). */
async function loadExisting(db: Database | Tx, emails: string[], lock: boolean): Promise<Map<string, ExistingMember>> {
  if (emails.length === 0) return new Map();
  const query = db.select().from(users).where(inArray(users.email, emails));
  const found = lock ? await query.for('update') : await query;
  const ids = found.map((u) => u.id);
  const [periods, notes] = ids.length
    ? await Promise.all([
        db
          .select({ userId: memberships.userId, id: memberships.id, tierSlug: membershipTiers.slug, status: memberships.status, source: memberships.source, start: memberships.currentPeriodStart, end: memberships.currentPeriodEnd })
          .from(memberships)
          .innerJoin(membershipTiers, eq(membershipTiers.id, memberships.tierId))
          .where(inArray(memberships.userId, ids)),
        db.select({ userId: memberNotes.userId, body: memberNotes.body }).from(memberNotes).where(inArray(memberNotes.userId, ids)),
      ])
    : [[], []];
  return new Map(
    found.map((u) => [
      u.email!,
      {
        id: u.id,
        name: u.name,
        addressLine1: u.addressLine1,
        addressLine2: u.addressLine2,
        city: u.city,
        postcode: u.postcode,
        country: u.country,
        newsletterOptIn: u.newsletterOptIn,
        memberships: periods.filter((m) => m.userId === u.id).map((m) => ({ ...m, start: isoDay(m.start), end: isoDay(m.end) })),
        notes: notes.filter((n) => n.userId === u.id).map((n) => n.body),
      },
    ]),
  );
}

/** Stores a checked file as a preview (nothing is written to members), audited. */
export async function createImportPreview(input: {
  staffId: string;
  fileName: string;
  rows: CheckedRow[];
  errors: RowError[];
  totalRows: number;
  today: string;
}): Promise<MemberImport> {
  const existing = new Map<string, ExistingMember>();
  for (let i = 0; i < input.rows.length; i += 1000) {
    const chunk = await loadExisting(getDb(), input.rows.slice(i, i + 1000).map((r) => r.email), false);
    chunk.forEach((v, k) => existing.set(k, v));
  }
  const stored: StoredRow[] = input.rows.map((row) => ({ ...row, outcome: planRow(row, existing.get(row.email), input.today).outcome }));
  return getDb().transaction(async (tx) => {
    const [created] = await tx
      .insert(memberImports)
      .values({ createdByUserId: input.staffId, fileName: input.fileName, rows: stored, rowErrors: input.errors, totalRows: stored.length })
      .returning();
    await recordAudit(
      {
        actorUserId: input.staffId,
        action: 'member_import.previewed',
        entityType: 'member_import',
        entityId: created.id,
        data: { fileName: input.fileName, fileRows: input.totalRows, validRows: stored.length, errors: input.errors.length },
      },
      tx,
    );
    return created;
  });
}

export async function findImport(id: string): Promise<MemberImport | null> {
  const [row] = await getDb().select().from(memberImports).where(eq(memberImports.id, id));
  return row ?? null;
}

export type ImportSummary = Pick<MemberImport, 'id' | 'fileName' | 'status' | 'totalRows' | 'processedRows' | 'createdAt'> & { errorCount: number };

export async function listRecentImports(limit = 10): Promise<ImportSummary[]> {
  return getDb()
    .select({
      id: memberImports.id,
      fileName: memberImports.fileName,
      status: memberImports.status,
      totalRows: memberImports.totalRows,
      processedRows: memberImports.processedRows,
      createdAt: memberImports.createdAt,
      errorCount: sql<number>`jsonb_array_length(${memberImports.rowErrors})::int`,
    })
    .from(memberImports)
    .orderBy(desc(memberImports.createdAt))
    .limit(limit);
}

/**
 * Staff confirm a preview without errors (or resume a failed run): it becomes `running`
 * for the job queue. False when it is not in a state that can start.
 */
export async function markImportRunning(id: string, staffId: string): Promise<boolean> {
  return getDb().transaction(async (tx) => {
    const [updated] = await tx
      .update(memberImports)
      .set({ status: 'running', lastError: null })
      .where(and(eq(memberImports.id, id), inArray(memberImports.status, ['previewed', 'failed']), sql`jsonb_array_length(${memberImports.rowErrors}) = 0`))
      .returning({ id: memberImports.id, processedRows: memberImports.processedRows, totalRows: memberImports.totalRows });
    if (!updated) return false;
    await recordAudit(
      { actorUserId: staffId, action: 'member_import.started', entityType: 'member_import', entityId: id, data: { fromRow: updated.processedRows, totalRows: updated.totalRows } },
      tx,
    );
    return true;
  });
}

/**
 * Imports the next batch of a running import in one transaction: its members, their
 * memberships and notes, the counters and an audit entry commit together or not at all,
 * so a failure leaves the import at the last whole batch, ready to resume.
 */
export async function importNextBatch(id: string, batchSize: number, today: string): Promise<{ done: boolean }> {
  return getDb().transaction(async (tx) => {
    const [job] = await tx.select().from(memberImports).where(eq(memberImports.id, id)).for('update');
    if (!job || job.status !== 'running') return { done: true };
    const batch = (job.rows as StoredRow[]).slice(job.processedRows, job.processedRows + batchSize);
    const tiers = new Map((await tx.select({ id: membershipTiers.id, slug: membershipTiers.slug }).from(membershipTiers)).map((t) => [t.slug, t.id]));
    const existing = await loadExisting(tx, batch.map((r) => r.email), true);
    const counts = { create: 0, update: 0, unchanged: 0 };
    const createdIds: string[] = [];
    const updatedIds: string[] = [];
    for (const row of batch) {
      const member = existing.get(row.email);
      const plan = planRow(row, member, today);
      counts[plan.outcome]++;
      if (plan.outcome === 'unchanged') continue;
      let userId: string;
      if (!member) {
        const [inserted] = await tx.insert(users).values({ email: row.email, ...plan.profile }).returning({ id: users.id });
        userId = inserted.id;
        createdIds.push(userId);
      } else {
        userId = member.id;
        if (Object.keys(plan.profile).length) await tx.update(users).set(plan.profile).where(eq(users.id, userId));
        updatedIds.push(userId);
      }
      const tierId = tiers.get(row.tierSlug);
      if (!tierId) throw new Error(`tier ${row.tierSlug} no longer exists`);
      const period = {
        tierId,
        source: row.source,
        status: plan.membership.kind === 'none' ? undefined : plan.membership.status,
        currentPeriodStart: startOfDay(row.startDate),
        currentPeriodEnd: startOfDay(row.endDate),
        cancelAtPeriodEnd: false,
      };
      if (plan.membership.kind === 'insert') await tx.insert(memberships).values({ ...period, status: plan.membership.status, userId });
      if (plan.membership.kind === 'update') await tx.update(memberships).set(period).where(eq(memberships.id, plan.membership.id));
      if (plan.addNote) await tx.insert(memberNotes).values({ userId, authorUserId: job.createdByUserId, body: row.notes! });
    }
    const processedRows = job.processedRows + batch.length;
    const done = processedRows >= job.totalRows;
    const [after] = await tx
      .update(memberImports)
      .set({
        processedRows,
        createdCount: sql`${memberImports.createdCount} + ${counts.create}`,
        updatedCount: sql`${memberImports.updatedCount} + ${counts.update}`,
        skippedCount: sql`${memberImports.skippedCount} + ${counts.unchanged}`,
        ...(done ? { status: 'done' as const, finishedAt: new Date() } : {}),
      })
      .where(eq(memberImports.id, id))
      .returning();
    await recordAudit(
      {
        actorUserId: job.createdByUserId,
        action: done ? 'member_import.finished' : 'member_import.batch',
        entityType: 'member_import',
        entityId: id,
        data: {
          rows: [job.processedRows + 1, processedRows],
          created: createdIds,
          updated: updatedIds,
          unchanged: counts.unchanged,
          ...(done ? { totals: { created: after.createdCount, updated: after.updatedCount, unchanged: after.skippedCount } } : {}),
        },
      },
      tx,
    );
    return { done };
  });
}

/** Records why a run stopped; the rows already imported stay (whole batches only). */
export async function markImportFailed(id: string, message: string): Promise<void> {
  await getDb().transaction(async (tx) => {
    const [job] = await tx
      .update(memberImports)
      .set({ status: 'failed', lastError: message.slice(0, 500) })
      .where(and(eq(memberImports.id, id), eq(memberImports.status, 'running')))
      .returning();
    if (job) {
      await recordAudit(
        { actorUserId: job.createdByUserId, action: 'member_import.failed', entityType: 'member_import', entityId: id, data: { processedRows: job.processedRows, error: job.lastError } },
        tx,
      );
    }
  });
}

/** Imports left `running` (for the worker to resume after a restart). */
export async function listRunningImports(): Promise<string[]> {
  return (await getDb().select({ id: memberImports.id }).from(memberImports).where(eq(memberImports.status, 'running'))).map((r) => r.id);
}
