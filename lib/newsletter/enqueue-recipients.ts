import 'server-only';
import { getDb } from '@/db/client';
import { insertDeliveriesForMembers, markSendRequested } from '@/db/queries/newsletter-deliveries';
import type { MembershipLifecycleSql } from '@/db/queries/lifecycle-sql';

/**
 * Queues the issue for every opted-in member with access now, and records that the send
 * was asked for, in one transaction; returns how many deliveries were queued. Asking twice
 * queues nobody twice. The worker (lib/newsletter/send.ts) sends them.
 */
export async function enqueueRecipients(issueId: string, requestedBy: string, lifecycle: MembershipLifecycleSql): Promise<number> {
  return getDb().transaction(async (tx) => {
    const queued = await insertDeliveriesForMembers(tx, issueId, lifecycle);
    await markSendRequested(tx, issueId, requestedBy);
    return queued;
  });
}
