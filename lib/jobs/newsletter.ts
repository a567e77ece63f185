import 'server-only';
import { issuesWithPendingDeliveries, requeueAbandonedDeliveries } from '@/db/queries/newsletter-deliveries';
import { drainNewsletterQueue } from '@/lib/newsletter/send';
import { jobsEnv } from '@/lib/env';
import { getBoss, jobsStopping, loggedJob, QUEUES } from './boss';
import { logFor } from '@/lib/log';

/** Asks the queue to send an issue's mails (never inside the request that asked). */
export async function requestNewsletterSend(issueId: string): Promise<void> {
  const boss = await getBoss();
  await boss.send(QUEUES.newsletterSend, { issueId }, { singletonKey: `send-${issueId}` });
}

/**
 * The worker: each job drains the delivery queue in batches; while mail is still waiting
 * (an SMTP outage, backoff), it schedules itself again.
 */
export async function startNewsletterWorker(opts: { concurrency?: number } = {}): Promise<void> {
  const boss = await getBoss();
  const resume = async () => {
    // A stopping worker leaves what is pending to the next one, which resumes it on start.
    if (jobsStopping().aborted) return;
    await requeueAbandonedDeliveries(jobsEnv().NEWSLETTER_ABANDONED_SECONDS);
    for (const pending of await issuesWithPendingDeliveries()) {
      await boss.send(
        QUEUES.newsletterSend,
        { issueId: pending.issueId },
        { startAfter: pending.nextAttemptAt > new Date() ? pending.nextAttemptAt : undefined },
      );
    }
  };
  await boss.work(
    QUEUES.newsletterSend,
    { batchSize: 1, pollingIntervalSeconds: 1 },
    loggedJob(QUEUES.newsletterSend, async () => {
      await drainNewsletterQueue({ concurrency: opts.concurrency ?? jobsEnv().WORKER_CONCURRENCY, signal: jobsStopping() });
      await resume();
    }),
  );
  await resume();
  // Picks up deliveries abandoned by a sender that died, every 15 seconds.
  setInterval(
    () =>
      void resume().catch((error: unknown) =>
        logFor('worker').error({ err: error, job: QUEUES.newsletterSend }, 'could not resume abandoned newsletter deliveries'),
      ),
    15_000,
  ).unref();
}
