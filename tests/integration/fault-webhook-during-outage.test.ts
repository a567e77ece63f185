// A Stripe webhook that arrives while the database is down must not be acknowledged:
// Stripe retries any non-2xx answer for three days, so answering 2xx would lose the event.
// When the database is back, the redelivered event is applied, and only once. The
// database "goes away" by cutting a TCP relay in front of it, as in database-outage.test.ts.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { after } from '../support/request-context';
import { startRelay, type Relay } from '../support/tcp-relay';
import { firstRow } from '../support/rows';

vi.mock('next/cache', () => ({
  revalidatePath: () => {},
  revalidateTag: () => {},
  updateTag: () => {},
  unstable_cache: (fn: unknown) => fn,
}));
vi.mock('next/server', async (importOriginal) => ({ ...(await importOriginal<typeof import('next/server')>()), after }));

// Everything this file does reaches the database through the relay.
const relay: Relay = await startRelay(process.env.DATABASE_URL!);
process.env.DATABASE_URL = relay.url;

const { getSql } = await import('@/db/client');
const { seedDemoContent } = await import('../support/seed');
const { counts, heldCheckoutEvents, startBench } = await import('../support/payments');
const { HANDLED_EVENT_TYPES } = await import('@/lib/payments/events');

let bench: Awaited<ReturnType<typeof startBench>>;
beforeAll(async () => {
  await seedDemoContent();
  bench = await startBench();
});
afterAll(async () => {
  await bench.stop();
  await relay.restore().catch(() => {});
});

describe('a webhook during a database outage', () => {
  it('is answered non-2xx while the database is down, and applied once when Stripe sends it again', { timeout: 60_000 }, async () => {
    const { user, events } = await heldCheckoutEvents(bench, 'outage');
    expect(events.map((e) => e.type)).toContain('checkout.session.completed');

    await relay.cut();
    for (const event of events) {
      const status = await bench.double.webhooks.deliver(event);
      // Events the site does not act on need no database and are acknowledged as always.
      if (HANDLED_EVENT_TYPES.includes(event.type)) expect(status, `${event.type} during the outage`).toBeGreaterThanOrEqual(500);
      else expect(status, event.type).toBe(200);
    }
    await relay.restore();

    // Stripe's retries: each event once more, then the whole lot again.
    for (const event of events) expect(await bench.double.webhooks.deliver(event), event.type).toBe(200);
    const once = await counts(user.id);
    expect(once).toEqual({ memberships: 1, payments: 1, welcome: 1, receipts: 1 });
    for (const event of events) expect(await bench.double.webhooks.deliver(event)).toBe(200);
    expect(await counts(user.id)).toEqual(once);
    const membership = firstRow(await getSql()`select status from memberships where user_id = ${user.id}`);
    expect(membership.status).toBe('active');
  });
});
