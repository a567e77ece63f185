import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getSql } from '@/db/client';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(() => sink.close());

async function load(smtpUrl: string) {
  process.env.SMTP_URL = smtpUrl;
  vi.resetModules();
  return {
    ...(await import('@/lib/mail/outbox')),
    ...(await import('@/db/queries/mail-outbox')),
    db: (await import('@/db/client')).getDb(),
  };
}

describe('the mail outbox', () => {
  it('keeps mails while the mail server refuses connections, and sends each once when it is back', async () => {
    const down = await load('smtp://127.0.0.1:1');
    await down.db.transaction(async (tx) => {
      for (let i = 0; i < 3; i++)
        await down.queueMail(tx, {
          dedupeKey: `test:${i}`,
          to: `outbox-${i}@example.org`,
          subject: `Mail ${i}`,
          text: 'hello',
          html: '<p>hello</p>',
        });
      await down.queueMail(tx, {
        dedupeKey: 'test:0',
        to: 'outbox-0@example.org',
        subject: 'Mail 0 again',
        text: 'dup',
        html: '<p>dup</p>',
      });
    });
    expect(await down.deliverQueuedMails()).toEqual({ sent: 0, failed: 3 });
    const waiting =
      await getSql()`select status, attempts, last_error is not null as has_error from mail_outbox where dedupe_key like 'test:%'`;
    expect(waiting).toHaveLength(3);
    expect(waiting.every((m) => m.status === 'pending' && m.attempts === 1 && m.has_error)).toBe(true);

    // Backed off: not due yet, so nothing is attempted.
    expect(await down.deliverQueuedMails()).toEqual({ sent: 0, failed: 0 });
    await getSql()`update mail_outbox set next_attempt_at = now() where dedupe_key like 'test:%'`;

    const up = await load(sink.smtpUrl);
    expect(await up.deliverQueuedMails()).toEqual({ sent: 3, failed: 0 });
    expect(await up.deliverQueuedMails()).toEqual({ sent: 0, failed: 0 });
    expect(
      sink.mails
        .filter((m) => m.to[0]!.startsWith('outbox-'))
        .map((m) => m.subject)
        .sort(),
    ).toEqual(['Mail 0', 'Mail 1', 'Mail 2']);
  });
});
