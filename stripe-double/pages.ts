import type { StripeState } from './state';

// The hosted pages a browser sees instead of Stripe Checkout and the customer portal.
// Plain HTML forms, so a real browser (and Playwright) can click through them.

const esc = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const money = (pence: number) => `£${(pence / 100).toFixed(2)}`;
const date = (unix: number) => new Date(unix * 1000).toISOString().slice(0, 10);

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1a1f36}
.banner{background:#fff4e5;border:1px solid #f5a623;padding:.5rem .75rem;border-radius:6px;font-size:.9rem}
button{font:inherit;padding:.6rem 1.2rem;border-radius:6px;border:1px solid #635bff;background:#635bff;color:#fff;margin:.25rem 0;cursor:pointer}
button.secondary{background:#fff;color:#635bff}.error{color:#b3093c;font-weight:600}section{border:1px solid #e3e8ee;border-radius:8px;padding:1rem;margin:1rem 0}</style>
</head><body><p class="banner">Test mode: the project's Stripe double. No real card is charged.</p>${body}</body></html>`;
}

export function checkoutPage(state: StripeState, id: string, error?: string): string {
  const session = state.session(id);
  const lines = session.line_items_input.map((l) => `<li>${esc(l.name)}: ${money(l.amount)}${l.recurring ? (session.mode === 'subscription' ? ' (recurring)' : '') : ''}</li>`).join('');
  const done = session.status !== 'open';
  return layout(
    'Checkout',
    `<h1>Pay Peru Support Group</h1><ul>${lines}</ul><p>Total: <strong>${money(session.amount_total ?? 0)}</strong></p>
${error ? `<p role="alert" class="error">${esc(error)}</p>` : ''}
${
  done
    ? '<p>This checkout is already complete.</p>'
    : `<form method="post" action="/checkout/${id}/pay"><button type="submit">Pay ${money(session.amount_total ?? 0)}</button></form>
<form method="post" action="/checkout/${id}/decline"><button type="submit" class="secondary">Decline card</button></form>`
}
${session.cancel_url ? `<p><a href="${esc(session.cancel_url)}">Cancel and go back</a></p>` : ''}`,
  );
}

export function portalPage(state: StripeState, id: string): string {
  const portal = state.portalSessions.get(id);
  if (!portal) return layout('Not found', '<p>No such portal session.</p>');
  const customer = typeof portal.customer === 'string' ? portal.customer : '';
  const subs = [...state.subscriptions.values()].filter((s) => s.customer === customer);
  const tiers = [...state.prices.values()].filter((p) => p.recurring?.interval === 'year' && p.active && p.lookup_key);
  const sections = subs
    .map((sub) => {
      const item = sub.items.data[0];
      const options = tiers
        .filter((p) => p.id !== item.price.id)
        .map((p) => `<option value="${p.id}">${esc(p.lookup_key ?? p.id)} (${money(p.unit_amount ?? 0)})</option>`)
        .join('');
      const live = sub.status !== 'canceled';
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
  return layout(
    'Manage your plan',
    `<h1>Manage your plan</h1>${sections || '<p>No subscriptions.</p>'}
<form method="post" action="/portal/${id}/fix-card"><button type="submit" class="secondary">Update card</button></form>
${portal.return_url ? `<p><a href="${esc(portal.return_url)}">Return to Peru Support Group</a></p>` : ''}`,
  );
}
