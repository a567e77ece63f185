import type { Instrumentation } from 'next';
import { isDatabaseUnavailable, noteDatabaseOutage } from '@/lib/http/outage';

// Runs once per server process. Sends queued mails every 30 seconds, so a mail that
// could not be sent (mail server down) goes out later without anyone having to act (each
// mail is claimed by one sender, so every server may do this), and, unless a separate
// worker does (JOBS=external), starts the job queue's worker with its schedule of
// time-based tasks. It also stamps each request with its socket address, which Next.js
// does not expose, and with its request id, which every log line of it carries.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  // First, so that rate limits see the real peer address (lib/security/client-ip.ts).
  (await import('@/lib/security/socket-address')).installSocketAddressHeader();
  (await import('@/lib/log/request-id')).installRequestIds();
  const { logFor } = await import('@/lib/log');
  const log = logFor('server');
  // Scripts and styles of the build in brotli for the browsers that take it (issue #16).
  // Not under `next dev`, whose files change under the same names.
  if (process.env.NODE_ENV === 'production') (await import('@/lib/http/precompressed-static')).installPrecompressedStatic();
  // A request that fails because the database is down answers 503 (lib/http/outage.ts).
  const { answerDatabaseOutagesWith503 } = await import('@/lib/http/outage');
  answerDatabaseOutagesWith503((await import('node:http')).ServerResponse);
  const { deliverQueuedMails } = await import('@/lib/mail/outbox');
  setInterval(() => {
    deliverQueuedMails().catch((error: unknown) => logFor('mail').error({ err: error }, 'could not deliver the queued mails'));
  }, 30_000).unref();

  const { jobsEnv } = await import('@/lib/env');
  const jobs = jobsEnv();

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
    // First, so the queue client starts with its scheduler (lib/jobs/boss.ts).
    const { startScheduledTasksWorker } = await import('@/lib/jobs/scheduled');
    const worker = logFor('worker');
    await startScheduledTasksWorker().catch((error: unknown) =>
      worker.error({ err: error, job: 'scheduled-tasks' }, 'could not start the scheduled tasks'),
    );
    const { startNewsletterWorker } = await import('@/lib/jobs/newsletter');
    await startNewsletterWorker().catch((error: unknown) =>
      worker.error({ err: error, job: 'newsletter-send' }, 'could not start the worker'),
    );
    await (
      await import('@/lib/jobs/member-import')
    )
      .startMemberImportWorker()
      .catch((error: unknown) => worker.error({ err: error, job: 'member-import' }, 'could not start the import worker'));
  }
  log.info({ jobs: jobs.JOBS }, 'server started');
}

/**
 * Next calls this for every request that fails, before the response is sent. A database
 * outage noted here turns that response into a 503 (see lib/http/outage.ts). Every failure
 * is logged with where it happened and the request's id, never the request's headers
 * (cookies, authorization) nor its query string (sign-in and signed links carry tokens).
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (isDatabaseUnavailable(error)) noteDatabaseOutage();
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { logFor } = await import('@/lib/log');
  const { REQUEST_ID_HEADER } = await import('@/lib/log/request-id');
  const reqId = request.headers[REQUEST_ID_HEADER];
  logFor('request').error(
    {
      err: error,
      ...(typeof reqId === 'string' ? { reqId } : {}),
      method: request.method,
      path: request.path.split('?')[0],
      routerKind: context.routerKind,
      routePath: context.routePath,
      routeType: context.routeType,
      renderSource: context.renderSource,
      revalidateReason: context.revalidateReason,
    },
    'request failed',
  );
};
