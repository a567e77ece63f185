import 'server-only';
import { listRunningImports } from '@/db/queries/member-import';
import { importNextBatch, markImportFailed } from '@/lib/membership/member-import';
import { getBoss, jobsStopping, loggedJob, QUEUES } from './boss';
import { logFor } from '@/lib/log';

export const IMPORT_BATCH_SIZE = 200;
const today = () => new Date().toISOString().slice(0, 10);

// The database's own words (drizzle wraps them with the query and its parameters, which
// would put members' details in the message staff see).
const reasonOf = (error: unknown): string => {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
};

/** Asks the queue to run (or resume) a confirmed import. */
export async function requestMemberImport(importId: string): Promise<void> {
  const boss = await getBoss();
  await boss.send(QUEUES.memberImport, { importId }, { singletonKey: `import-${importId}` });
}

/**
 * Imports a running import batch by batch (one transaction each) until it is done. A
 * failing batch is rolled back whole and the import is marked failed with the reason;
 * staff can resume it from the last whole batch. When the process stops (`signal`), it
 * returns after the batch in hand, leaving the import running for the next worker.
 */
export async function runMemberImport(importId: string, opts: { batchSize?: number; signal?: AbortSignal } = {}): Promise<void> {
  try {
    for (;;) {
      if (opts.signal?.aborted) return;
      const { done } = await importNextBatch(importId, opts.batchSize ?? IMPORT_BATCH_SIZE, today());
      if (done) return;
    }
  } catch (error) {
    // The reason only, as staff see it: drizzle's own message carries the rows' values.
    logFor('worker').error({ job: QUEUES.memberImport, importId, reason: reasonOf(error) }, 'member import failed');
    await markImportFailed(importId, reasonOf(error));
  }
}

/** The worker; on start it also picks up imports a stopped server left running. */
export async function startMemberImportWorker(): Promise<void> {
  const boss = await getBoss();
  await boss.work<{ importId: string }>(
    QUEUES.memberImport,
    { batchSize: 1, pollingIntervalSeconds: 1 },
    loggedJob(QUEUES.memberImport, async (jobs) => {
      for (const job of jobs) await runMemberImport(job.data.importId, { signal: jobsStopping() });
    }),
  );
  for (const id of await listRunningImports()) await requestMemberImport(id);
}
