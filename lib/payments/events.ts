import 'server-only';
import { TransactionRollbackError } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Tx } from '@/db/client';
import { recordStripeEvent, setRefundedAmount } from '@/db/queries/payments';
import { syncDispute } from './disputes';
import { settleStripeRefund } from './refunds';
import { withStripeReads, type StripeReads } from './stripe-reads';
import { remindRenewal, syncAnySubscription, syncCheckoutSession, syncInvoice } from './sync';
import { logFor } from '@/lib/log';

const log = logFor('stripe');

type Handler = (tx: Tx, stripe: StripeReads, object: { id: string } & Record<string, unknown>) => Promise<boolean>;

const refund: Handler = async (tx, stripe, o) => Boolean(await settleStripeRefund(tx, stripe, o.id));
const checkout: Handler = async (tx, stripe, o) => (await syncCheckoutSession(tx, stripe, o.id)).recorded;

// Each handler reads the object from Stripe again (the payload may be older than what
// Stripe has now) and returns whether it changed anything we keep. Events we do not handle, or about customers we do not know, write nothing.
// Not handled on purpose: payment_intent.* (a declined card or failed 3-D Secure at
// checkout leaves the session open and nothing to record; what checkout does pay arrives
// as checkout.session.* and invoice.*).
//
// The reads come from `stripe`, fetched outside the transaction (stripe-reads.ts says how
// a stale read is kept from overwriting a fresh one), so no event's transaction waits on
// Stripe.
const HANDLERS: Record<string, Handler> = {
  'checkout.session.completed': checkout,
  'checkout.session.async_payment_succeeded': checkout,
  'checkout.session.async_payment_failed': checkout,
  // Unpaid checkout closed: the pending donation is closed with it.
  'checkout.session.expired': checkout,
  'customer.subscription.created': (tx, stripe, o) => syncAnySubscription(tx, stripe, o.id),
  'customer.subscription.updated': (tx, stripe, o) => syncAnySubscription(tx, stripe, o.id),
  'customer.subscription.deleted': (tx, stripe, o) => syncAnySubscription(tx, stripe, o.id),
  // Finalized: a Bacs renewal starts processing (shown as pending) until invoice.paid.
  'invoice.finalized': (tx, stripe, o) => syncInvoice(tx, stripe, o.id),
  'invoice.paid': (tx, stripe, o) => syncInvoice(tx, stripe, o.id),
  'invoice.payment_succeeded': (tx, stripe, o) => syncInvoice(tx, stripe, o.id),
  'invoice.payment_failed': (tx, stripe, o) => syncInvoice(tx, stripe, o.id),
  // 3-D Secure on a renewal: the member is mailed the page where they confirm it.
  'invoice.payment_action_required': (tx, stripe, o) => syncInvoice(tx, stripe, o.id),
  // A preview, which cannot be fetched again by id: the subscription is.
  'invoice.upcoming': (tx, stripe, o) => remindRenewal(tx, stripe, o),
  // The refunded amount as the charge says now, not as the payload said then.
  'charge.refunded': async (tx, stripe, o) => {
    const charge = await stripe.charge(o.id);
    const intent = typeof charge.payment_intent === 'string' ? charge.payment_intent : (charge.payment_intent?.id ?? null);
    return intent ? Boolean(await setRefundedAmount(tx, intent, charge.amount_refunded)) : false;
  },
  // Settles our refund row (staff's, or one made in Stripe's dashboard) and the payment.
  'refund.created': refund,
  'refund.updated': refund,
  'refund.failed': refund,
  // The older name Stripe still sends beside refund.updated.
  'charge.refund.updated': refund,
  'charge.dispute.created': (tx, stripe, o) => syncDispute(tx, stripe, o.id),
  'charge.dispute.updated': (tx, stripe, o) => syncDispute(tx, stripe, o.id),
  'charge.dispute.closed': (tx, stripe, o) => syncDispute(tx, stripe, o.id),
  'charge.dispute.funds_withdrawn': (tx, stripe, o) => syncDispute(tx, stripe, o.id, 'withdrawn'),
  'charge.dispute.funds_reinstated': (tx, stripe, o) => syncDispute(tx, stripe, o.id, 'reinstated'),
};

/** The event types the site acts on (the dashboard's webhook endpoint needs these). */
export const HANDLED_EVENT_TYPES: readonly string[] = Object.keys(HANDLERS);

export type EventOutcome = 'applied' | 'duplicate' | 'ignored';

/**
 * Applies one verified event. Its id is recorded in the same transaction as its effects,
 * so a repeated or concurrent delivery applies once; any failure rolls both back and the
 * caller answers non-2xx so that Stripe delivers it again. The transaction may run more
 * than once (withStripeReads), each time recording the id anew.
 */
export async function processStripeEvent(event: Pick<Stripe.Event, 'id' | 'type'> & { data: { object: unknown } }): Promise<EventOutcome> {
  const handler = HANDLERS[event.type];
  if (!handler) {
    log.info({ eventId: event.id, eventType: event.type }, 'ignored an event of a type we do not handle');
    return 'ignored';
  }
  try {
    return await withStripeReads(async (tx, stripe) => {
      if (!(await recordStripeEvent(tx, event.id, event.type))) return 'duplicate';
      const changed = await handler(tx, stripe, event.data.object as { id: string } & Record<string, unknown>);
      if (!changed) tx.rollback();
      return 'applied';
    });
  } catch (error) {
    if (error instanceof TransactionRollbackError) {
      log.info({ eventId: event.id, eventType: event.type }, 'an event concerns nothing we keep: nothing written');
      return 'ignored';
    }
    throw error;
  }
}
