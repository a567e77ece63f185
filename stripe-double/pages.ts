import { BACS_ACCOUNTS, TEST_CARDS } from './cards';
import { DoubleError, subscriptionItem, type StripeState } from './state';

// The hosted pages a browser sees instead of Stripe Checkout, its 3-D Secure challenge,
// the hosted invoice page and the customer portal. Plain HTML forms, so a real browser
// (and Playwright) can click through them. Payers pick one of Stripe's test cards.

type Json = Record<string, unknown>;
type Page = { status: number; html: string; location?: string };

const esc = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const money = (pence: number) => `£${(pence / 100).toFixed(2)}`;
const date = (unix: number) => new Date(unix * 1000).toISOString().slice(0, 10);
const spaced = (number: string) => number.replace(/(\d{4})(?=\d)/g, '$1 ');

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1a1f36}
.banner{background:#fff4e5;border:1px solid #f5a623;padding:.5rem .75rem;border-radius:6px;font-size:.9rem}
button{font:inherit;padding:.6rem 1.2rem;border-radius:6px;border:1px solid #635bff;background:#635bff;color:#fff;margin:.25rem 0;cursor:pointer}
button.secondary{background:#fff;color:#635bff}.error{color:#b3093c;font-weight:600}section,fieldset{border:1px solid #e3e8ee;border-radius:8px;padding:1rem;margin:1rem 0}
label{display:block;margin:.5rem 0}select{font:inherit;max-width:100%}</style>
</head><body><p class="banner">Test mode: the project's Stripe double. No real card is charged.</p>${body}</body></html>`;
}

const cardOptions = (selected = '4242424242424242') =>
  TEST_CARDS.map(
    (c) => `<option value="${c.number}"${c.number === selected ? ' selected' : ''}>${spaced(c.number)}: ${esc(c.label)}</option>`,
  ).join('');

function checkoutPage(state: StripeState, id: string, error?: string, status = 200): Page {
  const session = state.session(id);
  const lines = state
    .describeSession(id)
    .map((l) => `<li>${esc(l.name)}: ${money(l.amount)}${l.recurring ? ` per ${l.recurring}` : ''}</li>`)
    .join('');
  const total = money(session.amount_total ?? 0);
  const bacs = session.payment_method_types.includes('bacs_debit');
  const card = session.payment_method_types.includes('card');
  let form = '';
  if (session.status === 'expired') form = '<p role="alert" class="error">This checkout session has expired.</p>';
  else if (session.status !== 'open') form = '<p>This checkout is already complete.</p>';
  else
    form = `<form method="post" action="/checkout/${id}/pay">
${card && bacs ? `<fieldset><legend>Pay with</legend><label><input type="radio" name="method" value="card" checked> Card</label><label><input type="radio" name="method" value="bacs_debit"> Bacs Direct Debit</label></fieldset>` : `<input type="hidden" name="method" value="${card ? 'card' : 'bacs_debit'}">`}
${card ? `<label>Card number <select name="card">${cardOptions()}</select></label>` : ''}
${
  bacs
    ? `<label>Sort code <input name="sort_code" value="10-88-00" readonly></label><label>Account number <select name="account_number">${Object.entries(
        BACS_ACCOUNTS,
      )
        .map(([n, o]) => `<option value="${n}">${n}: ${o === 'succeeds' ? 'Succeeds' : 'Fails after processing'}</option>`)
        .join('')}</select></label>`
    : ''
}
<button type="submit">Pay ${total}</button></form>`;
  return {
    status,
    html: layout(
      'Checkout',
      `<h1>Pay Peru Support Group</h1><ul>${lines}</ul><p>Total: <strong>${total}</strong></p>
${error ? `<p role="alert" class="error">${esc(error)}</p>` : ''}${form}
${session.cancel_url && session.status === 'open' ? `<p><a href="${esc(session.cancel_url)}">Cancel and go back</a></p>` : ''}`,
    ),
  };
}

function challengePage(action: string, hidden: Record<string, string>, amount: number): Page {
  const fields = Object.entries(hidden)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('');
  return {
    status: 200,
    html: layout(
      '3D Secure 2 Test Page',
      `<h1>3D Secure 2 Test Page</h1><p>Your bank asks you to confirm a payment of ${money(amount)} to Peru Support Group.</p>
<form method="post" action="${action}">${fields}<input type="hidden" name="result" value="pass"><button type="submit">Complete authentication</button></form>
<form method="post" action="${action}">${fields}<input type="hidden" name="result" value="fail"><button type="submit" class="secondary">Fail authentication</button></form>`,
    ),
  };
}

function finishCheckout(state: StripeState, id: string, opts: Parameters<StripeState['completeCheckout']>[1]): Page {
  const { session, error } = state.completeCheckout(id, opts);
  if (error) return checkoutPage(state, id, error.message, error.status);
  return { status: 303, html: '', location: session.success_url!.replace('{CHECKOUT_SESSION_ID}', session.id) };
}

function invoicePage(state: StripeState, id: string, message?: string): Page {
  const invoice = state.invoice(id);
  const payments = state.paymentsOf(id);
  const intentId = payments[payments.length - 1]?.payment.payment_intent as string | undefined;
  const intent = intentId ? state.paymentIntents.get(intentId) : undefined;
  const needsAction = intent?.status === 'requires_action';
  return {
    status: 200,
    html: layout(
      `Invoice ${invoice.number ?? ''}`,
      `<h1>Invoice from Peru Support Group</h1><p>Invoice ${esc(invoice.number ?? invoice.id)}: <strong>${money(invoice.amount_due)}</strong>, status <strong>${esc(String(invoice.status))}</strong>.</p>
${message ? `<p role="status">${esc(message)}</p>` : ''}
${needsAction ? `<p>Your bank needs you to confirm this payment.</p><form method="post" action="/invoice/${id}/authenticate"><input type="hidden" name="result" value="pass"><button type="submit">Complete authentication</button></form><form method="post" action="/invoice/${id}/authenticate"><input type="hidden" name="result" value="fail"><button type="submit" class="secondary">Fail authentication</button></form>` : ''}
${invoice.status === 'paid' ? `<p>Paid on ${date(invoice.status_transitions.paid_at ?? invoice.created)}.</p>` : ''}`,
    ),
  };
}

function portalPage(state: StripeState, id: string): Page {
  const portal = state.portalSessions.get(id);
  if (!portal) return { status: 404, html: layout('Not found', '<p>No such portal session.</p>') };
  const customer = portal.customer;
  const subs = [...state.subscriptions.values()].filter((s) => s.customer === customer);
  const tiers = [...state.prices.values()].filter((p) => p.recurring?.interval === 'year' && p.active && p.lookup_key);
  const sections = subs
    .map((sub) => {
      const item = subscriptionItem(sub);
      const options = tiers
        .filter((p) => p.id !== item.price.id)
        .map((p) => `<option value="${p.id}">${esc(p.lookup_key ?? p.id)} (${money(p.unit_amount ?? 0)})</option>`)
        .join('');
      const live = sub.status !== 'canceled' && sub.status !== 'incomplete_expired';
      return `<section><h2>${esc(item.price.lookup_key ?? 'Plan')}: ${money(item.price.unit_amount ?? 0)}</h2>
<p>Status: <strong>${sub.status}</strong>${sub.cancel_at_period_end ? ` (cancels on ${date(item.current_period_end)})` : ''}. Current period ends ${date(item.current_period_end)}.</p>
${
  live
    ? `<form method="post" action="/portal/${id}/${sub.cancel_at_period_end ? 'renew' : 'cancel'}?subscription=${sub.id}"><button type="submit" class="secondary">${sub.cancel_at_period_end ? 'Renew plan' : 'Cancel plan'}</button></form>
${options ? `<form method="post" action="/portal/${id}/switch?subscription=${sub.id}"><label>New tier <select name="price">${options}</select></label> <button type="submit">Switch tier</button></form>` : ''}`
    : ''
}</section>`;
    })
    .join('');
  return {
    status: 200,
    html: layout(
      'Manage your plan',
      `<h1>Manage your plan</h1>${sections || '<p>No subscriptions.</p>'}
<form method="post" action="/portal/${id}/fix-card"><label>New card <select name="card">${cardOptions()}</select></label><button type="submit" class="secondary">Update card</button></form>
${portal.return_url ? `<p><a href="${esc(portal.return_url)}">Return to Peru Support Group</a></p>` : ''}`,
    ),
  };
}

/** GET and POST on the hosted pages. */
export function hostedPages(state: StripeState, method: string, path: string, body: Json, query: Json): Page {
  const [kind, id, action] = path.split('/').filter(Boolean);
  const str = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : undefined);
  try {
    if (kind === 'checkout' && id) {
      if (method === 'GET') return checkoutPage(state, id);
      if (action === 'pay') {
        const paymentMethod = str('method') === 'bacs_debit' ? 'bacs_debit' : 'card';
        const card = str('card') ?? '4242424242424242';
        // 3-D Secure cards go through the bank's challenge first.
        if (paymentMethod === 'card' && card === '4000002760003184' && state.session(id).status === 'open') {
          return challengePage(`/checkout/${id}/authenticate`, { card }, state.session(id).amount_total ?? 0);
        }
        return finishCheckout(state, id, { payment_method: paymentMethod, card, account_number: str('account_number') });
      }
      if (action === 'authenticate')
        return finishCheckout(state, id, { card: str('card'), authentication: str('result') === 'pass' ? 'pass' : 'fail' });
    }
    if (kind === 'invoice' && id) {
      if (method === 'GET') return invoicePage(state, id);
      if (action === 'authenticate') {
        state.authenticateInvoice(id, str('result') === 'pass' ? 'pass' : 'fail');
        return invoicePage(
          state,
          id,
          str('result') === 'pass' ? 'Payment confirmed. Thank you.' : 'Authentication failed; the payment was not made.',
        );
      }
    }
    if (kind === 'portal' && id) {
      if (method === 'GET') return portalPage(state, id);
      const portal = state.portalSessions.get(id);
      const sub = typeof query.subscription === 'string' ? query.subscription : '';
      if (portal && action === 'cancel') state.updateSubscription(sub, { cancel_at_period_end: true });
      if (portal && action === 'renew') state.updateSubscription(sub, { cancel_at_period_end: false });
      if (portal && action === 'switch') state.updateSubscription(sub, { price: String(body.price) });
      if (portal && action === 'fix-card') state.setCustomerCard(portal.customer, str('card') ?? '4242424242424242');
      return { status: 303, html: '', location: `/portal/${id}` };
    }
  } catch (error) {
    if (error instanceof DoubleError)
      return { status: error.status, html: layout('Error', `<p role="alert" class="error">${esc(error.message)}</p>`) };
    throw error;
  }
  return { status: 404, html: layout('Not found', '<p>Not found</p>') };
}
