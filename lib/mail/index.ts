import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import { mailEnv } from '@/lib/env';
import { logFor } from '@/lib/log';

const log = logFor('mail');

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
};

let transport: Transporter | undefined;

// Chosen by configuration: SMTP_URL sends through that server; without it the mail is
// rendered and printed to the console, so development needs no mail server.
function getTransport(): Transporter {
  if (!transport) {
    const { SMTP_URL } = mailEnv();
    // A pool of connections: newsletter sending hands over thousands of mails.
    transport = SMTP_URL
      ? nodemailer.createTransport({
          url: SMTP_URL,
          pool: true,
          maxConnections: 5,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 20_000,
        })
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }
  return transport;
}

export class MailDeliveryError extends Error {
  constructor(cause: unknown) {
    super('The mail could not be handed to the mail server', { cause });
    this.name = 'MailDeliveryError';
  }
}

export async function sendMail(mail: OutgoingMail): Promise<void> {
  const { EMAIL_FROM, SMTP_URL } = mailEnv();
  try {
    const info = await getTransport().sendMail({ from: EMAIL_FROM, ...mail });
    if (!SMTP_URL) {
      // Development's mailbox, not a log line: the mail is printed whole, its sign-in link
      // included, so that someone trying the site can follow it. It therefore bypasses the
      // logger, which would take the link's token out. Production sets SMTP_URL (npm start
      // warns when it is missing), and the tests all run with a mail server.
      log.info({ subject: mail.subject }, 'SMTP_URL is unset: the mail is printed below, not sent');
      process.stdout.write(
        `\n----- mail (SMTP_URL unset, not sent) -----\nTo: ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}\n-------------------------------------------\n`,
      );
    } else if (info.rejected?.length) {
      throw new Error(`rejected: ${info.rejected.join(', ')}`);
    }
  } catch (error) {
    throw new MailDeliveryError(error);
  }
}
