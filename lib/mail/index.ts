import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import { mailEnv } from '@/lib/env';

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
      console.log(
        `\n----- mail (SMTP_URL unset, not sent) -----\nTo: ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}\n-------------------------------------------\n`,
      );
    } else if (info.rejected?.length) {
      throw new Error(`rejected: ${info.rejected.join(', ')}`);
    }
  } catch (error) {
    throw new MailDeliveryError(error);
  }
}
