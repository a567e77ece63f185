import { isDatabaseUnavailable, noteDatabaseOutage } from '@/lib/http/outage';

// Runs once per server process. Sends queued mails every 30 seconds, so a mail that
// could not be sent (mail server down) goes out later without anyone having to act,
// runs the time-based tasks every 10 minutes, and starts the job queue's worker. It also
// stamps each request with its socket address, which Next.js does not expose.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  // First, so that rate limits see the real peer address (lib/security/client-ip.ts).
  (await import('@/lib/security/socket-address')).installSocketAddressHeader();
  // A request that fails because the database is down answers 503 (lib/http/outage.ts).
  const { answerDatabaseOutagesWith503 } = await import('@/lib/http/outage');
  answerDatabaseOutagesWith503((await import('node:http')).ServerResponse);
  const { deliverQueuedMails } = await import('@/lib/mail/outbox');
  setInterval(() => {
    deliverQueuedMails().catch((error) => console.error('[mail] outbox', error));
  }, 30_000).unref();

  // Through the server's own route, because refreshing cached pages needs a request scope.
  const { scheduledJobsToken } = await import('@/lib/jobs/token');
  const { jobsEnv } = await import('@/lib/env');
  const jobs = jobsEnv();
  const runScheduled = () =>
    fetch(`http://127.0.0.1:${jobs.PORT}/api/jobs/scheduled`, {
      method: 'POST',
      headers: { authorization: `Bearer ${scheduledJobsToken()}` },
    })
      .then((response) => (response.ok ? undefined : console.error('[jobs] scheduled tasks answered', response.status)))
      .catch((error) => console.error('[jobs] scheduled tasks', error));
  setTimeout(() => void runScheduled(), 5_000).unref();
  setInterval(() => void runScheduled(), jobs.SCHEDULED_TASKS_SECONDS * 1000).unref();

  // SIGTERM: requests in flight and the current job finish before the process exits (Next
  // leaves the signal to us when NEXT_MANUAL_SIG_HANDLE is set, as `npm start` does).
  if (process.env.NEXT_MANUAL_SIG_HANDLE) {
    const { installGracefulShutdown } = await import('@/lib/http/graceful-shutdown');
    const { serverEnv } = await import('@/lib/env');
    const { stopBoss } = await import('@/lib/jobs/boss');
    const { mailDeliveriesSettled } = await import('@/lib/mail/outbox');
    const timeoutMs = serverEnv().SHUTDOWN_TIMEOUT_SECONDS * 1000;
    installGracefulShutdown({ timeoutMs, stopJobs: () => stopBoss(timeoutMs - 1000), settle: mailDeliveriesSettled });
  }

  // The job queue runs inside the server unless a separate `npm run worker` does it.
  if (jobs.JOBS === 'in-process') {
    const { startNewsletterWorker } = await import('@/lib/jobs/newsletter');
    await startNewsletterWorker().catch((error) => console.error('[jobs] could not start the worker', error));
    await (
      await import('@/lib/jobs/member-import')
    )
      .startMemberImportWorker()
      .catch((error) => console.error('[jobs] could not start the import worker', error));
  }
}

// Next calls this for every request that fails, before the response is sent; a database
// outage noted here turns that response into a 503 (see lib/http/outage.ts).
export function onRequestError(error: unknown) {
  if (isDatabaseUnavailable(error)) noteDatabaseOutage();
}
