// Runs once per server process. Sends queued mails every 30 seconds, so a mail that
// could not be sent (mail server down) goes out later without anyone having to act,
// and starts the job queue's worker.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { deliverQueuedMails } = await import('@/lib/mail/outbox');
  const timer = setInterval(() => {
    deliverQueuedMails().catch((error) => console.error('[mail] outbox', error));
  }, 30_000);
  timer.unref();
  // The job queue runs inside the server unless a separate `npm run worker` does it.
  if (process.env.JOBS !== 'external') {
    const { startNewsletterWorker } = await import('@/lib/jobs/newsletter');
    await startNewsletterWorker().catch((error) => console.error('[jobs] could not start the worker', error));
  }
}
