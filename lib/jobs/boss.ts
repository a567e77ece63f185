import 'server-only';
import PgBoss from 'pg-boss';
import { createDb, getSql } from '@/db/client';
import { serverEnv } from '@/lib/env';
import { logFor, withLogContext } from '@/lib/log';

// The Postgres-backed job queue (pg-boss), run over the app's own postgres.js pool, so
// there is one driver and one set of connection settings.

export const QUEUES = { newsletterSend: 'newsletter-send', memberImport: 'member-import', scheduledTasks: 'scheduled-tasks' } as const;

// node-postgres (which pg-boss expects) sends plain objects as JSON; postgres.js needs them as text.
// and undefined as NULL.
const asParameter = (value: unknown) =>
  value === undefined
    ? null
    : value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && !Buffer.isBuffer(value)
      ? JSON.stringify(value)
      : value;

// The queue's lines, in the worker process and in a web server that runs the queue
// (JOBS=in-process) alike.
const log = logFor('worker');

let boss: PgBoss | undefined;
let starting: Promise<PgBoss> | undefined;
let stopping = new AbortController();
let schedulerOn = false;

/**
 * Aborted once this process begins to stop. A long job (an import, a newsletter send)
 * checks it between its units, so it ends after the batch or mail in hand, never half-way
 * through one, and leaves the rest to the next worker, which picks it up on start.
 */
export function jobsStopping(): AbortSignal {
  return stopping.signal;
}

/**
 * The process's queue client. `scheduler`: this process also keeps the queue's clock, which
 * turns schedules into jobs (workers only; a web server that only sends jobs does not). The
 * first call decides: a worker asks for it before anything else starts the client.
 */
export function getBoss(opts: { scheduler?: boolean } = {}): Promise<PgBoss> {
  if (boss) {
    if (opts.scheduler && !schedulerOn) log.error('the queue client started without its scheduler: schedules will not run here');
    return Promise.resolve(boss);
  }
  starting ??= (async () => {
    schedulerOn = Boolean(opts.scheduler);
    // pg-boss runs multi-statement transactions (BEGIN ... COMMIT) as plain SQL, which
    // postgres.js allows only on a one-connection client: its own, or the app's when the
    // app has a single connection anyway.
    const env = serverEnv();
    const sql = env.DATABASE_POOL_MAX === 1 ? getSql() : createDb(env.DATABASE_URL, 1).sql;
    const instance = new PgBoss({
      db: { executeSql: async (text, values) => ({ rows: await sql.unsafe(text, (values ?? []).map(asParameter) as never[]) }) },
      schema: 'pgboss',
      supervise: true,
      schedule: schedulerOn,
    });
    instance.on('error', (error) => log.error({ err: error }, 'job queue error'));
    await instance.start();
    await instance.createQueue(QUEUES.newsletterSend, {
      name: QUEUES.newsletterSend,
      retryLimit: 20,
      retryDelay: 5,
      retryBackoff: true,
      expireInSeconds: 15 * 60,
    });
    await instance.createQueue(QUEUES.memberImport, { name: QUEUES.memberImport, retryLimit: 3, retryDelay: 5, expireInSeconds: 15 * 60 });
    boss = instance;
    return instance;
  })();
  return starting;
}

/**
 * A queue's handler that logs each run's outcome, with the queue's name (`job`) and the
 * job's id on every line logged while it runs. A failure is thrown on, so the queue retries.
 */
export function loggedJob<T>(queue: string, handler: PgBoss.WorkHandler<T>): PgBoss.WorkHandler<T> {
  return (jobs) =>
    withLogContext({ job: queue, jobId: jobs.map((job) => job.id).join(',') }, async () => {
      const started = Date.now();
      try {
        const result: unknown = await handler(jobs);
        log.info({ ms: Date.now() - started }, 'job done');
        return result;
      } catch (error) {
        log.error({ err: error, ms: Date.now() - started }, 'job failed');
        throw error;
      }
    });
}

/**
 * Stops the queue: running jobs are told to stop after their current unit and waited for,
 * up to `timeoutMs`; a job still running then is failed back to the queue, which retries
 * it (what it had done is committed batch by batch, so the retry carries on from there).
 */
export async function stopBoss(timeoutMs = 30_000): Promise<void> {
  stopping.abort();
  const instance = await starting?.catch(() => undefined);
  if (instance) await instance.stop({ graceful: true, wait: true, timeout: timeoutMs });
  boss = undefined;
  starting = undefined;
  stopping = new AbortController();
}
