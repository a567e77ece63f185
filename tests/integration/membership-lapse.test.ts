// Offline and complimentary memberships lapse by themselves once their grace period is over.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getSql } from '@/db/client';
import { scheduledJobsToken } from '@/lib/jobs/token';
import { seedDemoContent } from '../support/seed';
import { firstRow } from '../support/rows';

vi.mock('next/cache', async (original) => ({ ...(await original<typeof import('next/cache')>()), revalidateTag: () => {} }));
const { POST } = await import('@/app/api/jobs/scheduled/route');
const { runScheduledTasks } = await import('@/lib/jobs/scheduled');
// The scheduled job as the worker runs it, with its call to a web server made in process.
const releaseInProcess = async () =>
  (
    (await (
      await POST(
        new Request('http://localhost/api/jobs/scheduled', {
          method: 'POST',
          headers: { authorization: `Bearer ${scheduledJobsToken()}` },
        }),
      )
    ).json()) as { released: string[] }
  ).released;
const run = () => runScheduledTasks(releaseInProcess);

async function member(label: string, source: string, status: string, endedDaysAgo: number) {
  const tier = firstRow(await getSql()`select id from membership_tiers where slug = 'individual'`);
  const user = firstRow(
    await getSql()`insert into users (email, preferred_locale) values (${`${label}@lapse.test`}, ${label.endsWith('es') ? 'es' : 'en'}) returning id`,
  );
  await getSql()`insert into memberships (user_id, tier_id, status, source, stripe_subscription_id, current_period_end)
    values (${user.id}, ${tier.id}, ${status}::membership_status, ${source}::membership_source,
            ${source === 'stripe' ? `sub_${label}` : null}, now() - make_interval(days => ${endedDaysAgo}))`;
}
const statusOf = async (label: string) =>
  (await getSql()`select m.status from memberships m join users u on u.id = m.user_id where u.email = ${`${label}@lapse.test`}`)[0]!.status;

beforeAll(async () => {
  await seedDemoContent();
  // Grace period: 30 days (MEMBERSHIP_GRACE_DAYS default).
  await member('cheque-over', 'offline', 'active', 31);
  await member('comp-over-es', 'complimentary', 'active', 45);
  await member('cheque-in-grace', 'offline', 'active', 10);
  await member('cheque-current', 'offline', 'active', -100);
  await member('card-over', 'stripe', 'active', 60); // Stripe says when its subscriptions lapse
});

describe('lapsing offline and complimentary memberships', () => {
  it('lapses only non-Stripe memberships past their grace period, each with a mail in the member’s language and an audit entry', async () => {
    expect((await run()).lapsed).toBe(2);
    expect(await statusOf('cheque-over')).toBe('lapsed');
    expect(await statusOf('comp-over-es')).toBe('lapsed');
    expect(await statusOf('cheque-in-grace')).toBe('active');
    expect(await statusOf('cheque-current')).toBe('active');
    expect(await statusOf('card-over')).toBe('active');
    const mails = await getSql()`select to_address, subject from mail_outbox where dedupe_key like 'lapsed:%' order by to_address`;
    expect(mails.map((m) => m.to_address)).toEqual(['cheque-over@lapse.test', 'comp-over-es@lapse.test']);
    expect(mails[0]!.subject).toBe('Your membership has ended');
    expect(mails[1]!.subject).not.toBe('Your membership has ended');
    const audits = await getSql()`select count(*)::int as n from audit_log where action = 'membership.lapsed'`;
    expect(audits[0]!.n).toBe(2);
  });

  it('does nothing more on the next run', async () => {
    expect((await run()).lapsed).toBe(0);
    const { n } = firstRow(await getSql()`select count(*)::int as n from mail_outbox where dedupe_key like 'lapsed:%'`);
    expect(n).toBe(2);
  });

  it('still lapses when the web server cannot be reached for the release, and the run fails so the queue runs it again', async () => {
    await member('cheque-later', 'offline', 'active', 40);
    await expect(runScheduledTasks(() => Promise.reject(new Error('connect ECONNREFUSED')))).rejects.toThrow(/1 failed.*"lapsed":1/);
    expect(await statusOf('cheque-later')).toBe('lapsed');
  });
});
