import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { getDb } from '../client';

// The audit log for staff: newest first, filtered, keyset-paginated on id. Read only; the
// table itself refuses UPDATE, DELETE and TRUNCATE (migration 0002).

export type AuditFilters = {
  /** The actor's email address, exactly (case-insensitive). */
  actorEmail?: string;
  /** An action, or a prefix ending in "." such as "payment.". */
  action?: string;
  entityId?: string;
  /** Inclusive UK calendar days, YYYY-MM-DD. */
  from?: string;
  to?: string;
};

export type AuditRow = {
  id: number;
  createdAt: Date;
  actorUserId: string | null;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  data: Record<string, unknown>;
};

export type AuditPage = { rows: AuditRow[]; nextCursor: number | null; unknownActor: boolean };

const TZ = 'Europe/London';

/**
 * The distinct actions, read by skipping through the (action, id) index (one probe per
 * action, not a scan): for the filter's suggestions and to turn a prefix into actions.
 */
export async function listAuditActions(): Promise<string[]> {
  return distinctValues('action');
}

/** Entity types likewise (few), so an entity-id filter can use the (entity_type, entity_id) index. */
async function listEntityTypes(): Promise<string[]> {
  return distinctValues('entity_type');
}

/** The distinct values of an indexed column, one index probe per value (a loose index scan). */
async function distinctValues(column: 'action' | 'entity_type'): Promise<string[]> {
  const c = sql.identifier(column);
  const rows = await getDb().execute<{ value: string }>(sql`
    with recursive found(value) as (
      (select ${c} from audit_log order by ${c} limit 1)
      union all
      select (select a.${c} from audit_log a where a.${c} > found.value order by a.${c} limit 1)
      from found where found.value is not null
    )
    select value from found where value is not null`);
  return rows.map((r) => r.value);
}

/**
 * One page of entries older than `cursor` (an id). Each filter maps onto an index: actor
 * onto (actor_user_id, id); action onto (action, id), a prefix becoming one index walk per
 * matching action merged by id; entity id onto (entity_type, entity_id); dates onto created_at.
 */
export async function listAuditEntries(filters: AuditFilters, cursor: number | null, pageSize = 50): Promise<AuditPage> {
  const db = getDb();
  const where: SQL[] = [];
  if (cursor) where.push(sql`a.id < ${cursor}`);
  if (filters.actorEmail) {
    const [actor] = await db.execute<{ id: string }>(sql`select id from users where email = ${filters.actorEmail.toLowerCase()}`);
    if (!actor) return { rows: [], nextCursor: null, unknownActor: true };
    where.push(sql`a.actor_user_id = ${actor.id}`);
  }
  if (filters.entityId) {
    const types = await listEntityTypes();
    if (!types.length) return { rows: [], nextCursor: null, unknownActor: false };
    where.push(
      sql`a.entity_type in (${sql.join(
        types.map((t) => sql`${t}`),
        sql`, `,
      )}) and a.entity_id = ${filters.entityId}`,
    );
  }
  if (filters.from) where.push(sql`a.created_at >= (${filters.from}::date::timestamp at time zone ${TZ})`);
  if (filters.to) where.push(sql`a.created_at < ((${filters.to}::date + 1)::timestamp at time zone ${TZ})`);

  let actions: string[] | null = null;
  if (filters.action) {
    actions = filters.action.endsWith('.') ? (await listAuditActions()).filter((a) => a.startsWith(filters.action!)) : [filters.action];
    if (!actions.length) return { rows: [], nextCursor: null, unknownActor: false };
  }
  const limit = pageSize + 1;
  const conditions = (extra?: SQL) => {
    const all = extra ? [...where, extra] : where;
    return all.length ? sql`where ${sql.join(all, sql` and `)}` : sql``;
  };
  const select = sql`select a.id, a.created_at, a.actor_user_id, a.action, a.entity_type, a.entity_id, a.data from audit_log a`;
  // A short date range in the past: walking the id index back from the newest entry would
  // pass every later entry first, so the range is read through the created_at index (the
  // OFFSET 0 keeps the planner from merging it back) and only its rows are sorted.
  const narrowDates = Boolean(filters.from && filters.to) && Date.parse(filters.to!) - Date.parse(filters.from!) <= 92 * 86_400_000;
  const branch = (extra?: SQL) =>
    narrowDates
      ? sql`(select * from (${select} ${conditions(extra)} offset 0) a order by a.id desc limit ${limit})`
      : sql`(${select} ${conditions(extra)} order by a.id desc limit ${limit})`;
  const query = actions
    ? sql`select * from (${sql.join(
        actions.map((action) => branch(sql`a.action = ${action}`)),
        sql` union all `,
      )}) merged order by id desc limit ${limit}`
    : branch();
  const rows = await db.execute<{
    id: string | number;
    created_at: string | Date;
    actor_user_id: string | null;
    action: string;
    entity_type: string;
    entity_id: string | null;
    data: Record<string, unknown>;
  }>(sql`select e.*, u.email as actor_email from (${query}) e left join users u on u.id = e.actor_user_id order by e.id desc`);
  const page = rows.slice(0, pageSize).map((r) => ({
    id: Number(r.id),
    createdAt: new Date(r.created_at),
    actorUserId: r.actor_user_id,
    actorEmail: (r as { actor_email?: string | null }).actor_email ?? null,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    data: r.data ?? {},
  }));
  return { rows: page, nextCursor: rows.length > pageSize ? (page.at(-1)?.id ?? null) : null, unknownActor: false };
}
