// The job worker stopped in the middle of a member import, as `npm run worker` would be by
// a deploy (SIGTERM) or a crash (SIGKILL). SIGTERM: the batch in hand is finished, the rest
// is left running, and the process exits well within its timeout. SIGKILL: the batch in
// hand is rolled back with its transaction. Either way, once a worker starts again, every
// member is imported exactly once, with one membership and one note each.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { getSql } from '@/db/client';
import { createImportPreview, markImportRunning } from '@/lib/membership/member-import';
import { parseMemberCsv } from '@/lib/csv/member-import';
import { IMPORT_BATCH_SIZE } from '@/lib/jobs/member-import';
import { createPersona, type PersonaUser } from '../support/personas';
import { seedDemoContent } from '../support/seed';
import { until } from '../support/wait';
import { startWorkerProcess, waitForExit } from '../support/worker-process';
import { firstRow } from '../support/rows';

const onPostgres = Boolean(inject('serverUrl'));
const ROWS = IMPORT_BATCH_SIZE * 5;
const TODAY = new Date().toISOString().slice(0, 10);

let staff: PersonaUser;
beforeAll(async () => {
  await seedDemoContent();
  staff = await createPersona(getSql(), 'staff');
});

/** A confirmed import of ROWS new members, as staff leave it when they press Import. */
async function runningImport(domain: string): Promise<string> {
  const lines = ['email,first name,last name,tier,source,start date,end date,notes'];
  for (let i = 1; i <= ROWS; i++)
    lines.push(`m${i}@${domain},Member,Number ${i},individual,offline,2026-01-01,2099-01-01,Joined at event ${i}`);
  const parsed = parseMemberCsv(new TextEncoder().encode(lines.join('\n') + '\n'), {
    tiers: [{ slug: 'individual', nameEn: 'Individual', nameEs: 'Individual' }],
    today: TODAY,
  });
  if (!parsed.ok || parsed.errors.length) throw new Error(`fixture file refused: ${JSON.stringify(parsed)}`);
  const preview = await createImportPreview({
    staffId: staff.userId,
    fileName: 'members.csv',
    rows: parsed.rows,
    errors: [],
    totalRows: parsed.totalRows,
    today: TODAY,
  });
  expect(await markImportRunning(preview.id, staff.userId)).toBe(true);
  return preview.id;
}

/**
 * On a Postgres server, the second batch's first member waits 3 s inside the batch's
 * transaction, and the test waits until it is there: the stop lands mid-transaction for
 * certain. The embedded database runs in this process, where a sleeping query would stall
 * the test itself, so there the stop lands while batches are running, wherever it falls.
 */
async function pauseInSecondBatch(domain: string, tag: string) {
  if (!onPostgres) return;
  await getSql().unsafe(`
    create function pause_${tag}() returns trigger language plpgsql as $$
    begin if new.email = 'm${IMPORT_BATCH_SIZE + 1}@${domain}' then perform pg_sleep(3); end if; return new; end $$;
    create trigger pause_${tag} before insert on users for each row execute function pause_${tag}();`);
}

async function insideSecondBatch(id: string) {
  if (onPostgres) {
    await until(
      async () => (await getSql()`select 1 from pg_stat_activity where wait_event = 'PgSleep'`).length > 0 || false,
      60_000,
      'the second batch',
    );
  } else {
    await until(async () => ((await progress(id)).processed_rows >= IMPORT_BATCH_SIZE ? true : false), 60_000, 'the first batch');
  }
}

const progress = async (id: string) =>
  firstRow(
    await getSql()<
      { status: string; processed_rows: number; created_count: number }[]
    >`select status, processed_rows, created_count from member_imports where id = ${id}`,
  );
const counts = async (domain: string) =>
  firstRow(
    await getSql()<{ users: number; distinct_users: number; memberships: number; notes: number }[]>`
      select (select count(*)::int from users where email like ${'%@' + domain}) as users,
             (select count(distinct email)::int from users where email like ${'%@' + domain}) as distinct_users,
             (select count(*)::int from memberships m join users u on u.id = m.user_id where u.email like ${'%@' + domain}) as memberships,
             (select count(*)::int from member_notes n join users u on u.id = n.user_id where u.email like ${'%@' + domain}) as notes`,
  );

const workerEnv = {
  DATABASE_URL: process.env.DATABASE_URL,
  DATABASE_POOL_MAX: '4',
  AUTH_SECRET: process.env.AUTH_SECRET,
  SHUTDOWN_TIMEOUT_SECONDS: '20',
};

async function finishWithFreshWorker(id: string, domain: string) {
  const worker = startWorkerProcess(workerEnv);
  try {
    await until(async () => ((await progress(id)).status === 'done' ? true : false), 90_000, 'the import to finish after the restart');
  } finally {
    worker.kill('SIGTERM');
    await waitForExit(worker);
  }
  expect(await progress(id)).toMatchObject({ status: 'done', processed_rows: ROWS, created_count: ROWS });
  expect(await counts(domain)).toEqual({ users: ROWS, distinct_users: ROWS, memberships: ROWS, notes: ROWS });
}

/** A confirmed import of new members under `label`, and a worker that has reached its second batch. */
async function workerInSecondBatch(label: string) {
  const tag = randomBytes(4).toString('hex');
  const domain = `${tag}.${label}.example.org`;
  await pauseInSecondBatch(domain, tag);
  const id = await runningImport(domain);
  const worker = startWorkerProcess(workerEnv);
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    worker.once('exit', (code) => resolve({ code, at: Date.now() })),
  );
  await insideSecondBatch(id);
  return { id, domain, worker, exited };
}

describe('a worker stopped during a member import', () => {
  it(
    'SIGTERM: finishes the batch in hand, leaves the rest, exits 0 in time; a new worker imports the rest once',
    { timeout: 180_000 },
    async () => {
      const { id, domain, worker, exited } = await workerInSecondBatch('term');
      const signalledAt = Date.now();
      worker.kill('SIGTERM');
      const { code, at } = await exited;
      expect(code, 'exit code after SIGTERM').toBe(0);
      expect(at - signalledAt, 'ms from SIGTERM to exit').toBeLessThan(20_000);

      // Whole batches only, and on Postgres exactly the one in hand: it was not cut short.
      const stopped = await progress(id);
      expect(stopped.status).toBe('running');
      expect(stopped.processed_rows % IMPORT_BATCH_SIZE).toBe(0);
      if (onPostgres) expect(stopped.processed_rows).toBe(2 * IMPORT_BATCH_SIZE);
      expect(stopped.processed_rows).toBeLessThan(ROWS);
      expect((await counts(domain)).users).toBe(stopped.processed_rows);

      await finishWithFreshWorker(id, domain);
    },
  );

  it('SIGKILL: the batch in hand is rolled back; a new worker imports everything exactly once', { timeout: 180_000 }, async () => {
    const { id, domain, worker } = await workerInSecondBatch('kill');
    worker.kill('SIGKILL');
    await waitForExit(worker);

    const killed = await progress(id);
    expect(killed.status).toBe('running');
    expect(killed.processed_rows % IMPORT_BATCH_SIZE).toBe(0);
    if (onPostgres) expect(killed.processed_rows).toBe(IMPORT_BATCH_SIZE);
    // Nothing of a batch whose transaction died: members match the counter.
    const after = await until(
      async () => {
        const c = await counts(domain);
        // On Postgres the dead backend's transaction is rolled back once the server notices the socket closed.
        return c.users === killed.processed_rows ? c : false;
      },
      10_000,
      'the killed batch to be rolled back',
    );
    expect(after.memberships).toBe(killed.processed_rows);

    await finishWithFreshWorker(id, domain);
  });
});
