import 'server-only';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { TierRef } from '@/lib/csv/member-import';
import type { ExistingMember } from '@/lib/csv/member-plan';
import { getDb, type Database, type Tx } from '../client';
import { memberImports, membershipTiers, memberNotes, memberships, users, type MemberImport, type NewUser } from '../schema';
import { oneRow } from './rows';

// The member import's reads and writes; the use cases that run them, each in the
// transaction it owns, are lib/membership/member-import.ts.

export async function listImportTiers(): Promise<TierRef[]> {
  return getDb()
    .select({ slug: membershipTiers.slug, nameEn: membershipTiers.nameEn, nameEs: membershipTiers.nameEs })
    .from(membershipTiers);
}

const isoDay = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

/** The members these emails name, with their memberships and notes (locked when importing). */
export async function loadExistingMembers(db: Database | Tx, emails: string[], lock: boolean): Promise<Map<string, ExistingMember>> {
  if (emails.length === 0) return new Map();
  const query = db.select().from(users).where(inArray(users.email, emails));
  const found = lock ? await query.for('update') : await query;
  const ids = found.map((u) => u.id);
  const [periods, notes] = ids.length
    ? await Promise.all([
        db
          .select({
            userId: memberships.userId,
            id: memberships.id,
            tierSlug: membershipTiers.slug,
            status: memberships.status,
            source: memberships.source,
            start: memberships.currentPeriodStart,
            end: memberships.currentPeriodEnd,
          })
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

export async function findImport(id: string): Promise<MemberImport | null> {
  const [row] = await getDb().select().from(memberImports).where(eq(memberImports.id, id));
  return row ?? null;
}

export type ImportSummary = Pick<MemberImport, 'id' | 'fileName' | 'status' | 'totalRows' | 'processedRows' | 'createdAt'> & {
  errorCount: number;
};

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

export async function insertImport(tx: Tx, values: typeof memberImports.$inferInsert): Promise<MemberImport> {
  const created = oneRow(await tx.insert(memberImports).values(values).returning(), 'the inserted import');
  return created;
}

/** A preview without errors, or a failed run, made `running`; null when it is in no state to start. */
export async function setImportRunning(tx: Tx, id: string): Promise<Pick<MemberImport, 'id' | 'processedRows' | 'totalRows'> | null> {
  const [updated] = await tx
    .update(memberImports)
    .set({ status: 'running', lastError: null })
    .where(
      and(
        eq(memberImports.id, id),
        inArray(memberImports.status, ['previewed', 'failed']),
        sql`jsonb_array_length(${memberImports.rowErrors}) = 0`,
      ),
    )
    .returning({ id: memberImports.id, processedRows: memberImports.processedRows, totalRows: memberImports.totalRows });
  return updated ?? null;
}

export async function lockImport(tx: Tx, id: string): Promise<MemberImport | null> {
  const [job] = await tx.select().from(memberImports).where(eq(memberImports.id, id)).for('update');
  return job ?? null;
}

export async function tierIdsBySlug(tx: Tx): Promise<Map<string, string>> {
  return new Map(
    (await tx.select({ id: membershipTiers.id, slug: membershipTiers.slug }).from(membershipTiers)).map((t) => [t.slug, t.id]),
  );
}

export async function insertImportedUser(tx: Tx, values: NewUser): Promise<string> {
  const inserted = oneRow(await tx.insert(users).values(values).returning({ id: users.id }), 'the inserted user');
  return inserted.id;
}

export async function updateImportedUser(tx: Tx, id: string, set: Partial<NewUser>): Promise<void> {
  await tx.update(users).set(set).where(eq(users.id, id));
}

/** The counters after a batch; `done` closes the import. */
export async function recordImportBatch(
  tx: Tx,
  id: string,
  batch: { processedRows: number; created: number; updated: number; unchanged: number; done: boolean },
): Promise<MemberImport> {
  const after = oneRow(
    await tx
      .update(memberImports)
      .set({
        processedRows: batch.processedRows,
        createdCount: sql`${memberImports.createdCount} + ${batch.created}`,
        updatedCount: sql`${memberImports.updatedCount} + ${batch.updated}`,
        skippedCount: sql`${memberImports.skippedCount} + ${batch.unchanged}`,
        ...(batch.done ? { status: 'done' as const, finishedAt: new Date() } : {}),
      })
      .where(eq(memberImports.id, id))
      .returning(),
    'the updated import',
  );
  return after;
}

/** A running import marked failed with why; null when it was not running. */
export async function setImportFailed(tx: Tx, id: string, message: string): Promise<MemberImport | null> {
  const [job] = await tx
    .update(memberImports)
    .set({ status: 'failed', lastError: message.slice(0, 500) })
    .where(and(eq(memberImports.id, id), eq(memberImports.status, 'running')))
    .returning();
  return job ?? null;
}

/** Imports left `running` (for the worker to resume after a restart). */
export async function listRunningImports(): Promise<string[]> {
  return (await getDb().select({ id: memberImports.id }).from(memberImports).where(eq(memberImports.status, 'running'))).map((r) => r.id);
}
