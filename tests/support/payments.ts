// The payments test bench: the project's Stripe double in this process, delivering its
// signed webhooks straight to the app's route handler, and the app's SDK pointed at it.
import { eq } from 'drizzle-orm';
import { getDb, getSql } from '@/db/client';
import { membershipTiers } from '@/db/schema';
import { DoubleControl } from '../../stripe-double/control';
import { startStripeDouble, type StripeDouble } from '../../stripe-double/server';
import type { WebhookTarget } from '../../stripe-double/webhooks';
import { firstRow } from './rows';

export const WEBHOOK_SECRET = 'whsec_test_bench_secret';

export type Bench = {
  double: StripeDouble;
  /** The double's control API over HTTP: its public surface, for new tests. */
  control: DoubleControl;
  /** Waits until every webhook delivery started so far has been answered. */
  settle: () => Promise<void>;
  stop: () => Promise<void>;
};

export async function routeTarget(): Promise<WebhookTarget> {
  const { POST } = await import('@/app/api/stripe/webhook/route');
  return async (payload, headers) =>
    (await POST(new Request('http://localhost:3000/api/stripe/webhook', { method: 'POST', body: payload, headers }))).status;
}

export async function startBench(opts: { target?: WebhookTarget } = {}): Promise<Bench> {
  process.env.STRIPE_SECRET_KEY = 'sk_test_bench';
  process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET;
  const double = await startStripeDouble({
    webhookSecret: WEBHOOK_SECRET,
    webhook: opts.target ?? (await routeTarget()),
    retryDelaysMs: [],
  });
  process.env.STRIPE_API_BASE = double.url;
  return {
    double,
    control: new DoubleControl(double.url),
    settle: () => double.webhooks.idle(),
    stop: () => double.stop(),
  };
}

/** A member-to-be with no membership yet. */
export async function newUser(
  label = 'payer',
): Promise<{ id: string; email: string; name: string | null; stripeCustomerId: string | null }> {
  const email = `${label}-${Math.random().toString(36).slice(2, 10)}@example.org`;
  const user = firstRow(
    await getSql()<{ id: string }[]>`insert into users (email, name) values (${email}, ${'Test ' + label}) returning id`,
  );
  return { id: user.id, email, name: `Test ${label}`, stripeCustomerId: null };
}

export async function tier(slug: string) {
  return firstRow(await getDb().select().from(membershipTiers).where(eq(membershipTiers.slug, slug)));
}

/**
 * A new member's card checkout, completed in the double with its webhooks held back: the
 * events Stripe would send, in order, for the test to deliver as it likes.
 */
export async function heldCheckoutEvents(bench: Bench, label: string) {
  const { createMembershipCheckout } = await import('@/lib/payments/checkout');
  const user = await newUser(label);
  const session = await createMembershipCheckout({ user, tier: await tier('individual'), locale: 'en' });
  bench.double.webhooks.paused = true;
  bench.double.state.completeCheckout(session.id);
  const events = bench.double.webhooks.queued.splice(0);
  bench.double.webhooks.paused = false;
  return { user, events };
}

export async function counts(userId: string) {
  const sql = getSql();
  const [row] = await sql<{ memberships: number; payments: number; welcome: number; receipts: number }[]>`
    select (select count(*)::int from memberships where user_id = ${userId}) as memberships,
           (select count(*)::int from payments where user_id = ${userId}) as payments,
           (select count(*)::int from mail_outbox o join users u on u.email = o.to_address where u.id = ${userId} and o.dedupe_key like 'welcome:%') as welcome,
           (select count(*)::int from mail_outbox o join users u on u.email = o.to_address where u.id = ${userId} and o.dedupe_key like 'receipt:%') as receipts`;
  return row;
}

export async function membershipOf(userId: string) {
  const rows = await getSql()<
    {
      id: string;
      status: string;
      tier_slug: string;
      current_period_end: Date;
      cancel_at_period_end: boolean;
      stripe_subscription_id: string;
    }[]
  >`
    select m.id, m.status, t.slug as tier_slug, m.current_period_end, m.cancel_at_period_end, m.stripe_subscription_id
    from memberships m join membership_tiers t on t.id = m.tier_id where m.user_id = ${userId} order by m.created_at desc`;
  return rows.map((r) => ({ ...r, current_period_end: new Date(r.current_period_end) }));
}
