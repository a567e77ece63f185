import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import qs from 'qs';
import type Stripe from 'stripe';
import { STRIPE_API_VERSION } from '../lib/payments/api-version';
import { controlApi, type ResponseFault } from './control-api';
import { hostedPages } from './pages';
import { ENDPOINTS, validateParams } from './params';
import { DoubleError, missing, StripeState } from './state';
import { httpTarget, WebhookSender, type WebhookTarget } from './webhooks';

export type StripeDoubleOptions = {
  port?: number;
  /** Where events go: the app's webhook URL, or a function (in-process tests). */
  webhook?: string | WebhookTarget | null;
  webhookSecret: string;
  /** Delays between webhook retries; [] turns retries off. */
  retryDelaysMs?: number[];
};

export type StripeDouble = {
  url: string;
  state: StripeState;
  webhooks: WebhookSender;
  /** The next N API responses fail with a 500, by default after the change is made (lost responses). */
  failNextResponses: (count: number, when?: 'before' | 'after') => void;
  /** What goes wrong with each of the next API requests, in order (control-api.ts: ResponseFault). */
  planFaults: (faults: ResponseFault[]) => void;
  requestCount: () => number;
  stop: () => Promise<void>;
};

type Json = Record<string, unknown>;
type Obj = { id: string; object: string } & Json;

// Which fields of each object can be expanded (https://docs.stripe.com/api/expanding_objects
// and the "Expandable" marks on each object's reference page), and which of those the
// double can resolve. Includable fields are absent unless expanded:
// invoice.payments (https://docs.stripe.com/api/invoices/object#invoice_object-payments) and
// checkout.session.line_items (https://docs.stripe.com/api/checkout/sessions/object#checkout_session_object-line_items).
const EXPANDABLE: Record<string, readonly string[]> = {
  'checkout.session': ['customer', 'invoice', 'payment_intent', 'subscription', 'payment_link', 'setup_intent'],
  subscription: [
    'customer',
    'latest_invoice',
    'default_payment_method',
    'default_source',
    'pending_setup_intent',
    'schedule',
    'application',
    'on_behalf_of',
    'test_clock',
    'discounts',
  ],
  subscription_item: [],
  price: ['product'],
  plan: ['product'],
  invoice: [
    'customer',
    'default_payment_method',
    'default_source',
    'latest_revision',
    'application',
    'on_behalf_of',
    'test_clock',
    'account_tax_ids',
    'discounts',
  ],
  subscription_details: ['subscription'],
  invoice_payment: ['invoice'],
  payment: ['payment_intent', 'charge', 'payment_record'],
  payment_intent: ['customer', 'latest_charge', 'payment_method', 'application', 'on_behalf_of', 'review', 'source', 'payment_record'],
  charge: [
    'customer',
    'payment_intent',
    'balance_transaction',
    'application',
    'application_fee',
    'failure_balance_transaction',
    'on_behalf_of',
    'review',
    'source_transfer',
    'transfer',
  ],
  refund: [
    'charge',
    'payment_intent',
    'balance_transaction',
    'payment_method',
    'source_transfer_reversal',
    'transfer_reversal',
    'customer',
  ],
  dispute: ['charge', 'payment_intent'],
  mandate: ['payment_method'],
  line_item: ['subscription', 'discounts'],
  item: [],
};
const INCLUDABLE: Record<string, readonly string[]> = { invoice: ['payments'], 'checkout.session': ['line_items'] };
const MAX_EXPAND_DEPTH = 4;

function listOf<T extends { id: string }>(state: StripeState, items: T[], params: Json, url: string) {
  // Newest first, as Stripe lists.
  const sorted = [...items].sort(
    (a, b) =>
      ((b as unknown as { created?: number }).created ?? 0) - ((a as unknown as { created?: number }).created ?? 0) ||
      (state.order.get(b.id) ?? 0) - (state.order.get(a.id) ?? 0),
  );
  const limit = params.limit === undefined ? 10 : (params.limit as number);
  if (limit < 1 || limit > 100)
    throw new DoubleError(400, 'invalid_request_error', 'Invalid limit: must be between 1 and 100', 'parameter_invalid_integer', 'limit');
  if (params.starting_after && params.ending_before) {
    throw new DoubleError(
      400,
      'invalid_request_error',
      'You may only specify one of these parameters: ending_before, starting_after.',
      'parameter_invalid',
      'ending_before',
    );
  }
  let start = 0;
  let end = sorted.length;
  if (typeof params.starting_after === 'string') {
    const at = sorted.findIndex((i) => i.id === params.starting_after);
    if (at < 0) missing(url.split('/')[2]?.replace(/s$/, '') ?? 'object', params.starting_after, 'starting_after');
    start = at + 1;
    end = Math.min(sorted.length, start + limit);
  } else if (typeof params.ending_before === 'string') {
    const at = sorted.findIndex((i) => i.id === params.ending_before);
    if (at < 0) missing(url.split('/')[2]?.replace(/s$/, '') ?? 'object', params.ending_before, 'ending_before');
    end = at;
    start = Math.max(0, end - limit);
  } else {
    end = Math.min(sorted.length, limit);
  }
  const data = sorted.slice(start, end);
  const hasMore = typeof params.ending_before === 'string' ? start > 0 : end < sorted.length;
  return { object: 'list', data, has_more: hasMore, url };
}

function range(value: unknown, field: number): boolean {
  if (value === undefined) return true;
  if (typeof value === 'number') return field === value;
  const r = value as { gt?: number; gte?: number; lt?: number; lte?: number };
  return (
    (r.gt === undefined || field > r.gt) &&
    (r.gte === undefined || field >= r.gte) &&
    (r.lt === undefined || field < r.lt) &&
    (r.lte === undefined || field <= r.lte)
  );
}

/** The Stripe-compatible HTTP API, hosted pages and control API, on one port. */
export async function startStripeDouble(options: StripeDoubleOptions): Promise<StripeDouble> {
  let baseUrl = '';
  const webhooks = new WebhookSender(
    typeof options.webhook === 'string' ? httpTarget(options.webhook) : (options.webhook ?? null),
    options.webhookSecret,
    options.retryDelaysMs,
  );
  const state = new StripeState(() => baseUrl, webhooks.onEvent);
  // Idempotency keys: the first request's fingerprint and its answer.
  const idempotent = new Map<string, { fingerprint: string; endpoint: string; status: number; body: string }>();
  // The planned faults, one per coming API request (control-api.ts).
  let faults: ResponseFault[] = [];
  let requests = 0;

  function lookup(id: string): Obj | undefined {
    const maps: [string, Map<string, unknown>][] = [
      ['cus_', state.customers],
      ['sub_', state.subscriptions],
      ['inpay_', state.invoicePayments],
      ['in_', state.invoices],
      ['pi_', state.paymentIntents],
      ['ch_', state.charges],
      ['price_', state.prices],
      ['prod_', state.products],
      ['cs_', state.sessions],
      ['re_', state.refunds],
      ['dp_', state.disputes],
      ['mandate_', state.mandates],
    ];
    for (const [prefix, map] of maps) if (id.startsWith(prefix)) return map.get(id) as Obj | undefined;
    return undefined;
  }

  function includable(obj: Obj, field: string): unknown {
    if (obj.object === 'invoice' && field === 'payments') {
      const payments = [...state.paymentsOf(obj.id)].reverse();
      return { object: 'list', data: payments.slice(0, 10), has_more: payments.length > 10, url: `/v1/invoice_payments?invoice=${obj.id}` };
    }
    if (obj.object === 'checkout.session' && field === 'line_items') {
      const lines = state.sessionLines(obj.id);
      return { object: 'list', data: lines.slice(0, 10), has_more: lines.length > 10, url: `/v1/checkout/sessions/${obj.id}/line_items` };
    }
    return undefined;
  }

  /** Applies one expand path to a (copied) value; refuses paths Stripe would refuse. */
  function expandPath(value: unknown, segments: string[], full: string, kind: string): unknown {
    const [head, ...rest] = segments;
    if (head === undefined || value === null || value === undefined) return value;
    if (Array.isArray(value)) return value.map((v) => expandPath(v, segments, full, kind));
    if (typeof value !== 'object') return value;
    const obj = value as Obj;
    const type = typeof obj.object === 'string' ? obj.object : kind;
    if (type === 'list' && head === 'data') return { ...obj, data: (obj.data as unknown[]).map((v) => expandPath(v, rest, full, kind)) };
    if (INCLUDABLE[type]?.includes(head)) {
      const included = (obj[head] as unknown) ?? includable(obj, head);
      return { ...obj, [head]: expandPath(included, rest, full, head) };
    }
    const child = obj[head];
    if (child === undefined)
      throw new DoubleError(400, 'invalid_request_error', `This property cannot be expanded (${full}).`, undefined, 'expand');
    if (typeof child === 'string') {
      if (!EXPANDABLE[type]?.includes(head))
        throw new DoubleError(400, 'invalid_request_error', `This property cannot be expanded (${full}).`, undefined, 'expand');
      const target = lookup(child);
      if (!target)
        throw new DoubleError(
          400,
          'invalid_request_error',
          `The Stripe double cannot expand ${full} (it keeps no ${head} objects).`,
          undefined,
          'expand',
        );
      return { ...obj, [head]: expandPath(structuredClone(target), rest, full, head) };
    }
    if (child && typeof child === 'object') return { ...obj, [head]: expandPath(child, rest, full, head) };
    // An expandable field that is null (no charge yet, say) stays null: Stripe answers, it does not refuse.
    if (child === null && EXPANDABLE[type]?.includes(head)) return obj;
    throw new DoubleError(400, 'invalid_request_error', `This property cannot be expanded (${full}).`, undefined, 'expand');
  }

  function expand(object: unknown, paths: string[]): unknown {
    let copy = structuredClone(object);
    for (const path of paths) {
      const segments = path.split('.');
      if (segments.length > MAX_EXPAND_DEPTH)
        throw new DoubleError(
          400,
          'invalid_request_error',
          `You cannot expand more than ${MAX_EXPAND_DEPTH} levels of a property. Property: ${path}`,
          undefined,
          'expand',
        );
      copy = expandPath(copy, segments, path, '');
    }
    return copy;
  }

  /** Routes one API request; returns the object Stripe would return. */
  function api(method: string, path: string, raw: Json): unknown {
    const parts = path.split('/').filter(Boolean).slice(1); // drop 'v1'
    // Nested resources keep their names (checkout/sessions, billing_portal/sessions).
    const nested = parts[0] === 'checkout' || parts[0] === 'billing_portal';
    const resource = nested ? `${parts[0]}/${parts[1]}` : parts[0];
    // '' when the path names no object: the pattern then has no :id, so no case below reads it.
    const id = (nested ? parts[2] : parts[1]) ?? '';
    const action = nested ? parts[3] : parts[2];
    const pattern = `${method} /v1/${resource}${id ? '/:id' : ''}${action ? `/${action}` : ''}`;
    const spec = ENDPOINTS[pattern];
    if (!spec)
      throw new DoubleError(
        404,
        'invalid_request_error',
        `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
      );
    const params = validateParams(spec, raw);
    const expansions = (params.expand as string[] | undefined) ?? [];
    const str = (key: string) => params[key] as string | undefined;
    const out = (object: unknown) => expand(object, expansions);
    const list = <T extends { id: string }>(items: T[], url: string) => expand(listOf(state, items, params, url), expansions);

    switch (pattern) {
      case 'POST /v1/customers':
        return out(
          state.createCustomer({
            email: str('email'),
            name: str('name'),
            phone: str('phone'),
            description: str('description'),
            metadata: params.metadata as Record<string, string>,
          }),
        );
      case 'GET /v1/customers/:id':
        return out(state.customer(id));
      case 'GET /v1/products/:id':
        return out(state.products.get(id) ?? missing('product', id));
      case 'POST /v1/prices': {
        if (!params.product && !params.product_data)
          throw new DoubleError(
            400,
            'invalid_request_error',
            'You must specify either `product` or `product_data` when creating a price.',
            'parameter_missing',
            'product',
          );
        if (params.unit_amount === undefined)
          throw new DoubleError(400, 'invalid_request_error', 'Missing required param: unit_amount.', 'parameter_missing', 'unit_amount');
        return out(state.createPrice(params as Parameters<StripeState['createPrice']>[0]));
      }
      case 'GET /v1/prices/:id':
        return out(state.price(id));
      case 'GET /v1/prices': {
        const keys = params.lookup_keys as string[] | undefined;
        const items = [...state.prices.values()].filter(
          (p) =>
            (params.active === undefined || p.active === params.active) &&
            (!keys || (p.lookup_key !== null && keys.includes(p.lookup_key))) &&
            (!params.product || p.product === params.product) &&
            (!params.type || p.type === params.type) &&
            (!params.currency || p.currency === params.currency) &&
            range(params.created, p.created),
        );
        return list(items, '/v1/prices');
      }
      case 'POST /v1/checkout/sessions': {
        if (params.mode === 'setup')
          throw new DoubleError(400, 'invalid_request_error', 'The Stripe double does not implement setup mode.', undefined, 'mode');
        if (!params.success_url)
          throw new DoubleError(400, 'invalid_request_error', 'Missing required param: success_url.', 'parameter_missing', 'success_url');
        return out(state.createCheckoutSession(params as Parameters<StripeState['createCheckoutSession']>[0]));
      }
      case 'GET /v1/checkout/sessions/:id':
        return out(state.session(id));
      case 'GET /v1/checkout/sessions': {
        const items = [...state.sessions.values()].filter(
          (s) =>
            (!params.customer || s.customer === params.customer) &&
            (!params.payment_intent || s.payment_intent === params.payment_intent) &&
            (!params.subscription || s.subscription === params.subscription) &&
            (!params.status || s.status === params.status) &&
            range(params.created, s.created),
        );
        return list(items, '/v1/checkout/sessions');
      }
      case 'POST /v1/checkout/sessions/:id/expire':
        return out(state.expireSession(id));
      case 'GET /v1/checkout/sessions/:id/line_items':
        return list(state.sessionLines(id), `/v1/checkout/sessions/${id}/line_items`);
      case 'POST /v1/billing_portal/sessions':
        return out(state.createPortalSession({ customer: str('customer')!, return_url: str('return_url'), locale: str('locale') }));
      case 'GET /v1/subscriptions/:id':
        return out(state.subscription(id));
      case 'GET /v1/subscriptions': {
        const status = str('status');
        // Without a status, Stripe lists every subscription that has not been canceled.
        const items = [...state.subscriptions.values()].filter(
          (s) =>
            (!params.customer || s.customer === params.customer) &&
            (!params.price || s.items.data.some((i) => i.price.id === params.price)) &&
            (status === 'all'
              ? true
              : status === 'ended'
                ? s.status === 'canceled' || s.status === 'incomplete_expired'
                : status
                  ? s.status === status
                  : s.status !== 'canceled' && s.status !== 'incomplete_expired') &&
            range(params.created, s.created),
        );
        return list(items, '/v1/subscriptions');
      }
      case 'POST /v1/subscriptions/:id': {
        const items = params.items as { id?: string; price?: string }[] | undefined;
        const sub = state.subscription(id);
        if (items?.[0]?.id && items[0].id !== sub.items.data[0]?.id) missing('subscription_item', items[0].id, 'items[0][id]');
        return out(
          state.updateSubscription(id, {
            cancel_at_period_end: params.cancel_at_period_end as boolean | undefined,
            price: items?.[0]?.price,
            metadata: params.metadata as Record<string, string> | undefined,
          }),
        );
      }
      case 'DELETE /v1/subscriptions/:id':
        return out(state.cancelSubscription(id));
      case 'GET /v1/invoices/:id':
        return out(state.invoice(id));
      case 'GET /v1/invoices': {
        const items = [...state.invoices.values()].filter(
          (i) =>
            (!params.customer || i.customer === params.customer) &&
            (!params.subscription || i.parent?.subscription_details?.subscription === params.subscription) &&
            (!params.status || i.status === params.status) &&
            range(params.created, i.created),
        );
        return list(items, '/v1/invoices');
      }
      case 'GET /v1/invoice_payments': {
        const payment = params.payment as { payment_intent?: string } | undefined;
        const items = [...state.invoicePayments.values()].filter(
          (p) =>
            (!params.invoice || p.invoice === params.invoice) &&
            (!params.status || p.status === params.status) &&
            (!payment?.payment_intent || p.payment.payment_intent === payment.payment_intent),
        );
        return list(items, '/v1/invoice_payments');
      }
      case 'GET /v1/payment_intents/:id':
        return out(state.paymentIntents.get(id) ?? missing('payment_intent', id));
      case 'GET /v1/charges/:id':
        return out(state.charges.get(id) ?? missing('charge', id));
      case 'GET /v1/charges': {
        const items = [...state.charges.values()].filter(
          (c) =>
            (!params.customer || c.customer === params.customer) &&
            (!params.payment_intent || c.payment_intent === params.payment_intent) &&
            range(params.created, c.created),
        );
        return list(items, '/v1/charges');
      }
      case 'POST /v1/refunds':
        return out(state.refund(params as Parameters<StripeState['refund']>[0]));
      case 'GET /v1/refunds/:id':
        return out(state.refunds.get(id) ?? missing('refund', id));
      case 'GET /v1/refunds': {
        const items = [...state.refunds.values()].filter(
          (r) =>
            (!params.charge || r.charge === params.charge) &&
            (!params.payment_intent || r.payment_intent === params.payment_intent) &&
            range(params.created, r.created),
        );
        return list(items, '/v1/refunds');
      }
      case 'GET /v1/disputes/:id':
        return out(state.disputes.get(id) ?? missing('dispute', id));
      case 'GET /v1/disputes': {
        const items = [...state.disputes.values()].filter(
          (d) =>
            (!params.charge || d.charge === params.charge) &&
            (!params.payment_intent || d.payment_intent === params.payment_intent) &&
            range(params.created, d.created),
        );
        return list(items, '/v1/disputes');
      }
      case 'GET /v1/mandates/:id':
        return out(state.mandates.get(id) ?? missing('mandate', id));
      case 'GET /v1/events/:id':
        return out(state.events.find((e) => e.id === id) ?? missing('event', id));
      case 'GET /v1/events': {
        const types = (params.types as string[] | undefined) ?? [];
        const type = str('type');
        // `type` takes one wildcard: "invoice.*" (https://docs.stripe.com/api/events/list#list_events-type).
        const matches = (t: string) =>
          (!type || (type.endsWith('.*') ? t.startsWith(type.slice(0, -1)) : t === type)) && (!types.length || types.includes(t));
        const items = state.events.filter((e) => matches(e.type) && range(params.created, e.created));
        return list(items as unknown as { id: string }[], '/v1/events');
      }
    }
    throw new DoubleError(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${path}).`);
  }

  const errorBody = (error: DoubleError) => ({
    error: {
      ...(error.code ? { code: error.code, doc_url: `https://stripe.com/docs/error-codes/${error.code.replace(/_/g, '-')}` } : {}),
      message: error.message,
      ...(error.param ? { param: error.param } : {}),
      ...error.extra,
      request_log_url: `${baseUrl}/logs/req_${requests}`,
      type: error.type,
    },
  });

  const server = http.createServer(
    (req, res) =>
      void (async () => {
        requests++;
        const url = new URL(req.url ?? '/', 'http://double');
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const raw = Buffer.concat(chunks).toString('utf8');
        const method = req.method ?? 'GET';
        const query = qs.parse(url.search.slice(1), { arrayLimit: 100, depth: 10 }) as Json;
        const isJson = (req.headers['content-type'] ?? '').includes('json');
        let body: Json = {};
        try {
          body = (raw ? (isJson ? JSON.parse(raw) : qs.parse(raw, { arrayLimit: 100, depth: 10 })) : {}) as Json;
        } catch {
          body = {};
        }
        const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
          const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
          res.writeHead(status, {
            'content-type': typeof payload === 'string' ? 'text/html; charset=utf-8' : 'application/json',
            'request-id': `req_${requests}`,
            'stripe-version': STRIPE_API_VERSION,
            ...headers,
          });
          res.end(text);
        };
        try {
          if (url.pathname.startsWith('/_control/'))
            return send(200, (await controlApi(state, webhooks, method, url.pathname, body, (plan) => (faults = plan))) ?? { ok: true });
          if (!url.pathname.startsWith('/v1/')) {
            const page = hostedPages(state, method, url.pathname, body, query);
            if (page.location) return send(page.status, '', { location: page.location });
            return send(page.status, page.html);
          }
          if (!/^Bearer sk_(test|live)_/.test(req.headers.authorization ?? '')) {
            return send(401, {
              error: {
                message: 'Invalid API Key provided: ' + String(req.headers.authorization ?? '').slice(7, 15) + '****',
                type: 'invalid_request_error',
              },
            });
          }
          const version = req.headers['stripe-version'];
          if (typeof version === 'string' && version !== STRIPE_API_VERSION) {
            return send(
              400,
              errorBody(
                new DoubleError(
                  400,
                  'invalid_request_error',
                  `The double speaks API version ${STRIPE_API_VERSION} only; got ${version}.`,
                  'api_version_invalid' as string,
                ),
              ),
            );
          }
          const fault = faults.shift();
          // Faults that come before the API itself: nothing is done, nothing saved under the key.
          if (fault?.kind === 'rate_limit') {
            return send(
              429,
              errorBody(
                new DoubleError(
                  429,
                  'invalid_request_error',
                  'Request rate limit exceeded. Learn more about rate limits here https://docs.stripe.com/rate-limits.',
                  'rate_limit',
                ),
              ),
            );
          }
          if (fault?.kind === 'lock_timeout') {
            const message =
              'This object cannot be accessed right now because another API request or Stripe process is currently accessing it. If you see this error intermittently, retry the request. If you see this error frequently and are making multiple concurrent requests to a single object, make your requests serially or at a lower rate.';
            return send(429, errorBody(new DoubleError(429, 'invalid_request_error', message, 'lock_timeout')), {
              'stripe-should-retry': 'true',
            });
          }
          if (fault?.kind === 'error' && fault.when === 'before')
            return send(500, {
              error: { message: 'An unknown error occurred (injected by the double before the request was handled).', type: 'api_error' },
            });
          if (fault?.kind === 'hang' && fault.when === 'before') return;
          /** The API's answer, as the planned fault lets it arrive. */
          const answer = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
            if (fault?.kind === 'error')
              return send(500, {
                error: { message: 'An unknown error occurred (injected by the double after the change was made).', type: 'api_error' },
              });
            if (fault?.kind === 'hang') return;
            if (fault?.kind === 'delay') {
              const timer = setTimeout(() => res.destroyed || send(status, payload, headers), fault.ms);
              return void res.on('close', () => clearTimeout(timer));
            }
            return send(status, payload, headers);
          };
          const params = method === 'POST' ? body : query;
          const key = req.headers['idempotency-key'];
          // https://docs.stripe.com/api/idempotent_requests: a key replays its first answer; the
          // same key with other parameters, or on another endpoint, is an idempotency_error.
          const endpoint = `${method} ${url.pathname}`;
          const fingerprint = createHash('sha256').update(endpoint).update(raw).digest('hex');
          if (typeof key === 'string' && method === 'POST') {
            const seen = idempotent.get(key);
            if (seen && seen.endpoint !== endpoint) {
              return answer(
                400,
                errorBody(
                  new DoubleError(
                    400,
                    'idempotency_error',
                    `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${seen.endpoint.split(' ')[1]}' vs '${url.pathname}'). Try using a key other than '${key}' if you meant to execute a different request.`,
                  ),
                ),
              );
            }
            if (seen && seen.fingerprint !== fingerprint) {
              return answer(
                400,
                errorBody(
                  new DoubleError(
                    400,
                    'idempotency_error',
                    `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
                  ),
                ),
              );
            }
            if (seen) return answer(seen.status, JSON.parse(seen.body), { 'idempotent-replayed': 'true', 'idempotency-key': key });
          }
          let status = 200;
          let result: unknown;
          try {
            result = api(method, url.pathname, params);
          } catch (error) {
            if (!(error instanceof DoubleError)) throw error;
            status = error.status;
            result = errorBody(error);
            // A request that failed validation saved no result: its key may be used again.
            const validation = error.code?.startsWith('parameter_') || (error.status === 404 && error.code === undefined);
            if (typeof key === 'string' && method === 'POST' && !validation)
              idempotent.set(key, { fingerprint, endpoint, status, body: JSON.stringify(result) });
            return answer(status, result, typeof key === 'string' ? { 'idempotency-key': key } : {});
          }
          if (typeof key === 'string' && method === 'POST')
            idempotent.set(key, { fingerprint, endpoint, status, body: JSON.stringify(result) });
          return answer(200, result, typeof key === 'string' ? { 'idempotency-key': key } : {});
        } catch (error) {
          if (error instanceof DoubleError) return send(error.status, errorBody(error));
          return send(500, { error: { type: 'api_error', message: error instanceof Error ? error.message : String(error) } });
        }
      })().catch((error: unknown) => {
        console.error(error);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      }),
  );

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: baseUrl,
    state,
    webhooks,
    failNextResponses: (count, when = 'after') => void (faults = Array.from({ length: count }, () => ({ kind: 'error' as const, when }))),
    planFaults: (plan) => void (faults = [...plan]),
    requestCount: () => requests,
    stop: async () => {
      webhooks.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type { Stripe };
