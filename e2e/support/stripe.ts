/** The Stripe double's control API (started by tests/support/run-e2e.ts). */
export async function stripeControl(path: string, body: Record<string, unknown> = {}) {
  const base = process.env.STRIPE_DOUBLE_URL;
  if (!base) throw new Error('STRIPE_DOUBLE_URL is not set: run the e2e suite through npm test');
  const response = await fetch(`${base}/_control/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`control ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}
