import 'server-only';
import type Stripe from 'stripe';
import { processStripeEvent } from './events';
import { getStripe } from './stripe';
import { withStripeReads } from './stripe-reads';
import { syncSubscription } from './sync';

export type ReconcileReport = { events: number; applied: number; duplicates: number; subscriptions: number };

/**
 * After an outage: replays Stripe's recent events (those already applied are skipped by
 * their id) and re-syncs every subscription, so the database matches Stripe again.
 */
export async function reconcileFromStripe(): Promise<ReconcileReport> {
  const stripe = getStripe();
  const report: ReconcileReport = { events: 0, applied: 0, duplicates: 0, subscriptions: 0 };
  const events: Stripe.Event[] = [];
  for await (const event of stripe.events.list({ limit: 100 })) events.push(event);
  // Oldest first, as they happened; order does not matter for correctness, only for mails.
  for (const event of events.reverse()) {
    report.events++;
    const outcome = await processStripeEvent(event);
    if (outcome === 'applied') report.applied++;
    if (outcome === 'duplicate') report.duplicates++;
  }
  for await (const sub of stripe.subscriptions.list({ status: 'all', limit: 100 })) {
    const synced = await withStripeReads((tx, reads) => syncSubscription(tx, reads, sub.id));
    if (synced) report.subscriptions++;
  }
  return report;
}
