// Times the admin overview and audit-log queries on a database of your choosing (e.g. one
// filled with generate_series data: 100k members, 300k payments, 1M audit entries), and
// prints each statement's EXPLAIN ANALYZE once. Read only.
//   DATABASE_URL=postgres://.../scratch npx tsx --conditions=react-server bench/admin-queries.ts
import type { SQL } from 'drizzle-orm';
import { membershipLifecycleSql } from '@/lib/membership/lifecycle';
import { getDb, getSql } from '@/db/client';
import { listAuditActions, listAuditEntries } from '@/db/queries/admin-audit';
import {
  activeMembersByTier,
  donationTotals,
  expiringWithin,
  loadOverview,
  membersOverTime,
  monthMovement,
  recurringIncome,
  withoutJit,
} from '@/db/queries/admin-overview';

const explain = process.argv.includes('--explain');
const db = getDb();
const execute = db.execute.bind(db);
// With --explain, each statement is also run once under EXPLAIN ANALYZE and its plan printed.
(db as { execute: unknown }).execute = async (query: SQL) => {
  if (explain) {
    const { sql: text, params } = (
      db as unknown as { dialect: { sqlToQuery: (q: SQL) => { sql: string; params: unknown[] } } }
    ).dialect.sqlToQuery(query);
    const plan = await getSql().unsafe(`explain (analyze, buffers) ${text}`, params as never[]);
    console.log(plan.map((r) => r['QUERY PLAN']).join('\n'), '\n');
  }
  return execute(query);
};

async function time(name: string, run: () => Promise<unknown>) {
  await run(); // warm
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await run();
    runs.push(performance.now() - start);
  }
  runs.sort((a, b) => a - b);
  // Five runs, sorted: the third is the median, the fifth the slowest.
  console.log(`${name.padEnd(44)} median ${runs[2]!.toFixed(1)} ms  max ${runs[4]!.toFixed(1)} ms`);
}

const now = new Date();
const grace = membershipLifecycleSql(30);
const single = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
const cases: [string, () => Promise<unknown>][] = [
  ['overview: active members by tier', () => withoutJit((tx) => activeMembersByTier(now, grace, tx))],
  ['overview: month movement', () => withoutJit((tx) => monthMovement(now, grace, tx))],
  ['overview: expiring within 30 days', () => withoutJit((tx) => expiringWithin(now, 30, tx))],
  ['overview: donations month/year', () => withoutJit((tx) => donationTotals(now, tx))],
  ['overview: annual recurring income', () => withoutJit((tx) => recurringIncome(now, grace, tx))],
  ['overview: members over 24 months', () => withoutJit((tx) => membersOverTime(now, grace, 24, tx))],
  ['overview: whole page (all of the above)', () => loadOverview(now, grace)],
  ['audit: distinct actions', () => listAuditActions()],
  ['audit: first page, no filter', () => listAuditEntries({}, null)],
  ['audit: deep page (cursor 1000)', () => listAuditEntries({}, 1000)],
  ['audit: actor', () => listAuditEntries({ actorEmail: 'member3@scale.test' }, null)],
  ['audit: action exact', () => listAuditEntries({ action: 'tier.price_changed' }, null)],
  ['audit: action prefix payment.', () => listAuditEntries({ action: 'payment.' }, null)],
  ['audit: entity id', () => listAuditEntries({ entityId: 'c4ca4238a0b923820dcc509a6f75849b' }, null)],
  [
    'audit: a week a year ago',
    () =>
      listAuditEntries(
        {
          from: new Date(Date.now() - 365 * 864e5).toISOString().slice(0, 10),
          to: new Date(Date.now() - 358 * 864e5).toISOString().slice(0, 10),
        },
        null,
      ),
  ],
  [
    'audit: prefix + a month a year ago',
    () =>
      listAuditEntries(
        {
          action: 'payment.',
          from: new Date(Date.now() - 395 * 864e5).toISOString().slice(0, 10),
          to: new Date(Date.now() - 365 * 864e5).toISOString().slice(0, 10),
        },
        null,
      ),
  ],
];
for (const [name, run] of cases) if (!single || name.includes(single)) await time(name, run);
await getSql().end();
