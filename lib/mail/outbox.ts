import 'server-only';
import { after } from 'next/server';
import { claimDueMails, markMailFailed, markMailSent } from '@/db/queries/mail-outbox';
import { sendMail } from './index';
import { logFor } from '@/lib/log';

const log = logFor('mail');

/** Sends the mails that are due. Safe to run from several places at once. */
export async function deliverQueuedMails(limit = 50): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (const mail of await claimDueMails(limit)) {
    try {
      await sendMail({ to: mail.toAddress, subject: mail.subject, text: mail.textBody, html: mail.htmlBody });
      await markMailSent(mail.id);
      sent++;
    } catch (error) {
      log.warn({ err: error, mailId: mail.id }, 'could not send a queued mail: it stays queued for another try');
      await markMailFailed(mail, error instanceof Error ? `${error.message}: ${String(error.cause ?? '')}` : String(error));
      failed++;
    }
  }
  return { sent, failed };
}

const inFlight = new Set<Promise<void>>();

/**
 * Sends queued mails once the response is out (Next's after(), which the runtime waits for),
 * or straight away outside a request (scripts, the worker). The mails are already in the
 * outbox, so a failure here loses nothing: the scheduled outbox run sends them later.
 */
export function deliverQueuedMailsSoon(): void {
  const run = (): Promise<void> => {
    const delivery: Promise<void> = deliverQueuedMails()
      .then(
        () => undefined,
        (error: unknown) => log.error({ err: error }, 'could not deliver the queued mails'),
      )
      .finally(() => inFlight.delete(delivery));
    inFlight.add(delivery);
    return delivery;
  };
  try {
    after(run);
  } catch {
    // after() refuses to run outside a request scope.
    void run();
  }
}

/** Resolves once every delivery started here has finished: for a clean shutdown. */
export async function mailDeliveriesSettled(): Promise<void> {
  while (inFlight.size) await Promise.allSettled([...inFlight]);
}
