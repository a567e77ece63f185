import 'server-only';
import { TransactionRollbackError } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Tx } from '@/db/client';
import { getDb } from '@/db/client';
import { recordStripeEvent, setRefundedAmount } from '@/db/queries/payments';
import { syncDispute } from './disputes';
import { settleStripeRefund } from './refunds';
import { getStripe } from './stripe';
import { remindRenewal, syncAnySubscription, syncCheckoutSession, syncInvoice } from './sync';

type Handler = (tx: Tx, object: { id: string } & Record<string, unknown>) => Promise<boolean>;

const refund = async (tx: Tx, o: { id: string }) => Boolean(await settleStripeRefund(tx, await getStripe().refunds.retrieve(o.id)));
const checkout = async (tx: Tx, o: { id: string }) => (await syncCheckoutSession(tx, o.id)).recorded;

// Each handler re-fetches the object from Stripe and returns whether it changed anything
// we keep. Events we do not handle, or about customers we do not know, write nothing.
// Not handled on purpose: payment_intent.* (a declined card or failed 3-D Secure at
// checkout leaves the session open and nothing to record; what checkout does pay arrives
// as checkout.session.* and invoice.*).
//
// Stripe is called inside the event's transaction, against the rule that no transaction
// waits on the network. It stays so for now: syncSubscription takes the subscription's
// advisory lock before it fetches, so of two concurrent events the one that fetched
// later also writes later, and a stale read never overwrites a fresh one. Fetching
// before the transaction would need another ordering guard (Stripe objects carry no
// version to compare), so that change is left for its own piece of work.
const HANDLERS: Record<string, Handler> = {
  'checkout.session.completed': checkout,
  'checkout.session.async_payment_succeeded': checkout,
  'checkout.session.async_payment_failed': checkout,
  // Unpaid checkout closed: the pending donation is closed with it.
  'checkout.session.expired': checkout,
  'customer.subscription.created': (tx, o) => syncAnySubscription(tx, o.id),
  'customer.subscription.updated': (tx, o) => syncAnySubscription(tx, o.id),
  'customer.subscription.deleted': (tx, o) => syncAnySubscription(tx, o.id),
  // Finalized: a Bacs renewal starts processing (shown as pending) until invoice.paid.
  'invoice.finalized': (tx, o) => syncInvoice(tx, o.id),
  'invoice.paid': (tx, o) => syncInvoice(tx, o.id),
  'invoice.payment_succeeded': (tx, o) => syncInvoice(tx, o.id),
  'invoice.payment_failed': (tx, o) => syncInvoice(tx, o.id),
  // 3-D Secure on a renewal: the member is mailed the page where they confirm it.
  'invoice.payment_action_required': (tx, o) => syncInvoice(tx, o.id),
  // A preview, which cannot be fetched again by id: the subscription is.
  'invoice.upcoming': (tx, o) => remindRenewal(tx, o),
  // The refunded amount as the charge says now, not as the payload said then.
  'charge.refunded': async (tx, o) => {
    const charge = await getStripe().charges.retrieve(o.id);
    const intent = typeof charge.payment_intent === 'string' ? charge.payment_intent : (charge.payment_intent?.id ?? null);
    return intent ? Boolean(await setRefundedAmount(tx, intent, charge.amount_refunded)) : false;
  },
  // Settles our refund row (staff's, or one made in Stripe's dashboard) and the payment.
  'refund.created': refund,
  'refund.updated': refund,
  'refund.failed': refund,
  // The older name Stripe still sends beside refund.updated.
  'charge.refund.updated': refund,
  'charge.dispute.created': (tx, o) => syncDispute(tx, o.id),
  'charge.dispute.updated': (tx, o) => syncDispute(tx, o.id),
  'charge.dispute.closed': (tx, o) => syncDispute(tx, o.id),
  'charge.dispute.funds_withdrawn': (tx, o) => syncDispute(tx, o.id, 'withdrawn'),
  'charge.dispute.funds_reinstated': (tx, o) => syncDispute(tx, o.id, 'reinstated'),
};

/** The event types the site acts on (the dashboard's webhook endpoint needs these). */
export const HANDLED_EVENT_TYPES: readonly string[] = Object.keys(HANDLERS);

export type EventOutcome = 'applied' | 'duplicate' | 'ignored';

/**
 * Applies one verified event. Its id is recorded in the same transaction as its effects,
 * so a repeated or concurrent delivery applies once; any failure rolls both back and the
 * caller answers non-2xx so that Stripe delivers it again.
 */
export async function processStripeEvent(event: Pick<Stripe.Event, 'id' | 'type'> & { data: { object: unknown } }): Promise<EventOutcome> {
  const handler = HANDLERS[event.type];
  if (!handler) {
    console.info(`[stripe] ignored event ${event.id} of type ${event.type}`);
    return 'ignored';
  }
  try {
    return await getDb().transaction(async (tx) => {
      if (!(await recordStripeEvent(tx, event.id, event.type))) return 'duplicate';
      const changed = await handler(tx, event.data.object as { id: string } & Record<string, unknown>);
      if (!changed) tx.rollback();
      return 'applied';
    });
  } catch (error) {
    if (error instanceof TransactionRollbackError) {
      console.info(`[stripe] event ${event.id} (${event.type}) concerns nothing we keep; nothing written`);
      return 'ignored';
    }
    throw error;
  }
}
