import 'server-only';
import { getMembershipGraceDays } from '@/db/queries/settings';
import { jobsEnv } from '@/lib/env';
import { eraseExpiredGiftAidRecords } from '@/lib/gift-aid/records';
import { lapseEndedMemberships } from '@/lib/membership/lapse';
import { resumeStuckRefunds } from '@/lib/payments/refunds';
import { getBoss, loggedJob, QUEUES } from './boss';
import { scheduledJobsToken } from './token';
import { logFor } from '@/lib/log';

const log = logFor('worker');

// The time-based tasks, run by the job queue's own scheduler (pg-boss `schedule`): at each
// time of SCHEDULED_TASKS_CRON exactly one job is made, however many workers run (pg-boss
// takes a row lock on its clock and sends each cron slot's job once), and one worker runs
// it. Web servers run none of this unless they are the worker too (JOBS=in-process).
//
// Releasing newsletter issues to the public library refreshes the cached library pages,
// which only code running in a request can do, so that task is a POST to a web server's
// /api/jobs/scheduled (the bearer token is the guard). The others run here.

export type ScheduledReport = { released: string[]; lapsed: number; refundsResumed: number; giftAidRecordsErased: number };

/** Asks a web server to release due issues and refresh the pages that list them. */
export async function releaseThroughApp(): Promise<string[]> {
  const env = jobsEnv();
  const base = env.APP_INTERNAL_URL ?? `http://127.0.0.1:${env.PORT}`;
  const response = await fetch(new URL('/api/jobs/scheduled', base), {
    method: 'POST',
    headers: { authorization: `Bearer ${scheduledJobsToken()}` },
    signal: AbortSignal.timeout(60_000),
  });
  if (!response.ok) throw new Error(`the release of due issues answered ${response.status}`);
  return ((await response.json()) as { released: string[] }).released;
}

/**
 * Runs every task, each on its own: one that fails does not stop the others, and the job
 * then fails so that the queue runs it again (every task is safe to run twice: each does
 * only what is still due).
 */
export async function runScheduledTasks(release: () => Promise<string[]> = releaseThroughApp): Promise<ScheduledReport> {
  const failures: unknown[] = [];
  const attempt = async <T>(task: () => Promise<T>, otherwise: T): Promise<T> => {
    try {
      return await task();
    } catch (error) {
      failures.push(error);
      return otherwise;
    }
  };
  const report: ScheduledReport = {
    released: await attempt(release, []),
    lapsed: await attempt(async () => lapseEndedMemberships(await getMembershipGraceDays()), 0),
    refundsResumed: await attempt(() => resumeStuckRefunds(), 0),
    giftAidRecordsErased: await attempt(() => eraseExpiredGiftAidRecords(), 0),
  };
  if (failures.length) throw new AggregateError(failures, `scheduled tasks: ${failures.length} failed (${JSON.stringify(report)})`);
  return report;
}

/** In a worker: puts the schedule in place (the latest start's cron wins) and runs its jobs. */
export async function startScheduledTasksWorker(): Promise<void> {
  const boss = await getBoss({ scheduler: true });
  // 'stately': at most one run waiting and one running, so a slow run is never doubled.
  await boss.createQueue(QUEUES.scheduledTasks, {
    name: QUEUES.scheduledTasks,
    policy: 'stately',
    retryLimit: 5,
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: 15 * 60,
  });
  await boss.schedule(QUEUES.scheduledTasks, jobsEnv().SCHEDULED_TASKS_CRON, {}, { tz: 'Europe/London' });
  // And once as the worker starts, for what fell due while none ran (a deploy, an outage):
  // a few seconds on, so that an in-process worker's server is listening by then. Workers
  // starting together make one job (the singleton key, and the queue's one-waiting policy).
  await boss.send(QUEUES.scheduledTasks, {}, { startAfter: 5, singletonKey: 'on-start', singletonSeconds: 60 });
  await boss.work(
    QUEUES.scheduledTasks,
    { batchSize: 1, pollingIntervalSeconds: 5 },
    loggedJob(QUEUES.scheduledTasks, async () => {
      const report = await runScheduledTasks();
      if (report.released.length || report.lapsed || report.refundsResumed || report.giftAidRecordsErased) {
        log.info({ ...report }, 'scheduled tasks did something');
      }
    }),
  );
}
