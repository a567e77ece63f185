import 'server-only';
import type Stripe from 'stripe';
import type { Tx } from '@/db/client';
import { getDb } from '@/db/client';
import { claimStripeRead, takeStripeReadTicket } from '@/db/queries/stripe-reads';
import { getStripe } from './stripe';

// No transaction waits on Stripe. Every piece of work that writes what Stripe says (an
// event, a success page, a refund) runs through withStripeReads:
//
//   1. take a ticket (a Postgres sequence), before anything is fetched;
//   2. run the work in a transaction, with the Stripe objects it reads served from a
//      snapshot. The first time it asks for one the snapshot lacks, the transaction is
//      rolled back, the object is fetched with no transaction open, and the work runs
//      again from the start with it (a handler reads two or three objects, so that is two
//      or three short transactions, and none of them holds a connection or a lock while
//      Stripe answers);
//   3. at the end of the transaction, every object it was served is claimed with the
//      ticket (db/queries/stripe-reads.ts). A claim fails when a later ticket has already
//      written from that object: another process read it after we did, so ours may be
//      older. Then the whole attempt starts again, with a new ticket and fetches made
//      now. The claims lock their rows, so they are taken last and in one order (sorted):
//      taken as each object was read, two events reading the same objects in another
//      order (a checkout session then its invoice, an invoice then its subscription)
//      deadlocked against the advisory locks the handlers hold. Of two attempts the one with the later ticket writes last, and its fetches all
//      started after the earlier one's ticket, so a stale read never overwrites a fresh
//      one (Stripe objects carry no version to compare; this is the order instead).
//
// The work must be safe to run more than once: it only writes in its transaction, and
// anything it does outside (mail, jobs) is queued there.

/** The Stripe objects the app reads while it writes, as the API returns them. */
export type StripeReads = {
  subscription(id: string): Promise<Stripe.Subscription>;
  /** With `payments` expanded: the payment intent is only known through it (invoice.ts). */
  invoice(id: string): Promise<Stripe.Invoice>;
  /** With `latest_charge` expanded: how it was paid (methods.ts). */
  paymentIntent(id: string): Promise<Stripe.PaymentIntent>;
  charge(id: string): Promise<Stripe.Charge>;
  refund(id: string): Promise<Stripe.Refund>;
  checkoutSession(id: string): Promise<Stripe.Checkout.Session>;
  dispute(id: string): Promise<Stripe.Dispute>;
  /** The disputes Stripe has on a payment intent (up to 10; a payment has one at most in practice). */
  disputesOf(paymentIntentId: string): Promise<Stripe.Dispute[]>;
};

type Fetchers = { [K in keyof StripeReads]: (id: string) => ReturnType<StripeReads[K]> };

const fetchers = (): Fetchers => {
  const stripe = getStripe();
  return {
    subscription: (id) => stripe.subscriptions.retrieve(id),
    // Stripe includes invoice.payments only when asked to (API reference, Invoice object).
    invoice: (id) => stripe.invoices.retrieve(id, { expand: ['payments'] }),
    paymentIntent: (id) => stripe.paymentIntents.retrieve(id, { expand: ['latest_charge'] }),
    charge: (id) => stripe.charges.retrieve(id),
    refund: (id) => stripe.refunds.retrieve(id),
    checkoutSession: (id) => stripe.checkout.sessions.retrieve(id),
    dispute: (id) => stripe.disputes.retrieve(id),
    disputesOf: async (id) => (await stripe.disputes.list({ payment_intent: id, limit: 10 })).data,
  };
};

/** The key an object is kept and claimed under: its own id, or a list's name. */
const keyOf = (kind: keyof StripeReads, id: string) => (kind === 'disputesOf' ? `disputes-of:${id}` : id);

/** Thrown inside the transaction when the snapshot lacks an object; caught outside it. */
class StripeReadNeeded extends Error {
  constructor(
    readonly kind: keyof StripeReads,
    readonly id: string,
  ) {
    super(`Stripe ${kind} ${id} is read outside the transaction first`);
  }
}

/** Thrown inside the transaction when a later ticket has written from an object we read. */
class StripeReadSuperseded extends Error {
  constructor(readonly key: string) {
    super(`Stripe object ${key} was read again by a later attempt`);
  }
}

/** An object the caller already has from Stripe, fetched after `ticket` was taken (a refund just made). */
export type SeededRead = { kind: keyof StripeReads; id: string; value: unknown };

// Each round of a transaction fetches one more object, and a superseded attempt starts
// again; both are bounded so that a bug cannot loop forever. A handler reads a handful of
// objects, and two attempts on one object are rare (a burst of events about it).
const MAX_ROUNDS = 20;
const MAX_ATTEMPTS = 5;

/**
 * Runs `work` in a transaction whose Stripe reads come from a snapshot fetched outside any
 * transaction, as described above. `seed` gives objects fetched since `seed.ticket` was
 * taken (used for the first attempt only).
 */
export async function withStripeReads<R>(
  work: (tx: Tx, stripe: StripeReads) => Promise<R>,
  seed?: { ticket: number; reads: SeededRead[] },
): Promise<R> {
  const fetch = fetchers();
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const ticket = attempt === 1 && seed ? seed.ticket : await takeStripeReadTicket();
    const snapshot = new Map<string, unknown>(
      attempt === 1 && seed ? seed.reads.map((r) => [`${r.kind}:${keyOf(r.kind, r.id)}`, r.value]) : [],
    );
    let superseded = false;
    for (let round = 1; round <= MAX_ROUNDS && !superseded; round++) {
      try {
        return await getDb().transaction(async (tx) => {
          const served = new Set<string>();
          const result = await work(tx, readsFrom(snapshot, served));
          for (const key of [...served].sort()) if (!(await claimStripeRead(tx, key, ticket))) throw new StripeReadSuperseded(key);
          return result;
        });
      } catch (error) {
        if (error instanceof StripeReadNeeded) {
          snapshot.set(`${error.kind}:${keyOf(error.kind, error.id)}`, await fetch[error.kind](error.id));
          continue;
        }
        if (error instanceof StripeReadSuperseded) {
          superseded = true;
          continue;
        }
        throw error;
      }
    }
    if (!superseded) throw new Error(`Stripe reads: more than ${MAX_ROUNDS} objects in one transaction`);
  }
  throw new Error(`Stripe reads: superseded ${MAX_ATTEMPTS} times in a row`);
}

/** Reads served from the snapshot; `served` collects the keys to claim. */
function readsFrom(snapshot: Map<string, unknown>, served: Set<string>): StripeReads {
  const read = <K extends keyof StripeReads>(kind: K): StripeReads[K] =>
    (async (id: string) => {
      const key = keyOf(kind, id);
      const slot = `${kind}:${key}`;
      if (!snapshot.has(slot)) throw new StripeReadNeeded(kind, id);
      served.add(key);
      return snapshot.get(slot);
    }) as StripeReads[K];
  return {
    subscription: read('subscription'),
    invoice: read('invoice'),
    paymentIntent: read('paymentIntent'),
    charge: read('charge'),
    refund: read('refund'),
    checkoutSession: read('checkoutSession'),
    dispute: read('dispute'),
    disputesOf: read('disputesOf'),
  };
}
