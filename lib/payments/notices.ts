import type { Payment } from '@/db/schema';
import { isStripeMethod } from './methods';

/** What /account tells a payer about a Stripe payment that is not done yet. */
export type PaymentNotice =
  | { kind: 'confirm'; paymentId: string; amountPence: number; url: string }
  | { kind: 'processing'; paymentId: string; amountPence: number }
  | { kind: 'failed'; paymentId: string; amountPence: number; failureCode: string | null; nextAttemptAt: Date };

/**
 * Payments Stripe has not taken yet, and what the payer can do: confirm one their bank wants
 * confirmed (3-D Secure, on Stripe's page), update their card before the next try of a failed
 * one, or wait for a Direct Debit to clear. A failed payment Stripe will not try again is
 * not a notice: the membership's own status says what happened.
 */
export function paymentNotices(payments: Payment[], now = new Date()): PaymentNotice[] {
  const notices: PaymentNotice[] = [];
  for (const p of payments) {
    if (!isStripeMethod(p.method) || !(p.stripeInvoiceId || p.stripePaymentIntentId)) continue;
    if (p.status === 'pending' && p.confirmUrl)
      notices.push({ kind: 'confirm', paymentId: p.id, amountPence: p.amountPence, url: p.confirmUrl });
    else if (p.status === 'pending') notices.push({ kind: 'processing', paymentId: p.id, amountPence: p.amountPence });
    else if (p.status === 'failed' && p.nextAttemptAt && p.nextAttemptAt > now) {
      notices.push({
        kind: 'failed',
        paymentId: p.id,
        amountPence: p.amountPence,
        failureCode: p.failureCode,
        nextAttemptAt: p.nextAttemptAt,
      });
    }
  }
  return notices;
}
