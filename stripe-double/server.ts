import http from 'node:http';
import type { AddressInfo } from 'node:net';
import qs from 'qs';
import type Stripe from 'stripe';
import { checkoutPage, portalPage } from './pages';
import { DoubleError, StripeState } from './state';
import { httpTarget, WebhookSender, type SignatureMode, type WebhookTarget } from './webhooks';

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
  /** The next N API responses fail with a 500 after the change is made (lost responses). */
  failNextResponses: (count: number) => void;
  requestCount: () => number;
  stop: () => Promise<void>;
};

type Json = Record<string, unknown>;

function lookup(state: StripeState, id: string): unknown {
  const maps: [string, Map<string, unknown>][] = [
    ['cus_', state.customers],
    ['sub_', state.subscriptions],
    ['in_', state.invoices],
    ['pi_', state.paymentIntents],
    ['ch_', state.charges],
    ['price_', state.prices],
    ['cs_', state.sessions],
  ];
  for (const [prefix, map] of maps) if (id.startsWith(prefix)) return map.get(id) ?? id;
  return id;
}

/** Applies `expand[]` (one or two levels) to a copy of the object. */
function expand(state: StripeState, object: unknown, paths: string[]): unknown {
  const copy = structuredClone(object) as Json;
  for (const path of paths) {
    const [head, ...rest] = path.split('.');
    if (typeof copy[head] === 'string') copy[head] = structuredClone(lookup(state, copy[head] as string));
    if (rest.length && copy[head] && typeof copy[head] === 'object') copy[head] = expand(state, copy[head], [rest.join('.')]);
  }
  return copy;
}

const list = (data: unknown[], url: string) => ({ object: 'list', data, has_more: false, url });

/** The Stripe-compatible HTTP API, hosted pages and control API, on one port. */
export async function startStripeDouble(options: StripeDoubleOptions): Promise<StripeDouble> {
  let baseUrl = '';
  const webhooks = new WebhookSender(
    typeof options.webhook === 'string' ? httpTarget(options.webhook) : (options.webhook ?? null),
    options.webhookSecret,
    options.retryDelaysMs,
  );
  const state = new StripeState(() => baseUrl, webhooks.onEvent);
  const idempotent = new Map<string, { status: number; body: string }>();
  let failResponses = 0;
  let requests = 0;

  async function api(method: string, path: string, params: Json): Promise<unknown> {
    const expandPaths = ([] as string[]).concat((params.expand as string[] | string | undefined) ?? []);
    const parts = path.split('/').filter(Boolean); // ['v1', resource, id?, action?]
    const [, resource, id, action] = parts;
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const meta = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, string>) : undefined);

    if (resource === 'customers') {
      if (method === 'POST' && !id) return state.createCustomer({ email: str(params.email), name: str(params.name), metadata: meta(params.metadata) });
      if (method === 'GET' && id) return state.customers.get(id) ?? notFound('customer', id);
    }
    if (resource === 'prices') {
      if (method === 'POST' && !id) {
        const recurring = params.recurring as Json | undefined;
        return state.createPrice({
          unit_amount: Number(params.unit_amount),
          currency: str(params.currency) ?? 'gbp',
          lookup_key: str(params.lookup_key),
          recurring: recurring ? { interval: recurring.interval === 'month' ? 'month' : 'year' } : undefined,
          product: str(params.product),
          metadata: meta(params.metadata),
        });
      }
      if (method === 'GET' && id) return state.price(id);
      if (method === 'GET') {
        const keys = ([] as string[]).concat((params.lookup_keys as string[] | undefined) ?? []);
        const data = [...state.prices.values()].filter((p) => p.active && (!keys.length || (p.lookup_key && keys.includes(p.lookup_key))));
        return list(data, '/v1/prices');
      }
    }
    if (resource === 'checkout' && id === 'sessions') {
      const sessionId = action;
      if (method === 'POST' && !sessionId) {
        const items = (params.line_items as Json[] | undefined) ?? [];
        const sub = params.subscription_data as Json | undefined;
        const methods = ([] as string[]).concat((params.payment_method_types as string[] | undefined) ?? []);
        return state.createCheckoutSession({
          mode: params.mode === 'payment' ? 'payment' : 'subscription',
          customer: str(params.customer),
          customer_email: str(params.customer_email),
          client_reference_id: str(params.client_reference_id),
          success_url: str(params.success_url) ?? '',
          cancel_url: str(params.cancel_url),
          metadata: meta(params.metadata),
          subscription_metadata: meta(sub?.metadata),
          payment_method: methods.includes('bacs_debit') ? 'bacs_debit' : 'card',
          line_items: items.map((item) => {
            const data = item.price_data as Json | undefined;
            const product = data?.product_data as Json | undefined;
            return {
              price: str(item.price),
              amount: data ? Number(data.unit_amount) : undefined,
              name: str(product?.name),
              recurring: Boolean(data?.recurring),
            };
          }),
        });
      }
      if (method === 'GET' && sessionId) return expand(state, state.session(sessionId), expandPaths);
    }
    if (resource === 'billing_portal' && id === 'sessions' && method === 'POST') {
      return state.createPortalSession({ customer: str(params.customer) ?? '', return_url: str(params.return_url) });
    }
    if (resource === 'subscriptions') {
      if (method === 'GET' && id) return expand(state, state.subscription(id), expandPaths);
      if (method === 'GET') {
        const customer = str(params.customer);
        const status = str(params.status);
        const data = [...state.subscriptions.values()].filter((s) => (!customer || s.customer === customer) && (status === 'all' || !status ? true : s.status === status));
        return list(data, '/v1/subscriptions');
      }
      if (method === 'POST' && id) {
        const items = params.items as Json[] | undefined;
        const cancel = params.cancel_at_period_end;
        return state.updateSubscription(id, {
          cancel_at_period_end: cancel === undefined ? undefined : cancel === 'true' || cancel === true,
          price: str(items?.[0]?.price),
          metadata: meta(params.metadata),
        });
      }
      if (method === 'DELETE' && id) return state.cancelSubscription(id);
    }
    if (resource === 'invoices') {
      if (method === 'GET' && id) return expand(state, state.invoices.get(id) ?? notFound('invoice', id), expandPaths);
      if (method === 'GET') {
        const subscription = str(params.subscription);
        return list([...state.invoices.values()].filter((i) => !subscription || i.parent?.subscription_details.subscription === subscription), '/v1/invoices');
      }
    }
    if (resource === 'payment_intents' && method === 'GET' && id) return expand(state, state.paymentIntents.get(id) ?? notFound('payment_intent', id), expandPaths);
    if (resource === 'charges' && method === 'GET' && id) return state.charges.get(id) ?? notFound('charge', id);
    if (resource === 'refunds' && method === 'POST' && !id) {
      return state.refund({
        payment_intent: str(params.payment_intent),
        charge: str(params.charge),
        amount: params.amount === undefined ? undefined : Number(params.amount),
        metadata: meta(params.metadata),
        reason: str(params.reason) as Stripe.Refund.Reason | undefined,
      });
    }
    if (resource === 'refunds' && method === 'GET' && id) return state.refunds.get(id) ?? notFound('refund', id);
    if (resource === 'events') {
      if (method === 'GET' && id) return state.events.find((e) => e.id === id) ?? notFound('event', id);
      if (method === 'GET') {
        const limit = Math.min(Number(params.limit ?? 100), 100);
        const newestFirst = [...state.events].reverse();
        const after = str(params.starting_after);
        const start = after ? newestFirst.findIndex((e) => e.id === after) + 1 : 0;
        const page = newestFirst.slice(start, start + limit);
        return { ...list(page, '/v1/events'), has_more: start + limit < newestFirst.length };
      }
    }
    throw new DoubleError(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${path}).`);
  }

  function notFound(kind: string, id: string): never {
    throw new DoubleError(404, 'invalid_request_error', `No such ${kind}: '${id}'`, 'resource_missing', 'id');
  }

  async function control(method: string, path: string, body: Json): Promise<unknown> {
    const parts = path.split('/').filter(Boolean).slice(1); // drop '_control'
    const [area, id, action] = parts;
    if (area === 'checkout' && action === 'complete') return state.completeCheckout(id);
    if (area === 'checkout' && action === 'settle') return state.settleDelayedPayment(id, body.outcome === 'failed' ? 'failed' : 'succeeded');
    if (area === 'clock' && id === 'advance') {
      state.advanceClock(Number(body.seconds ?? 0) + Number(body.days ?? 0) * 86400);
      return { now: state.now() };
    }
    if (area === 'payments' && id === 'fail') {
      const key = typeof body.customer === 'string' ? body.customer : '*';
      state.failingPayments.set(key, Number(body.count ?? 1));
      return { ok: true };
    }
    if (area === 'payments' && id === 'fix') return state.fixPaymentMethod(String(body.customer)), { ok: true };
    if (area === 'responses' && id === 'fail') return (failResponses = Number(body.count ?? 1)), { ok: true };
    if (area === 'webhooks' && id === 'pause') return (webhooks.paused = true), { ok: true };
    if (area === 'webhooks' && id === 'resume') {
      webhooks.paused = false;
      return { statuses: await webhooks.flush(body.order === 'reversed' ? 'reversed' : 'as-happened') };
    }
    if (area === 'webhooks' && id === 'deliveries') return { deliveries: webhooks.deliveries };
    if (area === 'events' && !id && method === 'POST') return state.emitCustom(String(body.type), body.object ?? {});
    if (area === 'events' && action === 'deliver') {
      const event = state.events.find((e) => e.id === id) ?? notFound('event', id);
      const times = Number(body.times ?? 1);
      const opts = { signature: body.signature as SignatureMode | undefined, staleSeconds: body.staleSeconds === undefined ? undefined : Number(body.staleSeconds) };
      const sends = Array.from({ length: times }, () => () => webhooks.deliver(event, opts));
      const statuses = body.concurrent ? await Promise.all(sends.map((s) => s())) : await sends.reduce<Promise<number[]>>(async (acc, s) => [...(await acc), await s()], Promise.resolve([]));
      return { statuses };
    }
    if (area === 'events' && method === 'GET') return { events: state.events };
    throw new DoubleError(404, 'invalid_request_error', `Unknown control request ${method} ${path}`);
  }

  async function hosted(method: string, path: string, body: Json, query: Json): Promise<{ status: number; html?: string; location?: string }> {
    const [kind, id, action] = path.split('/').filter(Boolean);
    if (kind === 'checkout') {
      if (method === 'GET') return { status: 200, html: checkoutPage(state, id) };
      if (action === 'decline') return { status: 402, html: checkoutPage(state, id, 'Your card was declined. Try another card.') };
      if (action === 'pay') {
        const session = state.completeCheckout(id);
        return { status: 303, location: session.success_url!.replace('{CHECKOUT_SESSION_ID}', session.id) };
      }
    }
    if (kind === 'portal') {
      if (method === 'GET') return { status: 200, html: portalPage(state, id) };
      const portal = state.portalSessions.get(id);
      const sub = typeof query.subscription === 'string' ? query.subscription : '';
      if (portal && action === 'cancel') state.updateSubscription(sub, { cancel_at_period_end: true });
      if (portal && action === 'renew') state.updateSubscription(sub, { cancel_at_period_end: false });
      if (portal && action === 'switch') state.updateSubscription(sub, { price: String(body.price) });
      if (portal && action === 'fix-card') state.fixPaymentMethod(String(portal.customer));
      return { status: 303, location: `/portal/${id}` };
    }
    return { status: 404, html: 'Not found' };
  }

  const server = http.createServer(async (req, res) => {
    requests++;
    const url = new URL(req.url ?? '/', 'http://double');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const method = req.method ?? 'GET';
    const query = qs.parse(url.search.slice(1)) as Json;
    const isJson = (req.headers['content-type'] ?? '').includes('json');
    const body = (raw ? (isJson ? JSON.parse(raw) : qs.parse(raw)) : {}) as Json;
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
      res.writeHead(status, { 'content-type': typeof payload === 'string' ? 'text/html; charset=utf-8' : 'application/json', 'request-id': `req_${requests}`, ...headers });
      res.end(text);
    };
    try {
      if (url.pathname.startsWith('/_control/')) return send(200, (await control(method, url.pathname, body)) ?? { ok: true });
      if (url.pathname.startsWith('/checkout/') || url.pathname.startsWith('/portal/')) {
        const page = await hosted(method, url.pathname, body, query);
        if (page.location) return send(page.status, '', { location: page.location });
        return send(page.status, page.html ?? '');
      }
      if (!url.pathname.startsWith('/v1/')) return send(404, { error: { type: 'invalid_request_error', message: 'Not found' } });
      if (!/^Bearer sk_(test|live)_/.test(req.headers.authorization ?? '')) {
        return send(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
      }
      const key = req.headers['idempotency-key'];
      const cacheKey = typeof key === 'string' && method === 'POST' ? `${key}:${url.pathname}` : null;
      if (cacheKey && idempotent.has(cacheKey)) {
        const replay = idempotent.get(cacheKey)!;
        return send(replay.status, JSON.parse(replay.body), { 'idempotent-replayed': 'true' });
      }
      const params = method === 'GET' || method === 'DELETE' ? query : body;
      const result = await api(method, url.pathname, params);
      if (cacheKey) idempotent.set(cacheKey, { status: 200, body: JSON.stringify(result) });
      if (failResponses > 0) {
        failResponses--;
        return send(500, { error: { type: 'api_error', message: 'An unknown error occurred (injected by the double)' } });
      }
      return send(200, result);
    } catch (error) {
      if (error instanceof DoubleError) {
        return send(error.status, { error: { type: error.type, code: error.code, message: error.message, param: error.param } });
      }
      return send(500, { error: { type: 'api_error', message: error instanceof Error ? error.message : String(error) } });
    }
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: baseUrl,
    state,
    webhooks,
    failNextResponses: (count) => void (failResponses = count),
    requestCount: () => requests,
    stop: async () => {
      webhooks.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
