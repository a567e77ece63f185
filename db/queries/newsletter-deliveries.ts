import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, type Tx } from '../client';
import { columnsOf, type MembershipLifecycleSql } from './lifecycle-sql';

export type ClaimedDelivery = { id: string; issueId: string; userId: string; email: string; locale: 'en' | 'es' };
export type SendProgress = { queued: number; sending: number; sent: number; failed: number };

/**
 * Queues the issue for every member with access now (the rule of lib/membership/lifecycle.ts,
 * in SQL) who opted in, and returns how many were queued. The unique (issue, user) row is
 * what makes each send happen once.
 */
export async function insertDeliveriesForMembers(tx: Tx, issueId: string, lifecycle: MembershipLifecycleSql): Promise<number> {
  const inserted = await tx.execute<{ id: string }>(sql`
    with latest as (
      select distinct on (user_id) user_id, status, current_period_end
      from memberships order by user_id, created_at desc
    )
    insert into newsletter_deliveries (issue_id, user_id)
    select ${issueId}, u.id
    from users u join latest m on m.user_id = u.id
    where u.newsletter_opt_in and u.email is not null and u.deleted_at is null
      and ${lifecycle.hasAccess(columnsOf('m'), sql`now()`)}
    on conflict (issue_id, user_id) do nothing
    returning id`);
  return inserted.length;
}

/** Records the first request to send the issue (and who made it); later ones leave it. */
export async function markSendRequested(tx: Tx, issueId: string, requestedBy: string): Promise<void> {
  await tx.execute(
    sql`update newsletter_issues set send_requested_at = coalesce(send_requested_at, now()), send_requested_by_user_id = coalesce(send_requested_by_user_id, ${requestedBy}) where id = ${issueId}`,
  );
}

/** Takes one due delivery (SKIP LOCKED: several senders never take the same one). */
export async function claimDelivery(): Promise<ClaimedDelivery | null> {
  const rows = await getDb().execute<{ id: string; issue_id: string; user_id: string; email: string; locale: 'en' | 'es' }>(sql`
    update newsletter_deliveries d set status = 'sending', attempts = d.attempts + 1, next_attempt_at = now()
    from users u
    where d.id = (
      select id from newsletter_deliveries
      where status = 'queued' and next_attempt_at <= now()
      order by created_at limit 1 for update skip locked
    ) and u.id = d.user_id
    returning d.id, d.issue_id, d.user_id, u.email, u.preferred_locale as locale`);
  const row = rows[0];
  return row ? { id: row.id, issueId: row.issue_id, userId: row.user_id, email: row.email, locale: row.locale } : null;
}

export async function markDeliverySent(id: string): Promise<void> {
  await getDb().execute(sql`update newsletter_deliveries set status = 'sent', sent_at = now(), last_error = null where id = ${id}`);
}

/** Back to the queue with backoff; given up after 8 attempts. */
export async function markDeliveryFailed(id: string, error: string): Promise<void> {
  await getDb().execute(sql`
    update newsletter_deliveries
    set status = case when attempts >= 8 then 'failed'::delivery_status else 'queued'::delivery_status end,
        next_attempt_at = now() + make_interval(secs => least(600, 2 * power(2, attempts - 1))),
        last_error = ${error.slice(0, 500)}
    where id = ${id}`);
}

/**
 * Deliveries left in 'sending' by a sender that died. A send never takes this long (the
 * SMTP timeout is shorter), so they go back to the queue.
 */
export async function requeueAbandonedDeliveries(olderThanSeconds: number): Promise<number> {
  const rows = await getDb().execute(sql`
    update newsletter_deliveries set status = 'queued'
    where status = 'sending' and next_attempt_at < now() - make_interval(secs => ${olderThanSeconds})
    returning id`);
  return rows.length;
}

/** Issues that still have mail to send (to resume after a restart). */
export async function issuesWithPendingDeliveries(): Promise<{ issueId: string; nextAttemptAt: Date }[]> {
  const rows = await getDb().execute<{ issue_id: string; next: string }>(sql`
    select issue_id, min(next_attempt_at)::text as next from newsletter_deliveries
    where status = 'queued' group by issue_id`);
  return rows.map((r) => ({ issueId: r.issue_id, nextAttemptAt: new Date(r.next) }));
}

export async function sendProgress(issueId: string): Promise<SendProgress> {
  const rows = await getDb().execute<{ status: keyof SendProgress; n: number }>(sql`
    select status, count(*)::int as n from newsletter_deliveries where issue_id = ${issueId} group by status`);
  const progress: SendProgress = { queued: 0, sending: 0, sent: 0, failed: 0 };
  for (const row of rows) progress[row.status] = row.n;
  return progress;
}
