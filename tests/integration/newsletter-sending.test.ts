// Sending an issue to 5,000 members through the job queue and a real SMTP server (a local
// sink): the worker is killed halfway and restarted; the mail server refuses for a while.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getSql } from '@/db/client';
import { seedDemoContent } from '../support/seed';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { freePort, until as untilEvery } from '../support/wait';
import { startWorkerProcess, waitForExit } from '../support/worker-process';
import { firstRow } from '../support/rows';

const { sendProgress } = await import('@/db/queries/newsletter-deliveries');
const { enqueueRecipients } = await import('@/lib/newsletter/enqueue-recipients');
const { membershipLifecycleSql } = await import('@/lib/membership/lifecycle');

// The mail sink is read every 100 ms: thousands of mails arrive meanwhile.
const until = (check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) => untilEvery(check, timeoutMs, what, 100);

/** Members in every state; returns the emails that must get the issue. */
async function populate(prefix: string, activeOptedIn: number) {
  const sql = getSql();
  const tier = firstRow(await sql`select id from membership_tiers where slug = 'individual'`);
  const make = async (count: number, label: string, status: string, days: number, optIn: boolean) => {
    await sql`
      with u as (
        insert into users (email, newsletter_opt_in)
        select ${prefix} || '-' || ${label} || '-' || g || '@send.test', ${optIn} from generate_series(1, ${count}) g
        returning id)
      insert into memberships (user_id, tier_id, status, source, current_period_start, current_period_end)
      select id, ${tier.id}, ${status}::membership_status, 'offline', now() - interval '1 year', now() + make_interval(days => ${days}) from u`;
  };
  await make(activeOptedIn, 'active', 'active', 200, true);
  await make(50, 'grace', 'lapsed', -10, true); // in the grace period: still a member
  await make(100, 'optout', 'active', 200, false);
  await make(100, 'lapsed', 'lapsed', -100, true);
  await make(50, 'cancelled', 'cancelled', -1, true);
  await make(50, 'pending', 'pending', 200, true);
  const issue = firstRow(
    await sql`insert into newsletter_issues (number, title, issued_on, summary, published, published_at)
                            values (${Math.floor(Math.random() * 1e6) + 1000}, 'Mining and water', '2026-11-01', 'Water conflicts in the Andes.', true, now()) returning id`,
  );
  const expected = new Set<string>();
  for (let i = 1; i <= activeOptedIn; i++) expected.add(`${prefix}-active-${i}@send.test`);
  for (let i = 1; i <= 50; i++) expected.add(`${prefix}-grace-${i}@send.test`);
  return { issueId: issue.id as string, expected };
}

function perRecipient(sink: SmtpSink, prefix: string) {
  const byRecipient = new Map<string, Set<string>>();
  let raw = 0;
  for (const mail of sink.mails) {
    const to = mail.to[0]!;
    if (!to.startsWith(`${prefix}-`)) continue;
    raw++;
    if (!byRecipient.has(to)) byRecipient.set(to, new Set());
    byRecipient.get(to)!.add(mail.headers['message-id']!);
  }
  return { byRecipient, raw };
}

let sink: SmtpSink;
let staffId: string;
beforeAll(async () => {
  await seedDemoContent();
  // Only the members made here: the seed's demo member does not take the newsletter.
  await getSql()`update users set newsletter_opt_in = false`;
  sink = await startSmtpSink();
  [{ id: staffId }] = await getSql()`insert into users (email, role) values ('sender@example.org', 'staff') returning id`;
});
afterAll(() => sink.close());
// Each test mails only the members it makes: everyone made before opts out.
beforeEach(async () => {
  await getSql()`update users set newsletter_opt_in = false`;
});

const workerEnv = (smtpUrl: string) => ({
  DATABASE_URL: process.env.DATABASE_URL,
  DATABASE_POOL_MAX: '8',
  SMTP_URL: smtpUrl,
  AUTH_SECRET: process.env.AUTH_SECRET,
  NEWSLETTER_ABANDONED_SECONDS: '2',
  WORKER_CONCURRENCY: '5',
});

describe('sending an issue', () => {
  it('reaches each of 5,000 members exactly once, though the worker is killed halfway and restarted', { timeout: 240_000 }, async () => {
    const { issueId, expected } = await populate('big', 4950);
    expect(await enqueueRecipients(issueId, staffId, membershipLifecycleSql(30))).toBe(5000);
    expect(await enqueueRecipients(issueId, staffId, membershipLifecycleSql(30))).toBe(0); // asking twice queues nothing more

    const mailsTo = () => perRecipient(sink, 'big').byRecipient.size;
    let worker = startWorkerProcess(workerEnv(sink.smtpUrl));
    await until(() => mailsTo() >= 2500, 120_000, 'half the mails');
    worker.kill('SIGKILL');
    await waitForExit(worker);
    const atKill = mailsTo();
    expect(atKill).toBeLessThan(5000);

    worker = startWorkerProcess(workerEnv(sink.smtpUrl));
    await until(() => mailsTo() >= 5000, 150_000, 'every mail');
    await new Promise((r) => setTimeout(r, 1500));
    worker.kill('SIGTERM');
    await waitForExit(worker);

    const { byRecipient, raw } = perRecipient(sink, 'big');
    expect(new Set(byRecipient.keys())).toEqual(expected);
    // One message per member. Across an SMTP hand-off nothing can promise more than this:
    // a mail accepted in the instant before the kill is sent again on restart, with the
    // same Message-ID, so mailbox providers drop the copy. At most one per sender thread.
    for (const [to, ids] of byRecipient) expect(ids.size, to).toBe(1);
    expect(raw - expected.size).toBeLessThanOrEqual(5);
    expect(await sendProgress(issueId)).toEqual({ queued: 0, sending: 0, sent: 5000, failed: 0 });
    const sample = sink.mails.find((m) => m.to[0] === 'big-active-1@send.test')!;
    expect(sample.headers['list-unsubscribe']).toMatch(/^<http:\/\/localhost:3000\/api\/newsletter\/unsubscribe\?u=[0-9a-f-]{36}&s=/);
    expect(sample.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(sample.text).toContain('/members/newsletters/');
  });

  it(
    'a worker stopped with SIGTERM mid-send finishes the mails in hand: none half-done, and after a restart not one copy',
    { timeout: 180_000 },
    async () => {
      const { issueId, expected } = await populate('term', 950);
      expect(await enqueueRecipients(issueId, staffId, membershipLifecycleSql(30))).toBe(1000);
      const mailsTo = () => perRecipient(sink, 'term').byRecipient.size;
      let worker = startWorkerProcess(workerEnv(sink.smtpUrl));
      const exited = new Promise<number | null>((resolve) => worker.once('exit', (code) => resolve(code)));
      await until(() => mailsTo() >= 250, 120_000, 'a quarter of the mails');
      const signalledAt = Date.now();
      worker.kill('SIGTERM');
      expect(await exited, 'exit code after SIGTERM').toBe(0);
      expect(Date.now() - signalledAt, 'ms from SIGTERM to exit').toBeLessThan(20_000);
      // Every mail the server took is marked sent, and none is left claimed.
      const stopped = await sendProgress(issueId);
      expect(stopped.sending).toBe(0);
      expect(stopped.sent).toBe(perRecipient(sink, 'term').raw);
      expect(stopped.sent).toBeLessThan(1000);

      worker = startWorkerProcess(workerEnv(sink.smtpUrl));
      await until(() => mailsTo() >= 1000, 150_000, 'every mail');
      await new Promise((r) => setTimeout(r, 1500));
      worker.kill('SIGTERM');
      await waitForExit(worker);
      const { byRecipient, raw } = perRecipient(sink, 'term');
      expect(new Set(byRecipient.keys())).toEqual(expected);
      expect(raw).toBe(expected.size);
      expect(await sendProgress(issueId)).toEqual({ queued: 0, sending: 0, sent: 1000, failed: 0 });
    },
  );

  it('waits while the mail server refuses connections, then sends every mail once', { timeout: 120_000 }, async () => {
    const { issueId, expected } = await populate('outage', 150);
    await enqueueRecipients(issueId, staffId, membershipLifecycleSql(30));
    const port = await freePort();
    const worker = startWorkerProcess(workerEnv(`smtp://127.0.0.1:${port}`));
    await new Promise((r) => setTimeout(r, 4000)); // SMTP down: nothing can go out
    const late = await startSmtpSink({ port });
    try {
      await until(() => perRecipient(late, 'outage').byRecipient.size >= expected.size, 90_000, 'the mails after the outage').catch(
        async (error) => {
          if (process.env.DEBUG_WORKER) {
            console.log('progress', await sendProgress(issueId), 'received', perRecipient(late, 'outage').raw);
            console.log(await getSql()`select state, count(*)::int from pgboss.job group by state`);
            console.log(
              await getSql()`select status, attempts, next_attempt_at, last_error from newsletter_deliveries where issue_id = ${issueId} limit 3`,
            );
          }
          throw error;
        },
      );
      await new Promise((r) => setTimeout(r, 1000));
      worker.kill('SIGTERM');
      await waitForExit(worker);
      const { byRecipient, raw } = perRecipient(late, 'outage');
      expect(new Set(byRecipient.keys())).toEqual(expected);
      expect(raw).toBe(expected.size);
      expect(await sendProgress(issueId)).toMatchObject({ sent: expected.size, failed: 0, queued: 0 });
    } finally {
      worker.kill('SIGKILL');
      await late.close();
    }
  });
});
