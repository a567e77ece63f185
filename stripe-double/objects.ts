import type Stripe from 'stripe';

// Builders for the double's objects. Each returns the SDK's full type for the pinned API
// version, so the compiler refuses a missing always-present field or an extra one (object
// literals get excess-property checks). Fields Stripe sends as null when unused are null;
// the conformance test (tests/integration/stripe-conformance.test.ts) checks the wire JSON
// against a schema generated from the same types. Includable fields (invoice.payments,
// checkout.session.line_items) are never stored on the objects: the server adds them only
// when a request expands them.

/** Stripe sends decimals as strings; the SDK's type is its own Decimal class. */
export const decimal = (value: number | string) => String(value) as unknown as Stripe.Decimal;

const emptyAddress = (): Stripe.Address => ({ city: null, country: null, line1: null, line2: null, postal_code: null, state: null });

export function customerObject(o: {
  id: string;
  created: number;
  email: string | null;
  name: string | null;
  metadata: Record<string, string>;
  phone: string | null;
  description: string | null;
}): Stripe.Customer {
  return {
    id: o.id,
    object: 'customer',
    address: null,
    balance: 0,
    created: o.created,
    currency: null,
    default_source: null,
    delinquent: false,
    description: o.description,
    discount: null,
    email: o.email,
    invoice_prefix: o.id.slice(-8).toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: o.metadata,
    name: o.name,
    next_invoice_sequence: 1,
    phone: o.phone,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  };
}

export function productObject(o: {
  id: string;
  created: number;
  name: string;
  metadata: Record<string, string>;
  active?: boolean;
}): Stripe.Product {
  return {
    id: o.id,
    object: 'product',
    active: o.active ?? true,
    created: o.created,
    default_price: null,
    description: null,
    images: [],
    livemode: false,
    marketing_features: [],
    metadata: o.metadata,
    name: o.name,
    package_dimensions: null,
    shippable: null,
    statement_descriptor: null,
    tax_code: null,
    tax_details: null,
    type: 'service',
    unit_label: null,
    updated: o.created,
    url: null,
  };
}

export function priceObject(o: {
  id: string;
  created: number;
  currency: string;
  unitAmount: number;
  product: string;
  lookupKey: string | null;
  interval: 'day' | 'week' | 'month' | 'year' | null;
  intervalCount: number;
  metadata: Record<string, string>;
  nickname: string | null;
  active: boolean;
}): Stripe.Price {
  return {
    id: o.id,
    object: 'price',
    active: o.active,
    billing_scheme: 'per_unit',
    created: o.created,
    currency: o.currency,
    custom_unit_amount: null,
    livemode: false,
    lookup_key: o.lookupKey,
    metadata: o.metadata,
    nickname: o.nickname,
    product: o.product,
    recurring: o.interval
      ? { interval: o.interval, interval_count: o.intervalCount, meter: null, trial_period_days: null, usage_type: 'licensed' }
      : null,
    tax_behavior: 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: o.interval ? 'recurring' : 'one_time',
    unit_amount: o.unitAmount,
    unit_amount_decimal: decimal(o.unitAmount),
  };
}

/** The legacy plan view of a recurring price, which Stripe still puts on subscription items. */
export function planOf(price: Stripe.Price): Stripe.Plan {
  return {
    id: price.id,
    object: 'plan',
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount_decimal,
    billing_scheme: 'per_unit',
    created: price.created,
    currency: price.currency,
    interval: price.recurring?.interval ?? 'month',
    interval_count: price.recurring?.interval_count ?? 1,
    livemode: false,
    metadata: price.metadata,
    meter: null,
    nickname: price.nickname,
    product: price.product,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: null,
    usage_type: 'licensed',
  };
}

export function lineItemObject(o: { id: string; price: Stripe.Price; quantity: number; description: string }): Stripe.LineItem {
  const amount = (o.price.unit_amount ?? 0) * o.quantity;
  return {
    id: o.id,
    object: 'item',
    adjustable_quantity: null,
    amount_discount: 0,
    amount_subtotal: amount,
    amount_tax: 0,
    amount_total: amount,
    currency: o.price.currency,
    description: o.description,
    metadata: {},
    price: o.price,
    quantity: o.quantity,
  };
}

export function checkoutSessionObject(o: {
  id: string;
  created: number;
  expiresAt: number;
  mode: Stripe.Checkout.Session.Mode;
  amountTotal: number;
  currency: string;
  customer: string | null;
  customerEmail: string | null;
  clientReferenceId: string | null;
  successUrl: string | null;
  cancelUrl: string | null;
  metadata: Record<string, string>;
  paymentMethodTypes: string[];
  locale: Stripe.Checkout.Session.Locale | null;
  url: string;
  submitType: Stripe.Checkout.Session.SubmitType | null;
}): Stripe.Checkout.Session {
  return {
    id: o.id,
    object: 'checkout.session',
    adaptive_pricing: null,
    after_expiration: null,
    allow_promotion_codes: null,
    allowed_payment_method_types: null,
    amount_subtotal: o.amountTotal,
    amount_total: o.amountTotal,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: null,
    branding_settings: undefined,
    cancel_url: o.cancelUrl,
    client_reference_id: o.clientReferenceId,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created: o.created,
    currency: o.currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: o.customer,
    customer_account: null,
    customer_creation: o.customer ? null : o.mode === 'payment' ? 'if_required' : 'always',
    customer_details: o.customerEmail
      ? {
          address: null,
          business_name: null,
          email: o.customerEmail,
          individual_name: null,
          name: null,
          phone: null,
          tax_exempt: 'none',
          tax_ids: null,
        }
      : null,
    customer_email: o.customerEmail,
    discounts: [],
    expires_at: o.expiresAt,
    integration_identifier: null,
    invoice: null,
    invoice_creation:
      o.mode === 'payment'
        ? {
            enabled: false,
            invoice_data: {
              account_tax_ids: null,
              custom_fields: null,
              description: null,
              footer: null,
              issuer: null,
              metadata: {},
              rendering_options: null,
            },
          }
        : null,
    livemode: false,
    locale: o.locale,
    managed_payments: null,
    metadata: o.metadata,
    mode: o.mode,
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: o.mode === 'subscription' ? 'always' : null,
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: o.paymentMethodTypes,
    payment_status: 'unpaid',
    permissions: null,
    phone_number_collection: { enabled: false },
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: 'open',
    submit_type: o.submitType,
    subscription: null,
    success_url: o.successUrl,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: 'hosted_page',
    url: o.url,
    wallet_options: null,
  };
}

export function portalSessionObject(o: {
  id: string;
  created: number;
  customer: string;
  returnUrl: string | null;
  url: string;
  locale: Stripe.BillingPortal.Session.Locale | null;
}): Stripe.BillingPortal.Session {
  return {
    id: o.id,
    object: 'billing_portal.session',
    configuration: 'bpc_double_default',
    created: o.created,
    customer: o.customer,
    customer_account: null,
    flow: null,
    livemode: false,
    locale: o.locale,
    on_behalf_of: null,
    return_url: o.returnUrl,
    url: o.url,
  };
}

export function subscriptionItemObject(o: {
  id: string;
  created: number;
  subscription: string;
  price: Stripe.Price;
  periodStart: number;
  periodEnd: number;
}): Stripe.SubscriptionItem {
  return {
    id: o.id,
    object: 'subscription_item',
    billing_thresholds: null,
    created: o.created,
    current_period_end: o.periodEnd,
    current_period_start: o.periodStart,
    current_trial: null,
    discounts: [],
    metadata: {},
    plan: planOf(o.price),
    price: o.price,
    quantity: 1,
    subscription: o.subscription,
    tax_rates: [],
  };
}

export function subscriptionObject(o: {
  id: string;
  created: number;
  customer: string;
  currency: string;
  metadata: Record<string, string>;
  item: Stripe.SubscriptionItem;
  status: Stripe.Subscription.Status;
  description: string | null;
  paymentMethodTypes: string[] | null;
}): Stripe.Subscription {
  return {
    id: o.id,
    object: 'subscription',
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: o.item.current_period_start,
    billing_cycle_anchor_config: null,
    billing_mode: { flexible: null, type: 'classic' },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, feedback_option: null, reason: null },
    collection_method: 'charge_automatically',
    created: o.created,
    currency: o.currency,
    customer: o.customer,
    customer_account: null,
    days_until_due: null,
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: o.description,
    discounts: [],
    ended_at: null,
    invoice_settings: { account_tax_ids: null, custom_fields: null, description: null, footer: null, issuer: { type: 'self' } },
    items: { object: 'list', data: [o.item], has_more: false, url: `/v1/subscription_items?subscription=${o.id}` },
    latest_invoice: null,
    livemode: false,
    managed_payments: null,
    metadata: o.metadata,
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: {
      payment_method_options: null,
      payment_method_types: (o.paymentMethodTypes as Stripe.Subscription.PaymentSettings.PaymentMethodType[] | null) ?? null,
      save_default_payment_method: 'off',
    },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: o.created,
    status: o.status,
    test_clock: null,
    transfer_data: null,
    trial_end: null,
    trial_settings: { end_behavior: { billing_cycle_anchor: null, missing_payment_method: 'create_invoice' } },
    trial_start: null,
  };
}

export function invoiceLineObject(o: {
  id: string;
  invoice: string;
  subscription: string;
  item: Stripe.SubscriptionItem;
  description: string;
}): Stripe.InvoiceLineItem {
  const amount = o.item.price.unit_amount ?? 0;
  return {
    id: o.id,
    object: 'line_item',
    amount,
    currency: o.item.price.currency,
    description: o.description,
    discount_amounts: [],
    discountable: true,
    discounts: [],
    invoice: o.invoice,
    livemode: false,
    metadata: {},
    parent: {
      invoice_item_details: null,
      subscription_item_details: {
        invoice_item: null,
        proration: false,
        proration_details: { credited_items: null },
        subscription: o.subscription,
        subscription_item: o.item.id,
      },
      type: 'subscription_item_details',
    },
    period: { end: o.item.current_period_end, start: o.item.current_period_start },
    pretax_credit_amounts: [],
    pricing: {
      price_details: { price: o.item.price.id, product: String(o.item.price.product) },
      type: 'price_details',
      unit_amount_decimal: decimal(amount),
    },
    quantity: 1,
    quantity_decimal: decimal(1),
    subscription: o.subscription,
    subtotal: amount,
    taxes: [],
  };
}

export function invoiceObject(o: {
  id: string;
  created: number;
  customer: Stripe.Customer;
  subscription: Stripe.Subscription;
  billingReason: Stripe.Invoice.BillingReason;
  line: Stripe.InvoiceLineItem;
  hostedUrl: string;
  number: string;
}): Stripe.Invoice {
  const amount = o.line.amount;
  return {
    id: o.id,
    object: 'invoice',
    account_country: 'GB',
    account_name: 'Peru Support Group (Stripe double)',
    account_tax_ids: null,
    amount_due: amount,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: amount,
    amount_shipping: 0,
    application: null,
    attempt_count: 0,
    attempted: false,
    auto_advance: true,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: o.created + 3600,
    billing_reason: o.billingReason,
    collection_method: 'charge_automatically',
    created: o.created,
    currency: o.line.currency,
    custom_fields: null,
    customer: o.customer.id,
    customer_account: null,
    customer_address: null,
    customer_email: o.customer.email ?? null,
    customer_name: o.customer.name ?? null,
    customer_phone: null,
    customer_shipping: null,
    customer_tax_exempt: 'none',
    customer_tax_ids: [],
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    due_date: null,
    effective_at: null,
    ending_balance: null,
    footer: null,
    from_invoice: null,
    hosted_invoice_url: null,
    invoice_pdf: null,
    issuer: { type: 'self' },
    last_finalization_error: null,
    latest_revision: null,
    lines: { object: 'list', data: [o.line], has_more: false, url: `/v1/invoices/${o.id}/lines` },
    livemode: false,
    metadata: {},
    next_payment_attempt: null,
    number: null,
    on_behalf_of: null,
    parent: {
      quote_details: null,
      subscription_details: { metadata: { ...o.subscription.metadata }, subscription: o.subscription.id },
      type: 'subscription_details',
    },
    payment_settings: {
      default_mandate: null,
      payment_method_options: null,
      payment_method_types: o.subscription.payment_settings?.payment_method_types ?? null,
    },
    period_end: o.created,
    period_start: o.created,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: 'draft',
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal: amount,
    subtotal_excluding_tax: amount,
    test_clock: null,
    total: amount,
    total_discount_amounts: [],
    total_excluding_tax: amount,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: null,
  };
}

export function invoicePaymentObject(o: {
  id: string;
  created: number;
  invoice: string;
  amount: number;
  currency: string;
  paymentIntent: string;
}): Stripe.InvoicePayment {
  return {
    id: o.id,
    object: 'invoice_payment',
    amount_paid: null,
    amount_requested: o.amount,
    created: o.created,
    currency: o.currency,
    invoice: o.invoice,
    is_default: true,
    livemode: false,
    payment: { payment_intent: o.paymentIntent, type: 'payment_intent' },
    status: 'open',
    status_transitions: { canceled_at: null, paid_at: null },
  };
}

export function paymentIntentObject(o: {
  id: string;
  created: number;
  amount: number;
  currency: string;
  customer: string | null;
  metadata: Record<string, string>;
  paymentMethodTypes: string[];
  description: string | null;
  setupFutureUsage: Stripe.PaymentIntent.SetupFutureUsage | null;
}): Stripe.PaymentIntent {
  return {
    id: o.id,
    object: 'payment_intent',
    allowed_payment_method_types: null,
    amount: o.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic_async',
    client_secret: `${o.id}_secret_double`,
    confirmation_method: 'automatic',
    created: o.created,
    currency: o.currency,
    customer: o.customer,
    customer_account: null,
    description: o.description,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: o.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: o.paymentMethodTypes,
    payment_record: null,
    processing: null,
    receipt_email: null,
    review: null,
    setup_future_usage: o.setupFutureUsage,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: 'requires_payment_method',
    transfer_data: null,
    transfer_group: null,
  };
}

export type PaymentMethodDetails =
  | { kind: 'card'; last4: string; brand: string; threeDSecure: boolean }
  | { kind: 'bacs_debit'; last4: string; sortCode: string; mandate: string };

export function chargeObject(o: {
  id: string;
  created: number;
  amount: number;
  currency: string;
  customer: string | null;
  paymentIntent: string;
  paymentMethod: string;
  metadata: Record<string, string>;
  description: string | null;
  status: Stripe.Charge.Status;
  details: PaymentMethodDetails;
  failure: { code: string; message: string } | null;
  receiptUrl: string;
}): Stripe.Charge {
  const paid = o.status === 'succeeded';
  const details: Stripe.Charge.PaymentMethodDetails =
    o.details.kind === 'card'
      ? {
          type: 'card',
          card: {
            amount_authorized: paid ? o.amount : null,
            authorization_code: null,
            brand: o.details.brand,
            checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
            country: 'GB',
            electronic_commerce_indicator: o.details.threeDSecure ? '05' : null,
            exp_month: 12,
            exp_year: 2034,
            extended_authorization: { status: 'disabled' },
            fingerprint: `fp_${o.details.last4}`,
            funding: 'credit',
            incremental_authorization: { status: 'unavailable' },
            installments: null,
            last4: o.details.last4,
            mandate: null,
            multicapture: { status: 'unavailable' },
            network: o.details.brand,
            network_token: { used: false },
            network_transaction_id: null,
            overcapture: { maximum_amount_capturable: o.amount, status: 'unavailable' },
            regulated_status: 'unregulated',
            three_d_secure: o.details.threeDSecure
              ? {
                  authentication_flow: 'challenge',
                  electronic_commerce_indicator: '05',
                  exemption_indicator: null,
                  result: 'authenticated',
                  result_reason: null,
                  transaction_id: null,
                  version: '2.2.0',
                }
              : null,
            transaction_link_id: null,
            wallet: null,
          },
        }
      : {
          type: 'bacs_debit',
          bacs_debit: {
            expected_debit_date: undefined,
            fingerprint: `fp_${o.details.last4}`,
            last4: o.details.last4,
            mandate: o.details.mandate,
            sort_code: o.details.sortCode,
          },
        };
  return {
    id: o.id,
    object: 'charge',
    amount: o.amount,
    amount_captured: paid ? o.amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: null,
    billing_details: { address: emptyAddress(), email: null, name: null, phone: null, tax_id: null },
    calculated_statement_descriptor: 'PERU SUPPORT GROUP',
    captured: paid,
    created: o.created,
    currency: o.currency,
    customer: o.customer,
    description: o.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: o.failure?.code ?? null,
    failure_message: o.failure?.message ?? null,
    fraud_details: {},
    livemode: false,
    metadata: o.metadata,
    on_behalf_of: null,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: o.failure ? 'declined_by_network' : 'approved_by_network',
      reason: o.failure ? o.failure.code : null,
      risk_level: 'normal',
      seller_message: o.failure ? 'The bank did not return any further details with this decline.' : 'Payment complete.',
      type: o.failure ? 'issuer_declined' : 'authorized',
    },
    paid,
    payment_intent: o.paymentIntent,
    payment_method: o.paymentMethod,
    payment_method_details: details,
    presentment_details: undefined,
    radar_options: undefined,
    receipt_email: null,
    receipt_number: null,
    receipt_url: o.receiptUrl,
    refunded: false,
    refunds: undefined,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: o.status,
    transfer_data: null,
    transfer_group: null,
  };
}

export function refundObject(o: {
  id: string;
  created: number;
  amount: number;
  currency: string;
  charge: string;
  paymentIntent: string;
  paymentMethod: string | null;
  metadata: Record<string, string>;
  reason: Stripe.Refund.Reason | null;
  status: string;
}): Stripe.Refund {
  return {
    id: o.id,
    object: 'refund',
    amount: o.amount,
    balance_transaction: null,
    charge: o.charge,
    created: o.created,
    currency: o.currency,
    customer: null,
    customer_account: null,
    destination_details: undefined,
    metadata: o.metadata,
    payment_intent: o.paymentIntent,
    payment_method: o.paymentMethod,
    reason: o.reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: o.status,
    transfer_reversal: null,
  };
}

export function disputeObject(o: {
  id: string;
  created: number;
  amount: number;
  currency: string;
  charge: string;
  paymentIntent: string | null;
  reason: string;
  dueBy: number;
}): Stripe.Dispute {
  return {
    id: o.id,
    object: 'dispute',
    amount: o.amount,
    balance_transactions: [],
    charge: o.charge,
    created: o.created,
    currency: o.currency,
    enhanced_eligibility_types: [],
    evidence: {
      access_activity_log: null,
      billing_address: null,
      cancellation_policy: null,
      cancellation_policy_disclosure: null,
      cancellation_rebuttal: null,
      customer_communication: null,
      customer_email_address: null,
      customer_name: null,
      customer_purchase_ip: null,
      customer_signature: null,
      duplicate_charge_documentation: null,
      duplicate_charge_explanation: null,
      duplicate_charge_id: null,
      enhanced_evidence: {},
      product_description: null,
      receipt: null,
      refund_policy: null,
      refund_policy_disclosure: null,
      refund_refusal_explanation: null,
      service_date: null,
      service_documentation: null,
      shipping_address: null,
      shipping_carrier: null,
      shipping_date: null,
      shipping_documentation: null,
      shipping_tracking_number: null,
      uncategorized_file: null,
      uncategorized_text: null,
    },
    evidence_details: {
      due_by: o.dueBy,
      enhanced_eligibility: {},
      has_evidence: false,
      past_due: false,
      submission_count: 0,
      submission_method: 'not_submitted',
    },
    intended_submission_method: null,
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: o.paymentIntent,
    reason: o.reason,
    status: 'needs_response',
  };
}

export function mandateObject(o: { id: string; created: number; paymentMethod: string; reference: string; url: string }): Stripe.Mandate {
  return {
    id: o.id,
    object: 'mandate',
    customer_acceptance: {
      accepted_at: o.created,
      offline: undefined,
      online: { ip_address: '127.0.0.1', user_agent: 'Stripe double' },
      type: 'online',
    },
    livemode: false,
    payment_method: o.paymentMethod,
    payment_method_details: {
      type: 'bacs_debit',
      bacs_debit: {
        display_name: 'PERU SUPPORT GROUP',
        network_status: 'pending',
        reference: o.reference,
        revocation_reason: null,
        service_user_number: '000000',
        url: o.url,
      },
    },
    status: 'pending',
    type: 'multi_use',
  };
}
