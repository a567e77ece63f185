import { beforeAll, describe, expect, it } from 'vitest';
import { getSql } from '@/db/client';
import { loadOverview, type Overview } from '@/db/queries/admin-overview';
import { membershipLifecycleSql } from '@/lib/membership/lifecycle';
import { firstRow } from '../support/rows';

// A small known dataset, with "now" fixed at 20 November 2026 and 30 days of grace, so every
// figure on the overview has an exact expected value (worked out by hand in the comments).
const NOW = new Date('2026-11-20T12:00:00Z');
const GRACE = 30;

type M = {
  tier: 'A' | 'B';
  status: string;
  source: string;
  created: string;
  end: string | null;
  cancelling?: boolean;
  payments?: string[];
};
const MEMBERS: Record<string, M[]> = {
  u1: [{ tier: 'A', status: 'active', source: 'stripe', created: '2025-03-10', end: '2027-03-10', payments: ['2025-03-10', '2026-03-10'] }],
  u2: [{ tier: 'A', status: 'active', source: 'offline', created: '2026-11-05', end: '2027-11-05', payments: ['2026-11-05'] }], // new this month
  u3: [{ tier: 'B', status: 'past_due', source: 'stripe', created: '2024-12-01', end: '2026-11-01' }], // in grace until 1 Dec
  u4: [{ tier: 'A', status: 'lapsed', source: 'offline', created: '2025-01-15', end: '2026-10-10' }], // grace ended 9 Nov: lapsed this month
  u5: [{ tier: 'A', status: 'cancelled', source: 'stripe', created: '2025-06-01', end: '2026-11-10' }], // cancelled: ended 10 Nov
  u6: [{ tier: 'A', status: 'active', source: 'stripe', created: '2025-11-25', end: '2026-12-05', cancelling: true }], // ends soon, will not renew
  u7: [{ tier: 'B', status: 'active', source: 'stripe', created: '2025-12-10', end: '2026-12-10' }], // ends soon, renews by card
  u8: [{ tier: 'A', status: 'active', source: 'complimentary', created: '2026-11-02', end: '2027-11-02' }], // new this month, no income
  u9: [{ tier: 'A', status: 'pending', source: 'offline', created: '2026-11-15', end: null }], // awaiting a transfer: nothing
  u10: [
    { tier: 'A', status: 'lapsed', source: 'offline', created: '2024-01-01', end: '2025-01-01' },
    { tier: 'A', status: 'active', source: 'offline', created: '2026-02-01', end: '2027-02-01' }, // joined again
  ],
  u11: [{ tier: 'A', status: 'lapsed', source: 'stripe', created: '2023-06-01', end: '2024-06-01' }],
  u12: [
    {
      tier: 'B',
      status: 'active',
      source: 'offline',
      created: '2024-11-12',
      end: '2027-11-12',
      payments: ['2024-11-12', '2025-11-12', '2026-11-12'],
    },
  ], // renewed this month
};

let overview: Overview;

beforeAll(async () => {
  const sql = getSql();
  const a = firstRow(
    await sql`insert into membership_tiers (slug, name_en, name_es, annual_price_pence, sort_order) values ('tier-a', 'A', 'A', 3000, 1) returning id`,
  );
  const b = firstRow(
    await sql`insert into membership_tiers (slug, name_en, name_es, annual_price_pence, sort_order) values ('tier-b', 'B', 'B', 7500, 2) returning id`,
  );
  const tiers = { A: a.id as string, B: b.id as string };
  const at = (day: string) => `${day}T12:00:00Z`;
  for (const [name, memberships] of Object.entries(MEMBERS)) {
    const user = firstRow(await sql`insert into users (email, name) values (${`${name}@overview.test`}, ${name}) returning id`);
    for (const m of memberships) {
      const row = firstRow(
        await sql`
        insert into memberships (user_id, tier_id, status, source, created_at, current_period_end, cancel_at_period_end)
        values (${user.id}, ${tiers[m.tier]}, ${m.status}, ${m.source}, ${at(m.created)}, ${m.end ? at(m.end) : null}, ${m.cancelling ?? false}) returning id`,
      );
      for (const paid of m.payments ?? []) {
        await sql`insert into payments (kind, user_id, membership_id, amount_pence, status, method, paid_at) values ('membership', ${user.id}, ${row.id}, 3000, 'paid', 'cheque', ${at(paid)})`;
      }
    }
    if (name === 'u1') {
      // A failed renewal attempt this month is no renewal.
      const m = firstRow(await sql`select id from memberships where user_id = ${user.id}`);
      await sql`insert into payments (kind, user_id, membership_id, amount_pence, status, method) values ('membership', ${user.id}, ${m.id}, 3000, 'failed', 'card')`;
    }
  }
  // Monthly gifts: one active (£5), one cancelled; a one-off gift is not recurring.
  await sql`insert into donations (email, frequency, amount_pence, status) values ('d1@overview.test', 'monthly', 500, 'active'), ('d2@overview.test', 'monthly', 1000, 'cancelled'), ('d3@overview.test', 'one_off', 2000, 'completed')`;
  for (const [day, amount, status, refunded] of [
    ['2026-11-03', 2000, 'paid', 0], // this month
    ['2026-11-10', 500, 'paid', 0], // this month
    ['2026-06-01', 10000, 'partially_refunded', 2500], // this year, £75 net
    ['2026-08-01', 3000, 'refunded', 3000], // refunded in full: not counted
    ['2025-12-15', 4000, 'paid', 0], // last year
  ] as const) {
    await sql`insert into payments (kind, email, amount_pence, status, refunded_pence, method, paid_at) values ('donation', 'donor@overview.test', ${amount}, ${status}, ${refunded}, 'card', ${at(day)})`;
  }
  await sql`insert into payments (kind, email, amount_pence, status, method) values ('donation', 'donor@overview.test', 1000, 'failed', 'card')`;
  overview = await loadOverview(NOW, membershipLifecycleSql(GRACE));
});

describe('admin overview figures', () => {
  it('counts members with access now, by tier, as members experience it (latest membership, grace, cancelled)', () => {
    // A: u1, u2, u6 (until 5 Dec), u8, u10's new membership; B: u3 (in grace), u7, u12.
    expect(overview.byTier.map((t) => [t.slug, t.members])).toEqual([
      ['tier-a', 5],
      ['tier-b', 3],
    ]);
  });

  it('counts this month’s new members (not pending), renewals (a repeat payment) and lapses', () => {
    expect(overview.month).toEqual({ newMembers: 2, renewals: 1, lapses: 2 });
  });

  it('counts paid periods ending in the next 30 days, and which of them renew by card', () => {
    expect(overview.expiring).toEqual({ total: 2, renewAutomatically: 1 });
  });

  it('sums donations this month and this calendar year, net of refunds', () => {
    expect(overview.donations).toEqual({ monthPence: 2500, monthCount: 2, yearPence: 10_000, yearCount: 3 });
  });

  it('annual recurring income: paying, continuing memberships at tier prices plus monthly gifts × 12', () => {
    // u1, u2, u10 at £30; u3, u7, u12 at £75; not u6 (cancelling) or u8 (complimentary).
    expect(overview.recurring).toEqual({
      membershipsPence: 31_500,
      memberships: 6,
      monthlyDonationsPence: 6000,
      monthlyDonations: 1,
      totalPence: 37_500,
    });
  });

  it('members over the last 24 months, ending at today’s count', () => {
    const h = overview.history;
    expect(h).toHaveLength(24);
    expect(h[0]!.month).toBe('2024-12');
    expect(h[23]!.month).toBe('2026-11');
    const series = Object.fromEntries(h.map((p) => [p.month, p.active]));
    expect(series).toMatchObject({
      '2024-12': 3,
      '2025-01': 3,
      '2025-03': 4,
      '2025-06': 5,
      '2025-11': 6,
      '2025-12': 7,
      '2026-02': 8,
      '2026-10': 8,
      '2026-11': 8,
    });
    expect(h[23]).toEqual({ month: '2026-11', active: 8, started: 2, ended: 2 });
    expect(h[1]).toEqual({ month: '2025-01', active: 3, started: 1, ended: 1 });
    expect(h[23]!.active).toBe(overview.byTier.reduce((n, t) => n + t.members, 0));
  });

  it('counts a membership entered after the fact (an import of a past member) from its paid period, never below zero', async () => {
    const sql = getSql();
    const user = firstRow(await sql`insert into users (email, name) values ('late@overview.test', 'late') returning id`);
    const tier = firstRow(await sql`select id from membership_tiers where slug = 'tier-a'`);
    // Recorded today, for a year from February 2025 that lapsed long ago.
    await sql`insert into memberships (user_id, tier_id, status, source, created_at, current_period_start, current_period_end)
              values (${user.id}, ${tier.id}, 'lapsed', 'offline', ${NOW.toISOString()}, '2025-02-01T12:00:00Z', '2026-02-01T12:00:00Z')`;
    const later = await loadOverview(NOW, membershipLifecycleSql(GRACE));
    for (const point of later.history) expect(point.active, point.month).toBeGreaterThanOrEqual(0);
    const before = Object.fromEntries(overview.history.map((p) => [p.month, p.active]));
    const after = Object.fromEntries(later.history.map((p) => [p.month, p.active]));
    expect(after['2025-01']).toBe(before['2025-01']);
    expect(after['2025-06']).toBe(before['2025-06']! + 1);
    expect(after['2026-11']).toBe(before['2026-11']);
  });
});
