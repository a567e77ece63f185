import { revalidateTag } from 'next/cache';
import { hasScheduledJobsToken } from '@/lib/jobs/token';
import { CONTENT_TAGS } from '@/lib/content/tags';
import { releaseDueIssues } from '@/lib/newsletter/release';

/**
 * Newsletter issues past their time-release date join the public library, and the cached
 * library pages are refreshed, which only a request can do. The job queue's scheduled
 * tasks call this (lib/jobs/scheduled.ts) on any one web server; the bearer token is the
 * guard, and there is no input.
 */
export async function POST(request: Request) {
  if (!hasScheduledJobsToken(request)) {
    return Response.json({ error: 'unauthorized' }, { status: 401, headers: { 'Cache-Control': 'no-store' } });
  }
  const released = await releaseDueIssues();
  if (released.length > 0) revalidateTag(CONTENT_TAGS.publications, { expire: 0 });
  return Response.json({ released }, { headers: { 'Cache-Control': 'no-store' } });
}
