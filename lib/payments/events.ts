import 'server-only';
import { TransactionRollbackError } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Tx } from '@/db/client';
import { getDb } from '@/db/client';
import { recordStripeEvent, setRefundedAmount } from '@/db/queries/payments';
import { settleStripeRefund } from './refunds';
import { getStripe } from './stripe';
import { syncAnySubscription, syncCheckoutSession, syncInvoice } from './sync';

type Handler = (tx: Tx, object: { id: string } & Record<string, unknown>) => Promise<boolean>;

// Each handler re-fetches the object from Stripe and returns whether it changed anything
// we keep. Events we do not handle, or about customers we do not know, write nothing.
const HANDLERS: Record<string, Handler> = {
  'checkout.session.completed': async (tx, o) => (await syncCheckoutSession(tx, o.id)).recorded,
  'checkout.session.async_payment_succeeded': async (tx, o) => (await syncCheckoutSession(tx, o.id)).recorded,
  'checkout.session.async_payment_failed': async (tx, o) => (await syncCheckoutSession(tx, o.id)).recorded,
  'customer.subscription.created': (tx, o) => syncAnySubscription(tx, o.id),
  'customer.subscription.updated': (tx, o) => syncAnySubscription(tx, o.id),
  'customer.subscription.deleted': (tx, o) => syncAnySubscription(tx, o.id),
  'invoice.paid': (tx, o) => syncInvoice(tx, o.id),
  'invoice.payment_succeeded': (tx, o) => syncInvoice(tx, o.id),
  'invoice.payment_failed': (tx, o) => syncInvoice(tx, o.id),
  // The refunded amount as the charge says now, not as the payload said then.
  'charge.refunded': async (tx, o) => {
    const charge = await getStripe().charges.retrieve(o.id);
    const intent = typeof charge.payment_intent === 'string' ? charge.payment_intent : (charge.payment_intent?.id ?? null);
    return intent ? Boolean(await setRefundedAmount(tx, intent, charge.amount_refunded)) : false;
  },
  // Settles our refund row (staff's, or one made in Stripe's dashboard) and the payment.
  'refund.created': async (tx, o) => Boolean(await settleStripeRefund(tx, await getStripe().refunds.retrieve(o.id))),
  'refund.updated': async (tx, o) => Boolean(await settleStripeRefund(tx, await getStripe().refunds.retrieve(o.id))),
  'refund.failed': async (tx, o) => Boolean(await settleStripeRefund(tx, await getStripe().refunds.retrieve(o.id))),
};

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
