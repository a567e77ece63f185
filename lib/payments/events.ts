import 'server-only';
import { TransactionRollbackError } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Tx } from '@/db/client';
import { getDb } from '@/db/client';
import { recordStripeEvent, setRefundedAmount } from '@/db/queries/payments';
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
  'charge.refunded': async (tx, o) => {
    const intent = typeof o.payment_intent === 'string' ? o.payment_intent : null;
    return intent ? Boolean(await setRefundedAmount(tx, intent, Number(o.amount_refunded ?? 0))) : false;
  },
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
