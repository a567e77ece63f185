// The process applying a Stripe webhook is killed (SIGKILL) while the event's transaction is
// open. Stripe got no answer, so it delivers the event again; the dead transaction took the
// event's ledger entry with it, so the redelivery is applied, once, to a process started
// again. On a Postgres server the kill lands inside the transaction for certain (the
// payment's insert waits there); on the embedded database, which runs in this process, it
// lands wherever the event's work has got to.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { httpTarget } from '../../stripe-double/webhooks';
import { after } from '../support/request-context';
import { freePort, until } from '../support/wait';
import { waitForExit } from '../support/worker-process';
import { firstRow } from '../support/rows';

vi.mock('next/cache', () => ({
  revalidatePath: () => {},
  revalidateTag: () => {},
  updateTag: () => {},
  unstable_cache: (fn: unknown) => fn,
}));
vi.mock('next/server', async (importOriginal) => ({ ...(await importOriginal<typeof import('next/server')>()), after }));

const { getSql } = await import('@/db/client');
const { seedDemoContent } = await import('../support/seed');
const { counts, heldCheckoutEvents, startBench, WEBHOOK_SECRET } = await import('../support/payments');

const onPostgres = Boolean(inject('serverUrl'));

const port = await freePort();
let bench: Awaited<ReturnType<typeof startBench>>;
beforeAll(async () => {
  await seedDemoContent();
  bench = await startBench({ target: httpTarget(`http://127.0.0.1:${port}/api/stripe/webhook`) });
});
afterAll(() => bench.stop());

function startWebhookProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'tests/support/webhook-process.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      STRIPE_API_BASE: bench.double.url,
      STRIPE_SECRET_KEY: 'sk_test_bench',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      SMTP_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (d) => process.env.DEBUG_WORKER && process.stderr.write(d));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d) => String(d).includes('listening') && resolve(child));
    child.once('exit', (code) => reject(new Error(`the webhook process exited (${code}) before listening`)));
  });
}

describe('a webhook whose process is killed mid-transaction', () => {
  it('is applied exactly once when Stripe delivers it again to a restarted process', { timeout: 90_000 }, async () => {
    const { user, events } = await heldCheckoutEvents(bench, 'killed');
    const completed = events.find((e) => e.type === 'checkout.session.completed')!;
    expect(completed).toBeDefined();

    if (onPostgres) {
      await getSql().unsafe(`
        create function pause_payment() returns trigger language plpgsql as $$
        begin if new.user_id = '${user.id}' then perform pg_sleep(3); end if; return new; end $$;
        create trigger pause_payment before insert on payments for each row execute function pause_payment();`);
    }

    let server = await startWebhookProcess();
    const answered = bench.double.webhooks.deliver(completed);
    if (onPostgres)
      await until(
        async () => (await getSql()`select 1 from pg_stat_activity where wait_event = 'PgSleep'`).length > 0,
        30_000,
        'the payment insert',
      );
    else await new Promise((r) => setTimeout(r, 30));
    server.kill('SIGKILL');
    await waitForExit(server);
    // Stripe saw the connection drop: no 2xx, so it will deliver the event again.
    expect(await answered).not.toBe(200);
    if (onPostgres) {
      // The server rolls the dead session back once the sleep is over and it finds the socket closed.
      await until(
        async () => (await getSql()`select 1 from pg_stat_activity where wait_event = 'PgSleep'`).length === 0,
        10_000,
        'the rollback',
      );
      await new Promise((r) => setTimeout(r, 200));
      expect(await getSql()`select 1 from stripe_events where id = ${completed.id}`).toHaveLength(0);
      expect((await counts(user.id))!.payments).toBe(0);
      await getSql().unsafe(`drop trigger pause_payment on payments; drop function pause_payment();`);
    }

    server = await startWebhookProcess();
    try {
      // Stripe's retries: every event of the checkout, then all of them once more.
      for (const event of events) expect(await bench.double.webhooks.deliver(event), event.type).toBe(200);
      const once = await counts(user.id);
      expect(once).toEqual({ memberships: 1, payments: 1, welcome: 1, receipts: 1 });
      for (const event of events) expect(await bench.double.webhooks.deliver(event), event.type).toBe(200);
      expect(await counts(user.id)).toEqual(once);
      const membership = firstRow(await getSql()`select status from memberships where user_id = ${user.id}`);
      expect(membership.status).toBe('active');
    } finally {
      server.kill('SIGKILL');
      await waitForExit(server);
    }
  });
});
