import 'server-only';
import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { getDb } from '../client';
import { mailOutbox, type OutboxMail } from '../schema';

export type QueuedMail = { dedupeKey: string; to: string; subject: string; text: string; html: string };

/** Queues a mail in the caller's transaction; a mail with the same key is queued once only. */
export async function queueMail(tx: Pick<Database, 'insert'>, mail: QueuedMail): Promise<void> {
  await tx
    .insert(mailOutbox)
    .values({ dedupeKey: mail.dedupeKey, toAddress: mail.to, subject: mail.subject, textBody: mail.text, htmlBody: mail.html })
    .onConflictDoNothing({ target: mailOutbox.dedupeKey });
}

/**
 * Takes up to `limit` mails that are due, marking them as being tried (so two senders
 * never take the same mail), in one statement: SKIP LOCKED lets several workers drain the
 * queue together. Each comes back with its attempt counted (`attempts` includes this one).
 */
export async function claimDueMails(limit: number): Promise<OutboxMail[]> {
  const due = getDb()
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.status, 'pending'), lte(mailOutbox.nextAttemptAt, sql`now()`)))
    .orderBy(mailOutbox.createdAt)
    .limit(limit)
    .for('update', { skipLocked: true });
  const claimed = await getDb()
    .update(mailOutbox)
    // Held off for a while: if this sender dies mid-send the mail is retried later.
    .set({ attempts: sql`${mailOutbox.attempts} + 1`, nextAttemptAt: sql`now() + interval '5 minutes'` })
    .where(inArray(mailOutbox.id, due))
    .returning();
  // Oldest first, as they were queued (RETURNING keeps no order).
  return claimed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

export async function markMailSent(id: string): Promise<void> {
  await getDb().update(mailOutbox).set({ status: 'sent', sentAt: new Date(), lastError: null }).where(eq(mailOutbox.id, id));
}

/** Backs off exponentially; after 10 attempts the mail is marked failed for staff to see. */
export async function markMailFailed(mail: OutboxMail, error: string): Promise<void> {
  const attempts = mail.attempts;
  const delaySeconds = Math.min(3600, 15 * 2 ** (attempts - 1));
  await getDb()
    .update(mailOutbox)
    .set({
      status: attempts >= 10 ? 'failed' : 'pending',
      lastError: error.slice(0, 500),
      nextAttemptAt: sql`now() + make_interval(secs => ${delaySeconds})`,
    })
    .where(eq(mailOutbox.id, mail.id));
}
