import type Stripe from 'stripe';
import { paymentsEnv } from '@/lib/env';
import { deliverQueuedMailsSoon } from '@/lib/mail/outbox';
import { processStripeEvent } from '@/lib/payments/events';
import { getStripe } from '@/lib/payments/stripe';
import { logFor } from '@/lib/log';

const log = logFor('stripe');

// Signed by Stripe, not by a user: the signature is this route's guard. Answers 400 to
// anything unsigned or badly signed, 500 when the event could not be applied (Stripe then
// retries), and 200 only once the event is safely recorded.
export async function POST(request: Request) {
  const secret = paymentsEnv().STRIPE_WEBHOOK_SECRET;
  if (!secret) {
    log.error('STRIPE_WEBHOOK_SECRET is not set: refusing webhooks');
    return Response.json({ error: 'webhooks are not configured' }, { status: 500 });
  }
  const signature = request.headers.get('stripe-signature');
  const payload = await request.text();
  if (!signature) return Response.json({ error: 'missing Stripe-Signature header' }, { status: 400 });

  let event: Stripe.Event;
  try {
    event = getStripe().webhooks.constructEvent(payload, signature, secret, 300);
  } catch {
    // Neither the signature nor the body: only that one was refused, to spot a wrong secret.
    log.warn({ bytes: payload.length }, 'refused a webhook with an invalid signature');
    return Response.json({ error: 'invalid signature' }, { status: 400 });
  }

  try {
    const outcome = await processStripeEvent(event);
    deliverQueuedMailsSoon();
    return Response.json({ received: true, outcome });
  } catch (error) {
    log.error({ err: error, eventId: event.id, eventType: event.type }, 'could not apply a Stripe event');
    return Response.json({ error: 'could not apply the event; please retry' }, { status: 500 });
  }
}
