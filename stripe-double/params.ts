import { DoubleError } from './state';

// Request parameters as Stripe checks them for the endpoints the double serves: unknown
// keys, missing required ones, empty strings, enums, integers and booleans, with Stripe's
// error codes (https://docs.stripe.com/error-codes): parameter_unknown, parameter_missing,
// parameter_invalid_empty, parameter_invalid_integer, parameter_invalid_boolean, and
// invalid_request_error without a code for a value outside an enum. Each spec lists only
// parameters that the SDK type for that endpoint has (e.g. Stripe.InvoiceRetrieveParams);
// a parameter real Stripe accepts but the double does not implement is refused loudly
// rather than ignored.

export type Spec =
  | 'string'
  | 'integer'
  | 'boolean'
  | 'metadata'
  | 'expand'
  | 'range'
  | { enum: readonly string[] }
  | { object: Record<string, Spec>; required?: readonly string[] }
  | { array: Spec };

type Json = Record<string, unknown>;

const bad = (message: string, param: string, code?: string) => new DoubleError(400, 'invalid_request_error', message, code, param);

function check(spec: Spec, value: unknown, param: string): unknown {
  if (spec === 'expand') return [spec, value]; // never reached: expand is read by the server
  if (typeof spec === 'string') {
    if (spec === 'metadata') {
      if (value === '') return {}; // metadata='' unsets every key
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        throw bad(`Invalid object`, param, 'parameter_invalid_empty');
      for (const [k, v] of Object.entries(value as Json)) {
        if (typeof v !== 'string') throw bad(`Invalid value type: {:type=>"hash"} must be a string`, `${param}[${k}]`);
        if (k.length > 40) throw bad(`Metadata keys can have up to 40 characters; ${k} has ${k.length}.`, `${param}[${k}]`);
        if (v.length > 500)
          throw bad(
            `Metadata values can have up to 500 characters, but you passed in a value that is ${v.length} characters.`,
            `${param}[${k}]`,
          );
      }
      return value;
    }
    if (spec === 'range') {
      if (typeof value === 'object' && value !== null)
        return checkObject({ gt: 'integer', gte: 'integer', lt: 'integer', lte: 'integer' }, value as Json, param, []);
      return check('integer', value, param);
    }
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
      throw bad(`Invalid ${spec}: ${JSON.stringify(value)}`, param);
    const text = String(value);
    if (text === '') {
      throw bad(
        `You passed an empty string for '${param}'. We assume empty values are an attempt to unset a parameter; however '${param}' cannot be unset. You should remove '${param}' from your request or supply a non-empty value.`,
        param,
        'parameter_invalid_empty',
      );
    }
    if (spec === 'integer') {
      if (!/^-?\d+$/.test(text)) throw bad(`Invalid integer: ${text}`, param, 'parameter_invalid_integer');
      return Number(text);
    }
    if (spec === 'boolean') {
      if (text !== 'true' && text !== 'false') throw bad(`Invalid boolean: ${text}`, param, 'parameter_invalid_boolean');
      return text === 'true';
    }
    return text;
  }
  if ('enum' in spec) {
    const text = String(value);
    if (text === '') return check('string', value, param);
    if (!spec.enum.includes(text))
      throw bad(`Invalid ${param.replace(/.*\[|\]/g, '') || param}: must be one of ${spec.enum.join(', ')}`, param);
    return text;
  }
  if ('array' in spec) {
    const items = Array.isArray(value) ? value : typeof value === 'object' && value !== null ? Object.values(value as Json) : null;
    if (!items) throw bad(`Invalid array`, param);
    return items.map((item, i) => check(spec.array, item, `${param}[${i}]`));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    if (value === '') return check('string', value, param);
    throw bad(`Invalid object`, param);
  }
  return checkObject(spec.object, value as Json, param, spec.required ?? []);
}

function checkObject(fields: Record<string, Spec>, value: Json, prefix: string, required: readonly string[]): Json {
  const out: Json = {};
  const name = (key: string) => (prefix ? `${prefix}[${key}]` : key);
  for (const [key, v] of Object.entries(value)) {
    const spec = fields[key];
    if (!spec) throw bad(`Received unknown parameter: ${name(key)}`, name(key), 'parameter_unknown');
    if (spec === 'expand') {
      out[key] = ([] as unknown[]).concat(Array.isArray(v) ? v : typeof v === 'object' && v !== null ? Object.values(v) : [v]).map(String);
      continue;
    }
    out[key] = check(spec, v, name(key));
  }
  for (const key of required) {
    if (value[key] === undefined) throw bad(`Missing required param: ${name(key)}.`, name(key), 'parameter_missing');
  }
  return out;
}

/** Validates a request's parameters against its endpoint's spec; returns them coerced. */
export function validateParams(spec: { fields: Record<string, Spec>; required?: readonly string[] }, params: Json): Json {
  return checkObject(spec.fields, params, '', spec.required ?? []);
}

const page = { limit: 'integer', starting_after: 'string', ending_before: 'string', expand: 'expand' } as const;
const recurring: Spec = {
  object: { interval: { enum: ['day', 'week', 'month', 'year'] }, interval_count: 'integer' },
  required: ['interval'],
};
const productData: Spec = {
  object: { name: 'string', description: 'string', metadata: 'metadata', images: { array: 'string' } },
  required: ['name'],
};
const checkoutLocales = [
  'auto',
  'bg',
  'cs',
  'da',
  'de',
  'el',
  'en',
  'en-GB',
  'es',
  'es-419',
  'et',
  'fi',
  'fil',
  'fr',
  'fr-CA',
  'hr',
  'hu',
  'id',
  'it',
  'ja',
  'ko',
  'lt',
  'lv',
  'ms',
  'mt',
  'nb',
  'nl',
  'pl',
  'pt',
  'pt-BR',
  'ro',
  'ru',
  'sk',
  'sl',
  'sv',
  'th',
  'tr',
  'vi',
  'zh',
  'zh-HK',
  'zh-TW',
] as const;
const subscriptionStatuses = [
  'active',
  'all',
  'canceled',
  'ended',
  'incomplete',
  'incomplete_expired',
  'past_due',
  'paused',
  'trialing',
  'unpaid',
] as const;

export type EndpointSpec = { fields: Record<string, Spec>; required?: readonly string[] };

/** The parameters of each endpoint, keyed "METHOD /v1/path" with :id for ids. */
export const ENDPOINTS: Record<string, EndpointSpec> = {
  'POST /v1/customers': {
    fields: {
      email: 'string',
      name: 'string',
      phone: 'string',
      description: 'string',
      metadata: 'metadata',
      preferred_locales: { array: 'string' },
      expand: 'expand',
    },
  },
  'GET /v1/customers/:id': { fields: { expand: 'expand' } },
  'GET /v1/products/:id': { fields: { expand: 'expand' } },
  'POST /v1/prices': {
    fields: {
      currency: 'string',
      unit_amount: 'integer',
      recurring,
      lookup_key: 'string',
      transfer_lookup_key: 'boolean',
      product: 'string',
      product_data: productData,
      metadata: 'metadata',
      nickname: 'string',
      active: 'boolean',
      expand: 'expand',
    },
    required: ['currency'],
  },
  'GET /v1/prices/:id': { fields: { expand: 'expand' } },
  'GET /v1/prices': {
    fields: {
      ...page,
      active: 'boolean',
      currency: 'string',
      lookup_keys: { array: 'string' },
      product: 'string',
      type: { enum: ['one_time', 'recurring'] },
      created: 'range',
    },
  },
  'POST /v1/checkout/sessions': {
    fields: {
      mode: { enum: ['payment', 'setup', 'subscription'] },
      customer: 'string',
      customer_email: 'string',
      client_reference_id: 'string',
      success_url: 'string',
      cancel_url: 'string',
      metadata: 'metadata',
      locale: { enum: checkoutLocales },
      expires_at: 'integer',
      submit_type: { enum: ['auto', 'book', 'donate', 'pay', 'subscribe'] },
      payment_method_types: { array: { enum: ['card', 'bacs_debit'] } },
      customer_creation: { enum: ['always', 'if_required'] },
      billing_address_collection: { enum: ['auto', 'required'] },
      line_items: {
        array: {
          object: {
            price: 'string',
            quantity: 'integer',
            price_data: {
              object: {
                currency: 'string',
                unit_amount: 'integer',
                product: 'string',
                product_data: productData,
                recurring,
                tax_behavior: { enum: ['exclusive', 'inclusive', 'unspecified'] },
              },
              required: ['currency'],
            },
          },
        },
      },
      subscription_data: { object: { metadata: 'metadata', description: 'string' } },
      payment_intent_data: { object: { metadata: 'metadata', description: 'string', receipt_email: 'string' } },
      expand: 'expand',
    },
    required: ['mode'],
  },
  'GET /v1/checkout/sessions/:id': { fields: { expand: 'expand' } },
  'GET /v1/checkout/sessions': {
    fields: {
      ...page,
      customer: 'string',
      payment_intent: 'string',
      subscription: 'string',
      status: { enum: ['complete', 'expired', 'open'] },
      created: 'range',
    },
  },
  'POST /v1/checkout/sessions/:id/expire': { fields: { expand: 'expand' } },
  'GET /v1/checkout/sessions/:id/line_items': { fields: { ...page } },
  'POST /v1/billing_portal/sessions': {
    fields: {
      customer: 'string',
      return_url: 'string',
      locale: { enum: ['auto', ...checkoutLocales.filter((l) => l !== 'auto')] },
      configuration: 'string',
      expand: 'expand',
    },
    required: ['customer'],
  },
  'GET /v1/subscriptions/:id': { fields: { expand: 'expand' } },
  'GET /v1/subscriptions': {
    fields: { ...page, customer: 'string', price: 'string', status: { enum: subscriptionStatuses }, created: 'range' },
  },
  'POST /v1/subscriptions/:id': {
    fields: {
      cancel_at_period_end: 'boolean',
      items: { array: { object: { id: 'string', price: 'string', quantity: 'integer', deleted: 'boolean' } } },
      metadata: 'metadata',
      proration_behavior: { enum: ['always_invoice', 'create_prorations', 'none'] },
      cancellation_details: {
        object: {
          comment: 'string',
          feedback: {
            enum: [
              'customer_service',
              'low_quality',
              'missing_features',
              'other',
              'switched_service',
              'too_complex',
              'too_expensive',
              'unused',
            ],
          },
        },
      },
      expand: 'expand',
    },
  },
  'DELETE /v1/subscriptions/:id': {
    fields: {
      invoice_now: 'boolean',
      prorate: 'boolean',
      cancellation_details: { object: { comment: 'string', feedback: 'string' } },
      expand: 'expand',
    },
  },
  'GET /v1/invoices/:id': { fields: { expand: 'expand' } },
  'GET /v1/invoices': {
    fields: {
      ...page,
      customer: 'string',
      subscription: 'string',
      status: { enum: ['draft', 'open', 'paid', 'uncollectible', 'void'] },
      created: 'range',
    },
  },
  'GET /v1/invoice_payments': {
    fields: {
      ...page,
      invoice: 'string',
      status: { enum: ['canceled', 'open', 'paid'] },
      payment: { object: { type: { enum: ['payment_intent', 'payment_record'] }, payment_intent: 'string' }, required: ['type'] },
    },
  },
  'GET /v1/payment_intents/:id': { fields: { expand: 'expand', client_secret: 'string' } },
  'GET /v1/charges/:id': { fields: { expand: 'expand' } },
  'GET /v1/charges': { fields: { ...page, customer: 'string', payment_intent: 'string', created: 'range' } },
  'POST /v1/refunds': {
    fields: {
      charge: 'string',
      payment_intent: 'string',
      amount: 'integer',
      metadata: 'metadata',
      reason: { enum: ['duplicate', 'fraudulent', 'requested_by_customer'] },
      expand: 'expand',
    },
  },
  'GET /v1/refunds/:id': { fields: { expand: 'expand' } },
  'GET /v1/refunds': { fields: { ...page, charge: 'string', payment_intent: 'string', created: 'range' } },
  'GET /v1/disputes/:id': { fields: { expand: 'expand' } },
  'GET /v1/disputes': { fields: { ...page, charge: 'string', payment_intent: 'string', created: 'range' } },
  'GET /v1/mandates/:id': { fields: { expand: 'expand' } },
  'GET /v1/events/:id': { fields: { expand: 'expand' } },
  'GET /v1/events': { fields: { ...page, type: 'string', types: { array: 'string' }, created: 'range', delivery_success: 'boolean' } },
};
