import type Stripe from 'stripe';
import { offlinePaymentMethods, stripePaymentMethods, type Payment } from '@/db/schema';

// The one rule for "paid through Stripe" (refundable through Stripe, shown with Stripe's
// states) against "recorded by staff". Both lists live beside the enum in db/schema.ts.

export type PaymentMethod = Payment['method'];
export type StripePaymentMethod = (typeof stripePaymentMethods)[number];
export type OfflinePaymentMethod = (typeof offlinePaymentMethods)[number];
export { offlinePaymentMethods, stripePaymentMethods };

export function isStripeMethod(method: PaymentMethod): method is StripePaymentMethod {
  return (stripePaymentMethods as readonly string[]).includes(method);
}

/**
 * How a Stripe payment was made, from its charge (the payment intent retrieved with
 * expand: ['latest_charge']): `payment_method_details.type` is 'bacs_debit' for Bacs Direct
 * Debit (https://docs.stripe.com/api/charges/object#charge_object-payment_method_details-type).
 * Cards, card wallets and Link are all 'card' to a payer. Before any charge exists (a card
 * waiting for 3-D Secure) the intent's own list decides when it names one method only.
 */
export function stripeMethodOf(intent: Stripe.PaymentIntent | null): StripePaymentMethod {
  const charge = intent && typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
  const type =
    charge?.payment_method_details?.type ?? (intent?.payment_method_types.length === 1 ? intent.payment_method_types[0] : 'card');
  return type === 'bacs_debit' ? 'bacs_debit' : 'card';
}
