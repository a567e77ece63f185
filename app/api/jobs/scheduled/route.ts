import { revalidateTag } from 'next/cache';
import { hasScheduledJobsToken } from '@/lib/jobs/token';
import { CONTENT_TAGS } from '@/lib/content/tags';
import { eraseExpiredGiftAidRecords } from '@/lib/gift-aid/records';
import { getMembershipGraceDays } from '@/db/queries/settings';
import { lapseEndedMemberships } from '@/lib/membership/lapse';
import { resumeStuckRefunds } from '@/lib/payments/refunds';
import { releaseDueIssues } from '@/lib/newsletter/release';

/**
 * Runs the time-based tasks: newsletter issues past their time-release date join the
 * public library (and the cached library pages are refreshed), and offline or
 * complimentary memberships past their end and grace period lapse, and card refunds left
 * pending by a crash are asked of Stripe again, and the Gift Aid records of deleted accounts
 * are erased once HMRC no longer needs them. Called every few minutes by
 * the server itself (instrumentation.ts); the bearer token is the guard.
 */
export async function POST(request: Request) {
  if (!hasScheduledJobsToken(request)) {
    return Response.json({ error: 'unauthorized' }, { status: 401, headers: { 'Cache-Control': 'no-store' } });
  }
  const released = await releaseDueIssues();
  if (released.length > 0) revalidateTag(CONTENT_TAGS.publications, { expire: 0 });
  const lapsed = await lapseEndedMemberships(await getMembershipGraceDays());
  const refundsResumed = await resumeStuckRefunds();
  const giftAidRecordsErased = await eraseExpiredGiftAidRecords();
  return Response.json({ released, lapsed, refundsResumed, giftAidRecordsErased }, { headers: { 'Cache-Control': 'no-store' } });
}
