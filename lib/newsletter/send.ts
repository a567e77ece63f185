import 'server-only';
import { findIssue } from '@/db/queries/newsletters';
import { claimDelivery, markDeliveryFailed, markDeliverySent } from '@/db/queries/newsletter-deliveries';
import type { NewsletterIssue } from '@/db/schema';
import { sendMail } from '@/lib/mail';
import { newsletterMail } from './mail';

export type DrainResult = { sent: number; failed: number };

/**
 * Sends queued newsletter deliveries until none are due, `concurrency` at a time. Each
 * delivery is claimed, sent, then marked sent; a failed one goes back to the queue with
 * backoff, so an SMTP outage only delays mail.
 */
export async function drainNewsletterQueue(
  opts: { concurrency?: number; maxMails?: number; signal?: AbortSignal } = {},
): Promise<DrainResult> {
  const issues = new Map<string, NewsletterIssue | null>();
  const result: DrainResult = { sent: 0, failed: 0 };
  let budget = opts.maxMails ?? Infinity;
  const loop = async () => {
    // A stopping process finishes the mail in hand (claimed, sent, marked) and takes no more.
    while (budget-- > 0 && !opts.signal?.aborted) {
      const delivery = await claimDelivery();
      if (!delivery) return;
      if (!issues.has(delivery.issueId)) issues.set(delivery.issueId, await findIssue(delivery.issueId));
      const issue = issues.get(delivery.issueId);
      try {
        if (!issue?.published) throw new Error('the issue is no longer published');
        await sendMail(await newsletterMail(issue, delivery));
        await markDeliverySent(delivery.id);
        result.sent++;
      } catch (error) {
        await markDeliveryFailed(delivery.id, error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : String(error));
        result.failed++;
        // The mail server is refusing: stop this round; the job comes back after the backoff.
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency ?? 5 }, loop));
  return result;
}
