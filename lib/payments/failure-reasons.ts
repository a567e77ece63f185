import { createTranslator } from 'use-intl/core';
import type { AppLocale } from '@/lib/i18n/routing';
import { messagesFor } from '@/messages';

// Stripe's decline and error codes that a payer can act on, each said in words
// (`paymentFailures.<code>`); any other code is "the bank refused it".
// https://docs.stripe.com/declines/codes and https://docs.stripe.com/payments/payment-methods/bacs-debit#debit-failures
export const KNOWN_FAILURE_CODES = [
  'insufficient_funds',
  'expired_card',
  'incorrect_cvc',
  'lost_card',
  'stolen_card',
  'card_velocity_exceeded',
  'authentication_required',
  'payment_intent_authentication_failure',
  'processing_error',
  'debit_not_authorized',
  'account_closed',
  'bank_account_restricted',
] as const;
export type FailureReasonKey = (typeof KNOWN_FAILURE_CODES)[number] | 'other';

export function failureReasonKey(code: string | null): FailureReasonKey {
  return (KNOWN_FAILURE_CODES as readonly string[]).includes(code ?? '') ? (code as FailureReasonKey) : 'other';
}

/** The reason a payment failed, in the reader's language (mails; pages use `paymentFailures` directly). */
export function failureReason(locale: AppLocale, code: string | null): string {
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: 'paymentFailures' });
  return t(failureReasonKey(code));
}
