// The membership lifecycle rule (lib/membership/lifecycle.ts) has a TypeScript form, for
// pages and guards, and SQL forms, for lists, counts and the newsletter's recipients. Both
// are built from one table; this checks they agree on every case, through the database:
// every status and source, period ends around the period end and the grace end (to the
// second, both sides of each boundary), no period end, and several grace settings.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { columnsOf } from '@/db/queries/lifecycle-sql';
import { membershipSourceEnum, membershipStatusEnum } from '@/db/schema';
import { accessEndsAt, lifecycleStatus, memberAccess, membershipLifecycleSql } from '@/lib/membership/lifecycle';

const NOW = new Date('2026-06-15T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const at = (ms: number) => new Date(NOW.getTime() + ms);

function periodEnds(graceDays: number): (Date | null)[] {
  const graceEnd = -graceDays * DAY;
  return [
    null,
    at(-400 * DAY),
    at(graceEnd - 1000),
    at(graceEnd),
    at(graceEnd + 1000),
    at(-DAY),
    at(-1000),
    NOW,
    at(1000),
    at(DAY),
    at(365 * DAY),
  ];
}

type Case = {
  status: (typeof membershipStatusEnum.enumValues)[number];
  source: (typeof membershipSourceEnum.enumValues)[number];
  end: Date | null;
};

describe('the membership lifecycle: TypeScript and SQL agree', () => {
  for (const graceDays of [0, 1, 30, 90]) {
    it(`on every status, source and period end, with a grace period of ${graceDays} days`, async () => {
      const cases: Case[] = [];
      for (const status of membershipStatusEnum.enumValues)
        for (const source of membershipSourceEnum.enumValues) for (const end of periodEnds(graceDays)) cases.push({ status, source, end });
      const rule = membershipLifecycleSql(graceDays);
      const m = columnsOf('m');
      const now = sql`${NOW.toISOString()}::timestamptz`;
      const rows = sql.join(
        cases.map(
          (c, i) =>
            sql`(${i}::int, ${c.status}::membership_status, ${c.source}::membership_source, ${c.end?.toISOString() ?? null}::timestamptz)`,
        ),
        sql`, `,
      );
      const answers = await getDb().execute<{ i: number; ends: string; has: boolean; life: string }>(sql`
        select m.i,
               (case when e.ends = 'infinity' then 'Infinity' when e.ends = '-infinity' then '-Infinity'
                     else (extract(epoch from e.ends) * 1000)::bigint::text end) as ends,
               ${rule.hasAccess(m, now)} as has,
               ${rule.lifecycle(m, now)} as life
        from (values ${rows}) as m(i, status, source, current_period_end),
             lateral (select ${rule.accessEnds(m)} as ends) e
        order by m.i`);
      expect(answers).toHaveLength(cases.length);
      const fromSql = answers.map((a) => ({ ends: Number(a.ends), has: a.has, life: a.life }));
      const fromTs = cases.map((c) => {
        const stored = { status: c.status, currentPeriodEnd: c.end };
        return {
          ends: accessEndsAt(stored, graceDays),
          has: memberAccess(stored, NOW, graceDays).kind === 'active',
          life: lifecycleStatus(stored, NOW, graceDays),
        };
      });
      const differences = cases.flatMap((c, i) =>
        JSON.stringify(fromSql[i]) === JSON.stringify(fromTs[i]) ? [] : [{ ...c, sql: fromSql[i], ts: fromTs[i] }],
      );
      expect(differences).toEqual([]);
      // And the answers are the rule, not merely equal: a few by hand.
      const pick = (status: Case['status'], end: Date | null) =>
        fromTs[cases.findIndex((c) => c.status === status && c.source === 'offline' && c.end?.getTime() === end?.getTime())];
      expect(pick('pending', at(DAY))).toMatchObject({ has: false, life: 'pending' });
      expect(pick('active', null)).toMatchObject({ has: true, life: 'active', ends: Infinity });
      expect(pick('lapsed', null)).toMatchObject({ has: false, life: 'lapsed' });
      expect(pick('cancelled', at(-1000))).toMatchObject({ has: false, life: 'cancelled' });
      expect(pick('cancelled', at(1000))).toMatchObject({ has: true, life: 'cancelled' });
      expect(pick('past_due', at(-graceDays * DAY))).toMatchObject({ has: true, life: graceDays ? 'grace' : 'past_due' });
      expect(pick('active', at(-graceDays * DAY - 1000))).toMatchObject({ has: false, life: 'lapsed' });
    });
  }
});
