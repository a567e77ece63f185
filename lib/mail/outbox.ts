import 'server-only';
import { claimDueMails, markMailFailed, markMailSent } from '@/db/queries/mail-outbox';
import { sendMail } from './index';

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
      await markMailFailed(mail, error instanceof Error ? `${error.message}: ${String(error.cause ?? '')}` : String(error));
      failed++;
    }
  }
  return { sent, failed };
}
