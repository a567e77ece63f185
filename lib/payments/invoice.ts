import type Stripe from 'stripe';

// What the app reads from a Stripe invoice, in one place.

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === 'string' ? value : (value?.id ?? null));

/**
 * When a paid invoice was paid: status_transitions.paid_at. A renewal invoice is created
 * about an hour before it is charged, so `created` would be the wrong moment (and at
 * midnight on 5 April, the wrong tax year).
 */
export function invoicePaidAt(invoice: Stripe.Invoice): Date {
  const paidAt = invoice.status_transitions?.paid_at;
  if (!paidAt) throw new Error(`Stripe invoice ${invoice.id} is ${invoice.status} but has no status_transitions.paid_at`);
  return new Date(paidAt * 1000);
}

/** The payment intent that paid an invoice (the invoice must have been retrieved with expand: ['payments']). */
export function invoicePaymentIntent(invoice: Stripe.Invoice): string | null {
  if (!invoice.payments) throw new Error(`Stripe invoice ${invoice.id} was retrieved without expand: ['payments']`);
  const paid = invoice.payments.data.find((p) => p.status === 'paid') ?? invoice.payments.data.find((p) => p.is_default);
  return idOf(paid?.payment.payment_intent);
}
