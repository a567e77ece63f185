import 'server-only';
import type Stripe from 'stripe';
import { stripeMethodOf, type StripePaymentMethod } from './methods';
import type { StripeReads } from './stripe-reads';
import { logFor } from '@/lib/log';

// What the app reads from a Stripe invoice, in one place.

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === 'string' ? value : (value?.id ?? null));
const fromUnix = (seconds: number) => new Date(seconds * 1000);

/**
 * The payment intent that paid the invoice, or that is trying to (the default payment).
 * The invoice must have been retrieved with expand: ['payments'] (StripeReads.invoice does):
 * Stripe includes `invoice.payments` only when asked (API reference, Invoice object: "This
 * field is not included by default. To include it in the response, expand the payments
 * field."), and without it we would not know the intent refunds are matched by.
 */
export function invoicePaymentIntent(invoice: Stripe.Invoice): string | null {
  if (!invoice.payments) throw new Error(`Stripe invoice ${invoice.id} was retrieved without expand: ['payments']`);
  const payments = invoice.payments.data;
  const payment = payments.find((p) => p.status === 'paid') ?? payments.find((p) => p.is_default) ?? payments[0];
  return idOf(payment?.payment.payment_intent);
}

/**
 * When the invoice was paid: `status_transitions.paid_at`, never `created` (a renewal
 * invoice is created about an hour before it is paid, and the day decides receipts and
 * Gift Aid). Stripe always sets it on a paid invoice; if it ever does not, that is an
 * error for us to see, and the date is left unknown rather than guessed.
 */
export function invoicePaidAt(invoice: Stripe.Invoice): Date | null {
  const paidAt = invoice.status_transitions?.paid_at;
  if (paidAt) return fromUnix(paidAt);
  logFor('stripe').error(
    { invoiceId: invoice.id },
    'an invoice is paid but has no status_transitions.paid_at: its payment is recorded without a date',
  );
  return null;
}

export type InvoicePaymentState = {
  status: 'pending' | 'paid' | 'failed';
  amountPence: number;
  paymentIntentId: string | null;
  /** Card or Bacs Direct Debit, from the charge. */
  method: StripePaymentMethod;
  paidAt: Date | null;
  /** Stripe's decline or error code of the last attempt (failed payments). */
  failureCode: string | null;
  /** When Stripe tries again (Smart Retries or the retry schedule), while it still will. */
  nextAttemptAt: Date | null;
  /** Where the payer confirms the payment (3-D Secure), while the bank asks for it. */
  confirmUrl: string | null;
};

const failureCodeOf = (intent: Stripe.PaymentIntent | null) =>
  intent?.last_payment_error?.decline_code ?? intent?.last_payment_error?.code ?? null;

/**
 * What one subscription invoice means for its payment row, or null while nothing has been
 * asked of the payer yet (a draft, or an open invoice not yet attempted). An open invoice
 * is pending while its payment processes (Bacs Direct Debit takes days) or waits for the
 * payer to confirm it; failed once an attempt was refused. Only Stripe's "paid" is paid.
 */
export async function invoicePaymentState(
  invoice: Stripe.Invoice,
  stripe: Pick<StripeReads, 'paymentIntent'>,
): Promise<InvoicePaymentState | null> {
  const paymentIntentId = invoicePaymentIntent(invoice);
  if (invoice.status !== 'paid' && invoice.status !== 'open' && invoice.status !== 'void' && invoice.status !== 'uncollectible')
    return null;
  // With its latest charge, which says how it was paid (stripeMethodOf).
  const intent = paymentIntentId ? await stripe.paymentIntent(paymentIntentId) : null;
  const base = { paymentIntentId, method: stripeMethodOf(intent), paidAt: null, failureCode: null, nextAttemptAt: null, confirmUrl: null };
  if (invoice.status === 'paid') return { ...base, status: 'paid', amountPence: invoice.amount_paid, paidAt: invoicePaidAt(invoice) };
  const attempted = invoice.attempt_count > 0 || Boolean(intent?.last_payment_error);
  const amountPence = invoice.amount_due;
  if (invoice.status !== 'open') return attempted ? { ...base, status: 'failed', amountPence, failureCode: failureCodeOf(intent) } : null;
  switch (intent?.status) {
    case 'processing':
    case 'succeeded':
      return { ...base, status: 'pending', amountPence };
    case 'requires_action':
    case 'requires_confirmation':
      return { ...base, status: 'pending', amountPence, confirmUrl: invoice.hosted_invoice_url ?? null, nextAttemptAt: null };
    default:
      if (!attempted) return null;
      return {
        ...base,
        status: 'failed',
        amountPence,
        failureCode: failureCodeOf(intent),
        nextAttemptAt: invoice.next_payment_attempt ? fromUnix(invoice.next_payment_attempt) : null,
      };
  }
}
