import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
  process.env.SMTP_URL = sink.smtpUrl;
  process.env.EMAIL_FROM = 'Peru Support Group <no-reply@psg.test>';
  vi.resetModules();
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await sink.close();
});

describe('mail', () => {
  it('delivers the sign-in mail in English and Spanish, as text and HTML', async () => {
    const { sendMail } = await import('@/lib/mail');
    const { signInMail } = await import('@/lib/mail/sign-in');
    await sendMail(
      await signInMail({ to: 'en@example.org', url: 'http://localhost:3000/signin/confirm?token=abc', locale: 'en', minutes: 60 }),
    );
    await sendMail(
      await signInMail({ to: 'es@example.org', url: 'http://localhost:3000/es/signin/confirm?token=abc&x=<b>', locale: 'es', minutes: 60 }),
    );
    const en = await sink.waitForMail('en@example.org');
    const es = await sink.waitForMail('es@example.org');
    expect(en.subject).toBe('Your sign-in link for the Peru Support Group');
    expect(en.text).toContain('http://localhost:3000/signin/confirm?token=abc');
    expect(en.html).toContain('href="http://localhost:3000/signin/confirm?token=abc"');
    expect(es.subject).toBe('Su enlace de acceso al Peru Support Group');
    expect(es.text).toContain('El enlace sirve una sola vez y durante 60 minutos.');
    // The link is escaped in HTML, never injected.
    expect(es.html).toContain('x=&lt;b&gt;');
  });

  it('reports a mail server that refuses connections instead of pretending it sent', async () => {
    process.env.SMTP_URL = 'smtp://127.0.0.1:1';
    vi.resetModules();
    const { sendMail, MailDeliveryError } = await import('@/lib/mail');
    await expect(sendMail({ to: 'x@example.org', subject: 's', text: 't', html: '<p>t</p>' })).rejects.toBeInstanceOf(MailDeliveryError);
  });
});
