import 'server-only';
import { getDb } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import {
  insertImport,
  insertImportedUser,
  loadExistingMembers,
  lockImport,
  recordImportBatch,
  setImportFailed,
  setImportRunning,
  tierIdsBySlug,
  updateImportedUser,
} from '@/db/queries/member-import';
import { insertMemberNote, insertMembership, updateMembership } from '@/db/queries/memberships';
import type { MemberImport } from '@/db/schema';
import type { CheckedRow, RowError } from '@/lib/csv/member-import';
import { planRow, type ExistingMember, type RowOutcome } from '@/lib/csv/member-plan';

/** A checked row as stored in member_imports.rows, with what the preview expects it to do. */
export type StoredRow = CheckedRow & { outcome: RowOutcome };

const startOfDay = (iso: string) => new Date(`${iso}T00:00:00Z`);

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
    const chunk = await loadExistingMembers(
      getDb(),
      input.rows.slice(i, i + 1000).map((r) => r.email),
      false,
    );
    chunk.forEach((v, k) => existing.set(k, v));
  }
  const stored: StoredRow[] = input.rows.map((row) => ({ ...row, outcome: planRow(row, existing.get(row.email), input.today).outcome }));
  return getDb().transaction(async (tx) => {
    const created = await insertImport(tx, {
      createdByUserId: input.staffId,
      fileName: input.fileName,
      rows: stored,
      rowErrors: input.errors,
      totalRows: stored.length,
    });
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

/**
 * Staff confirm a preview without errors (or resume a failed run): it becomes `running`
 * for the job queue. False when it is not in a state that can start.
 */
export async function markImportRunning(id: string, staffId: string): Promise<boolean> {
  return getDb().transaction(async (tx) => {
    const updated = await setImportRunning(tx, id);
    if (!updated) return false;
    await recordAudit(
      {
        actorUserId: staffId,
        action: 'member_import.started',
        entityType: 'member_import',
        entityId: id,
        data: { fromRow: updated.processedRows, totalRows: updated.totalRows },
      },
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
    const job = await lockImport(tx, id);
    if (!job || job.status !== 'running') return { done: true };
    const batch = (job.rows as StoredRow[]).slice(job.processedRows, job.processedRows + batchSize);
    const tiers = await tierIdsBySlug(tx);
    const existing = await loadExistingMembers(
      tx,
      batch.map((r) => r.email),
      true,
    );
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
        userId = await insertImportedUser(tx, { email: row.email, ...plan.profile });
        createdIds.push(userId);
      } else {
        userId = member.id;
        if (Object.keys(plan.profile).length) await updateImportedUser(tx, userId, plan.profile);
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
      if (plan.membership.kind === 'insert') await insertMembership(tx, { ...period, status: plan.membership.status, userId });
      if (plan.membership.kind === 'update') await updateMembership(tx, plan.membership.id, period);
      if (plan.addNote) await insertMemberNote(tx, { userId, authorUserId: job.createdByUserId, body: row.notes! });
    }
    const processedRows = job.processedRows + batch.length;
    const done = processedRows >= job.totalRows;
    const after = await recordImportBatch(tx, id, {
      processedRows,
      created: counts.create,
      updated: counts.update,
      unchanged: counts.unchanged,
      done,
    });
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
    const job = await setImportFailed(tx, id, message);
    if (job) {
      await recordAudit(
        {
          actorUserId: job.createdByUserId,
          action: 'member_import.failed',
          entityType: 'member_import',
          entityId: id,
          data: { processedRows: job.processedRows, error: job.lastError },
        },
        tx,
      );
    }
  });
}
