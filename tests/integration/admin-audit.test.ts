import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getSql } from '@/db/client';
import { listAuditActions, listAuditEntries, type AuditFilters } from '@/db/queries/admin-audit';
import { ACTIONS } from '../authz/matrix';
import { firstRow } from '../support/rows';

let alice: string;
let bob: string;
const ENTITY = '5d8e7c1a-0000-4000-8000-00000000abcd';

beforeAll(async () => {
  const sql = getSql();
  [{ id: alice }] = await sql`insert into users (email, name, role) values ('alice@audit.test', 'Alice', 'admin') returning id`;
  [{ id: bob }] = await sql`insert into users (email, name, role) values ('bob@audit.test', 'Bob', 'staff') returning id`;
  // 30 entries over November 2026 (one a day), alternating actors and actions.
  const actions = ['payment.offline_recorded', 'payment.refunded', 'tier.price_changed', 'user.role_changed', 'payment.offline_recorded'];
  for (let i = 0; i < 30; i++) {
    const day = String(i + 1).padStart(2, '0');
    await sql`
      insert into audit_log (actor_user_id, action, entity_type, entity_id, data, created_at)
      values (${i % 2 ? bob : alice}, ${actions[i % 5]!}, ${i % 5 === 2 ? 'membership_tier' : 'payment'}, ${i === 7 || i === 21 ? ENTITY : `entity-${i}`},
              ${JSON.stringify({ n: i, note: 'x' })}::jsonb, ${`2026-11-${day}T10:00:00Z`})`;
  }
  await sql`insert into audit_log (actor_user_id, action, entity_type, entity_id) values (null, 'paymentx.other', 'system', 'sys-1')`;
});

const all = async (filters: AuditFilters, pageSize = 4) => {
  const seen: number[] = [];
  let cursor: number | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page = await listAuditEntries(filters, cursor, pageSize);
    seen.push(...page.rows.map((r) => r.id));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return seen;
};
const ids = async (where: string) =>
  (await getSql().unsafe<{ id: string }[]>(`select id from audit_log where ${where} order by id desc`)).map((r) => Number(r.id));

describe('audit log filters and pagination', () => {
  it('pages through everything newest first, each entry once', async () => {
    const seen = await all({}, 4);
    expect(seen).toEqual(await ids('true'));
    expect(seen).toHaveLength(31);
  });

  it('filters by who (email, any case), and says when no account has that address', async () => {
    expect(await all({ actorEmail: 'BOB@audit.test' }, 4)).toEqual(await ids(`actor_user_id = '${bob}'`));
    expect(await listAuditEntries({ actorEmail: 'nobody@audit.test' }, null)).toEqual({ rows: [], nextCursor: null, unknownActor: true });
  });

  it('filters by an exact action, or a prefix ending in a dot (not matching "paymentx.")', async () => {
    expect(await all({ action: 'tier.price_changed' }, 2)).toEqual(await ids(`action = 'tier.price_changed'`));
    const payments = await all({ action: 'payment.' }, 5);
    expect(payments).toEqual(await ids(`action in ('payment.offline_recorded', 'payment.refunded')`));
    expect(payments).toHaveLength(18);
    expect(await all({ action: 'nothing.' })).toEqual([]);
  });

  it('filters by record id and by UK dates (inclusive), combined with the others', async () => {
    expect(await all({ entityId: ENTITY })).toEqual(await ids(`entity_id = '${ENTITY}'`));
    const week = await all({ from: '2026-11-03', to: '2026-11-09' }, 3);
    expect(week).toEqual(await ids(`created_at >= '2026-11-03' and created_at < '2026-11-10'`));
    expect(week).toHaveLength(7);
    const combined = await all({ actorEmail: 'alice@audit.test', action: 'payment.', from: '2026-11-01', to: '2026-11-30' }, 2);
    expect(combined).toEqual(await ids(`actor_user_id = '${alice}' and action like 'payment.%' and created_at < '2026-12-01'`));
    expect(combined.length).toBeGreaterThan(0);
  });

  it('shows each entry with its actor and data', async () => {
    const [newestByAlice] = (await listAuditEntries({ actorEmail: 'alice@audit.test' }, null, 1)).rows;
    expect(newestByAlice).toMatchObject({ actorEmail: 'alice@audit.test', action: 'user.role_changed', data: { n: 28, note: 'x' } });
    expect(await listAuditActions()).toEqual([
      'payment.offline_recorded',
      'payment.refunded',
      'paymentx.other',
      'tier.price_changed',
      'user.role_changed',
    ]);
  });
});

describe('the audit log is append-only', () => {
  it('refuses UPDATE, DELETE and TRUNCATE, even for the table owner', async () => {
    const sql = getSql();
    const { owner, me } = firstRow(await sql`select tableowner as owner, current_user as me from pg_tables where tablename = 'audit_log'`);
    expect(owner).toBe(me);
    const before = await ids('true');
    await expect(sql`update audit_log set action = 'forged' where true`).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where true`).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`).rejects.toThrow(/append-only/);
    expect(await ids('true')).toEqual(before);
    expect((await sql`select count(*)::int as n from audit_log where action = 'forged'`)[0]!.n).toBe(0);
  });

  it('no route, action or query in the app writes anything but inserts to it, and /admin/audit has no actions', () => {
    const root = process.cwd();
    const walk = (dir: string): string[] =>
      fs
        .readdirSync(path.join(root, dir), { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
    const files = ['app', 'lib', 'db/queries'].flatMap(walk);
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.filter((file) => {
      const source = fs.readFileSync(path.join(root, file), 'utf8');
      return (
        /\.(update|delete)\(\s*auditLog\b/.test(source) || /\b(update|delete\s+from|truncate)\s+(table\s+)?"?audit_log\b/i.test(source)
      );
    });
    expect(offenders).toEqual([]);
    expect(Object.keys(ACTIONS).filter((key) => key.startsWith('[locale]/admin/audit/'))).toEqual([]);
    expect(fs.existsSync(path.join(root, 'app/[locale]/admin/audit/actions.ts'))).toBe(false);
  });
});
