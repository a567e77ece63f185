// The staff member list: search, filters and keyset pages (db/queries/admin-members.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { getSql } from '@/db/client';
import { memberCursor, type MemberFilter } from '@/lib/membership/staff/member-filter';
import { searchMembers } from '@/lib/membership/member-search';
import { seedDemoContent } from '../support/seed';
import { firstRow } from '../support/rows';

type Spec = {
  name: string | null;
  email: string;
  postcode?: string | null;
  status?: string;
  source?: string;
  tier?: string;
  endDays?: number | null;
  createdDaysAgo?: number;
  membership?: boolean;
};

async function member(spec: Spec): Promise<string> {
  const sql = getSql();
  const user = firstRow(
    await sql<{ id: string }[]>`
    insert into users (name, email, postcode, created_at)
    values (${spec.name}, ${spec.email}, ${spec.postcode ?? null}, now() - make_interval(days => ${spec.createdDaysAgo ?? 10}))
    returning id`,
  );
  if (spec.membership !== false) {
    const end = spec.endDays === null ? null : sql`now() + make_interval(days => ${spec.endDays ?? 200})`;
    await sql`
      insert into memberships (user_id, tier_id, status, source, current_period_start, current_period_end)
      values (${user.id}, (select id from membership_tiers where slug = ${spec.tier ?? 'individual'}), ${spec.status ?? 'active'},
              ${spec.source ?? 'offline'}, now() - interval '1 year', ${end ?? null})`;
  }
  return user.id;
}

const ids = async (filter: Partial<MemberFilter>, limit = 200) => (await searchMembers(filter, { limit })).rows.map((r) => r.id).sort();

beforeAll(async () => {
  await seedDemoContent();
});

describe('search', () => {
  let ana: string, bob: string, carla: string, pct: string, under: string, plain: string;
  beforeAll(async () => {
    ana = await member({ name: 'Ana Quispe Huamán', email: 'ana.q@search.example', postcode: 'SW1A 1AA' });
    bob = await member({ name: 'Bob Smith', email: 'bob.quispe@search.example', postcode: 'N1 9GU' });
    carla = await member({ name: 'Carla Torres', email: 'carla@search.example', postcode: 'sw1a2bb' });
    pct = await member({ name: '100% Solidarity Group', email: 'pct@search.example', postcode: 'E8 1AA' });
    under = await member({ name: 'Under_score Trust', email: 'us@search.example', postcode: 'E8 2BB' });
    plain = await member({ name: 'Plain Person', email: 'plain@search.example', postcode: 'E8 3CC' });
    await member({ name: 'Quispe Not A Member', email: 'nomember@search.example', membership: false });
  });

  it('finds people by any part of their name, email or postcode, whatever the case and spaces', async () => {
    expect(await ids({ q: 'QUISPE' })).toEqual([ana, bob].sort());
    expect(await ids({ q: 'huamán' })).toEqual([ana]);
    expect(await ids({ q: 'carla@search' })).toEqual([carla]);
    expect(await ids({ q: 'sw1a' })).toEqual([ana, carla].sort());
    expect(await ids({ q: 'SW1A 2' })).toEqual([carla]);
    expect(await ids({ q: 'sw1a1a' })).toEqual([ana]);
  });

  it('treats % and _ as themselves, not wildcards', async () => {
    expect(await ids({ q: '%' })).toEqual([pct]);
    expect(await ids({ q: '_' })).toEqual([under]);
    expect(await ids({ q: '0%' })).toEqual([pct]);
    expect(await ids({ q: 'under_' })).toEqual([under]);
    expect(await ids({ q: 'plain\\' })).toEqual([]);
    expect(await ids({ q: 'Plain' })).toEqual([plain]);
  });

  it('lists only people with a membership, and never deleted accounts', async () => {
    expect(await ids({ q: 'nomember' })).toEqual([]);
    const gone = await member({ name: 'Deleted Person', email: 'deleted@search.example' });
    expect(await ids({ q: 'deleted@search' })).toEqual([gone]);
    await getSql()`update users set deleted_at = now() where id = ${gone}`;
    expect(await ids({ q: 'deleted@search' })).toEqual([]);
  });

  it('shows the latest membership of someone who has had several', async () => {
    const id = await member({ name: 'Returning Member', email: 'returning@search.example', status: 'lapsed', endDays: -400 });
    await getSql()`update memberships set created_at = now() - interval '2 years' where user_id = ${id}`;
    await getSql()`insert into memberships (user_id, tier_id, status, source, current_period_end)
      values (${id}, (select id from membership_tiers where slug = 'concession'), 'active', 'complimentary', now() + interval '30 days')`;
    const [row] = (await searchMembers({ q: 'returning@search' })).rows;
    expect(row).toMatchObject({ id, lifecycle: 'active', source: 'complimentary', tierSlug: 'concession' });
    for (const sort of ['name', 'joined', 'expiry'] as const)
      expect((await searchMembers({ q: 'returning@search', sort })).rows).toHaveLength(1);
  });
});

describe('filters', () => {
  const made: Record<string, string> = {};
  const q = '@filters.example';
  beforeAll(async () => {
    made.active = await member({
      name: 'F Active',
      email: `active${q}`,
      status: 'active',
      endDays: 200,
      tier: 'individual',
      source: 'stripe',
    });
    made.soon = await member({ name: 'F Soon', email: `soon${q}`, status: 'active', endDays: 10, tier: 'concession', source: 'offline' });
    made.pending = await member({
      name: 'F Pending',
      email: `pending${q}`,
      status: 'pending',
      endDays: null,
      tier: 'individual',
      source: 'offline',
    });
    made.pastDue = await member({
      name: 'F Past Due',
      email: `pastdue${q}`,
      status: 'past_due',
      endDays: 5,
      tier: 'organisation',
      source: 'stripe',
    });
    // Ended 10 days ago, still within the 30-day grace period, though never marked lapsed.
    made.grace = await member({
      name: 'F Grace',
      email: `grace${q}`,
      status: 'active',
      endDays: -10,
      tier: 'individual',
      source: 'offline',
    });
    made.graceLapsed = await member({
      name: 'F Grace Lapsed',
      email: `gracelapsed${q}`,
      status: 'lapsed',
      endDays: -5,
      tier: 'individual',
      source: 'stripe',
    });
    made.lapsed = await member({
      name: 'F Lapsed',
      email: `lapsed${q}`,
      status: 'lapsed',
      endDays: -100,
      tier: 'concession',
      source: 'stripe',
    });
    // An offline membership nobody renewed: stored as active, lapsed in fact.
    made.staleActive = await member({
      name: 'F Stale',
      email: `stale${q}`,
      status: 'active',
      endDays: -100,
      tier: 'individual',
      source: 'offline',
    });
    made.cancelled = await member({
      name: 'F Cancelled',
      email: `cancelled${q}`,
      status: 'cancelled',
      endDays: -1,
      tier: 'individual',
      source: 'complimentary',
    });
    made.comp = await member({
      name: 'F Comp',
      email: `comp${q}`,
      status: 'active',
      endDays: 20,
      tier: 'organisation',
      source: 'complimentary',
    });
  });
  const of = (...keys: string[]) => keys.map((k) => made[k]).sort();

  it('filters by the lifecycle status staff expect', async () => {
    expect(await ids({ q, status: 'active' })).toEqual(of('active', 'soon', 'comp'));
    expect(await ids({ q, status: 'pending' })).toEqual(of('pending'));
    expect(await ids({ q, status: 'past_due' })).toEqual(of('pastDue'));
    expect(await ids({ q, status: 'grace' })).toEqual(of('grace', 'graceLapsed'));
    expect(await ids({ q, status: 'lapsed' })).toEqual(of('lapsed', 'staleActive'));
    expect(await ids({ q, status: 'cancelled' })).toEqual(of('cancelled'));
    const rows = (await searchMembers({ q })).rows;
    expect(Object.fromEntries(rows.map((r) => [r.id, r.lifecycle]))).toMatchObject({
      [made.staleActive!]: 'lapsed',
      [made.grace!]: 'grace',
      [made.soon!]: 'active',
    });
  });

  it('filters by tier, source and expiry window, and combines them', async () => {
    expect(await ids({ q, tier: 'organisation' })).toEqual(of('pastDue', 'comp'));
    expect(await ids({ q, source: 'complimentary' })).toEqual(of('cancelled', 'comp'));
    expect(await ids({ q, source: 'stripe' })).toEqual(of('active', 'pastDue', 'graceLapsed', 'lapsed'));
    expect(await ids({ q, expiresWithin: 15 })).toEqual(of('soon', 'pastDue'));
    expect(await ids({ q, expiresWithin: 30, source: 'offline' })).toEqual(of('soon'));
    expect(await ids({ q, expiresWithin: 30, status: 'active', tier: 'organisation' })).toEqual(of('comp'));
    expect(await ids({ q, tier: 'no-such-tier' })).toEqual([]);
  });

  it('ignores malformed filter values instead of failing', async () => {
    const all = await ids({ q });
    expect(all).toHaveLength(10);
    expect(await ids({ q, status: 'bogus' as never, sort: 'drop table' as never, expiresWithin: 'x' as never })).toEqual(all);
  });
});

describe('keyset pagination', () => {
  const q = '@walk.example';
  const walked: string[] = [];
  beforeAll(async () => {
    const names = ['Ana', 'ana', 'Bob', 'Bob', 'Bob', null, 'Carla', null, 'Dora', 'Eve'];
    for (let i = 0; i < 40; i++) {
      walked.push(
        await member({
          name: names[i % names.length] ?? null,
          email: `w${i}${q}`,
          // Ties on join date and on expiry, and some with no expiry at all.
          createdDaysAgo: i % 4,
          status: i % 7 === 0 ? 'pending' : 'active',
          endDays: i % 7 === 0 ? null : 30 * (i % 3),
        }),
      );
    }
  });

  for (const sort of ['name', 'joined', 'expiry'] as const) {
    for (const dir of ['asc', 'desc'] as const) {
      it(`walks every row exactly once, in order, sorted by ${sort} ${dir}`, async () => {
        const whole = (await searchMembers({ q, sort, dir }, { limit: 200 })).rows.map((r) => r.id);
        expect([...whole].sort()).toEqual([...walked].sort());
        const seen: string[] = [];
        let after: string | null = null;
        let pages = 0;
        do {
          const page = await searchMembers({ q, sort, dir }, { after, limit: 7 });
          seen.push(...page.rows.map((r) => r.id));
          after = page.next;
          pages++;
        } while (after && pages < 50);
        expect(seen).toEqual(whole);
        expect(pages).toBe(Math.ceil(40 / 7));
      });
    }
  }

  it('a cursor is opaque and signed, and a tampered one starts again at the first page', async () => {
    const first = await searchMembers({ q }, { limit: 5 });
    expect(first.next).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(memberCursor.decode(first.next)).toMatchObject({ p: 'v' });
    expect(memberCursor.decode('not-a-cursor')).toBeNull();
    expect(memberCursor.decode(memberCursor.encode({ o: 'name-asc', p: 'v', v: 'x', id: 'not-a-uuid' }))).toBeNull();
    expect((await searchMembers({ q }, { after: 'garbage', limit: 5 })).rows).toEqual(first.rows);
    // Its position edited by hand (the second page's cursor pointing elsewhere): no longer ours.
    const [body, signature] = first.next!.split('.');
    const edited = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), v: 'zzz' })).toString(
      'base64url',
    );
    expect((await searchMembers({ q }, { after: `${edited}.${signature}`, limit: 5 })).rows).toEqual(first.rows);
    expect((await searchMembers({ q }, { after: first.next, limit: 5 })).rows).not.toEqual(first.rows);
    // A name cursor pasted into the expiry order (its value is no date) starts that order afresh.
    const byExpiry = await searchMembers({ q, sort: 'expiry' }, { limit: 5 });
    expect((await searchMembers({ q, sort: 'expiry' }, { after: first.next, limit: 5 })).rows).toEqual(byExpiry.rows);
    const forged = memberCursor.encode({ o: 'expiry-asc', p: 'v', v: 'drop table users', id: byExpiry.rows[0]!.id });
    expect((await searchMembers({ q, sort: 'expiry' }, { after: forged, limit: 5 })).rows).toEqual(byExpiry.rows);
  });
});
