import type Stripe from 'stripe';

// The double's objects carry the fields the app reads, with the SDK's own names and types
// (a Pick of each SDK type), so a renamed or retyped field fails the typecheck.

export type DoubleCustomer = Pick<Stripe.Customer, 'id' | 'object' | 'email' | 'name' | 'metadata' | 'created' | 'livemode'>;

export type DoublePrice = Pick<
  Stripe.Price,
  'id' | 'object' | 'active' | 'currency' | 'unit_amount' | 'lookup_key' | 'metadata' | 'type' | 'created' | 'livemode'
> & { product: string; recurring: Pick<Stripe.Price.Recurring, 'interval' | 'interval_count'> | null };

export type DoubleSubscriptionItem = Pick<Stripe.SubscriptionItem, 'id' | 'object' | 'current_period_start' | 'current_period_end' | 'quantity' | 'created'> & {
  price: DoublePrice;
  subscription: string;
};

export type DoubleSubscription = Pick<
  Stripe.Subscription,
  'id' | 'object' | 'status' | 'cancel_at_period_end' | 'canceled_at' | 'ended_at' | 'created' | 'currency' | 'metadata' | 'livemode' | 'start_date' | 'cancel_at'
> & {
  cancellation_details: { reason: 'cancellation_requested' | 'payment_failed' | 'payment_disputed' | null; comment: null; feedback: null };
  customer: string;
  latest_invoice: string | null;
  items: { object: 'list'; data: DoubleSubscriptionItem[]; has_more: false; url: string };
};

export type DoubleInvoice = Pick<
  Stripe.Invoice,
  'id' | 'object' | 'status' | 'amount_due' | 'amount_paid' | 'currency' | 'created' | 'livemode' | 'billing_reason' | 'attempt_count' | 'metadata' | 'hosted_invoice_url'
> & {
  customer: string;
  parent: { type: 'subscription_details'; subscription_details: { subscription: string; metadata: Record<string, string> } } | null;
  payments: { object: 'list'; data: { payment: { type: 'payment_intent'; payment_intent: string } }[]; has_more: false; url: string };
  period_start: number;
  period_end: number;
};

export type DoublePaymentIntent = Pick<Stripe.PaymentIntent, 'id' | 'object' | 'amount' | 'amount_received' | 'currency' | 'status' | 'created' | 'livemode' | 'metadata'> & {
  customer: string | null;
  latest_charge: string | null;
};

export type DoubleCharge = Pick<Stripe.Charge, 'id' | 'object' | 'amount' | 'amount_refunded' | 'currency' | 'paid' | 'refunded' | 'status' | 'created' | 'livemode'> & {
  payment_intent: string;
  customer: string | null;
};

export type DoubleRefund = Pick<Stripe.Refund, 'id' | 'object' | 'amount' | 'currency' | 'status' | 'created' | 'metadata' | 'reason'> & { charge: string; payment_intent: string };

export type DoubleCheckoutSession = Pick<
  Stripe.Checkout.Session,
  | 'id'
  | 'object'
  | 'mode'
  | 'status'
  | 'payment_status'
  | 'client_reference_id'
  | 'success_url'
  | 'cancel_url'
  | 'metadata'
  | 'amount_total'
  | 'currency'
  | 'created'
  | 'livemode'
  | 'url'
  | 'customer_email'
> & {
  customer: string | null;
  subscription: string | null;
  payment_intent: string | null;
  invoice: string | null;
  line_items_input: { price: string | null; amount: number; name: string; recurring: boolean }[];
  subscription_metadata: Record<string, string>;
  payment_method: 'card' | 'bacs_debit';
};

export type DoublePortalSession = Pick<Stripe.BillingPortal.Session, 'id' | 'object' | 'customer' | 'return_url' | 'url' | 'created' | 'livemode'>;

export type DoubleEvent = Pick<Stripe.Event, 'id' | 'object' | 'type' | 'created' | 'livemode' | 'api_version' | 'pending_webhooks'> & {
  data: { object: unknown; previous_attributes?: Record<string, unknown> };
  request: { id: string | null; idempotency_key: string | null };
};
