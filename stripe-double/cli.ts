// npm run stripe:double: the Stripe double on its own, beside a running app.
//   PORT (default 12111), APP_URL (webhooks go to APP_URL/api/stripe/webhook),
//   STRIPE_WEBHOOK_SECRET (signs them). Point the app at it with STRIPE_API_BASE.
import { startStripeDouble } from './server';

const port = Number(process.env.PORT ?? 12111);
const appUrl = (process.env.APP_URL ?? 'http://localhost:3000').replace(/\/$/, '');
const secret = process.env.STRIPE_WEBHOOK_SECRET;
if (!secret?.startsWith('whsec_')) {
  console.error('Set STRIPE_WEBHOOK_SECRET (whsec_...) to the same value the app uses.');
  process.exit(2);
}

const double = await startStripeDouble({ port, webhook: `${appUrl}/api/stripe/webhook`, webhookSecret: secret });
console.log(`Stripe double on ${double.url}; webhooks to ${appUrl}/api/stripe/webhook`);
console.log(`Run the app with STRIPE_API_BASE=${double.url} STRIPE_SECRET_KEY=sk_test_anything STRIPE_WEBHOOK_SECRET=${secret}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void double.stop().then(() => process.exit(0)));
