import 'server-only';
import { sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { getDb } from '../client';
import { stripeObjectReads } from '../schema';

// The ordering guard of lib/payments/stripe-reads.ts: tickets, and claims on the Stripe
// objects written from.

/** A new ticket, taken before an attempt fetches anything from Stripe. */
export async function takeStripeReadTicket(): Promise<number> {
  const [row] = await getDb().execute<{ ticket: string }>(sql`select nextval('stripe_read_tickets')::text as ticket`);
  return Number(row!.ticket);
}

/**
 * Claims one Stripe object for the transaction's writes: true unless a later ticket has
 * already written from it (then what this attempt read is older, and must not be written).
 * The row stays locked until the transaction ends, so of two claims on one object the
 * second waits, then sees the first's ticket.
 */
export async function claimStripeRead(tx: Tx, objectId: string, ticket: number): Promise<boolean> {
  const rows = await tx
    .insert(stripeObjectReads)
    .values({ objectId, ticket })
    .onConflictDoUpdate({
      target: stripeObjectReads.objectId,
      set: { ticket, readAt: sql`now()` },
      setWhere: sql`${stripeObjectReads.ticket} <= ${ticket}`,
    })
    .returning({ ticket: stripeObjectReads.ticket });
  return rows.length === 1;
}
