import { createHmac, timingSafeEqual } from 'node:crypto';
import { authEnv } from '@/lib/env';

// Scheduled tasks run through the web server (it owns the page cache they refresh). The
// server's own timer, `npm run worker` or a cron job call them with this bearer token,
// derived from AUTH_SECRET so there is no second secret to manage.

export function scheduledJobsToken(): string {
  return scheduledJobsTokenFor(authEnv().AUTH_SECRET);
}

/** The token for a given AUTH_SECRET (the e2e log scan looks for the run's own). */
export function scheduledJobsTokenFor(authSecret: string): string {
  return createHmac('sha256', authSecret).update('scheduled-jobs').digest('base64url');
}

export function hasScheduledJobsToken(request: Request): boolean {
  const given = Buffer.from(request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '');
  const expected = Buffer.from(scheduledJobsToken());
  return given.length === expected.length && timingSafeEqual(given, expected);
}
