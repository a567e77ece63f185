// npm run bench: drives the production server with autocannon (-c 50 -d 10) and compares
// with the same home HTML served as a static file by a tiny Node server (the ceiling).
// Then what the public pages weigh (bench/page-weight.ts: JavaScript and fonts) and
// Lighthouse's mobile audit of them (bench/mobile-audit.ts), the newsletter send rate
// (bench/send-rate.ts) and, with a Postgres DATABASE_URL, the library search at 10k
// publications (bench/search.ts) and the staff screens at 100k members (bench/admin.ts).
// Prints figures; never fails on a time. Needs a build (`npm run build`), made if missing.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { startStripeDouble, type StripeDouble } from '../stripe-double/server';
import type Stripe from 'stripe';
import { chromium } from '@playwright/test';
import { findChromium } from '../tests/support/chromium';
import { adminAtScale } from './admin';
import { clusterFigures } from './cluster';
import { mobileAudit } from './mobile-audit';
import { measurePageWeight, printPageWeights, PUBLIC_PAGES } from './page-weight';
import { searchAtScale } from './search';
import { sendRate } from './send-rate';
import { stop, waitFor } from './support';

const PORT = Number(process.env.BENCH_PORT ?? 3300);
const STATIC_PORT = PORT + 1;
const base = `http://localhost:${PORT}`;
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connections = 50;

// `npm run bench -- mobile search` runs only those parts; no names, all of them.
const PARTS = ['pages', 'weight', 'mobile', 'webhooks', 'send', 'search', 'admin', 'cluster'] as const;
type Part = (typeof PARTS)[number];
const asked = process.argv.slice(2);
for (const name of asked)
  if (!(PARTS as readonly string[]).includes(name)) {
    console.error(`unknown part "${name}": npm run bench -- [${PARTS.join(' | ')}]...`);
    process.exit(2);
  }
const runs = (part: Part) => asked.length === 0 || asked.includes(part);

async function measure(url: string) {
  const result = await autocannon({ url, connections, duration });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

async function main() {
  if (!fs.existsSync('.next/BUILD_ID')) {
    console.log('no build found: running next build');
    const build = spawnSync('node_modules/.bin/next', ['build'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('next build failed');
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-bench-'));
  const webhookSecret = 'whsec_bench_secret';
  const double = await startStripeDouble({ webhook: `${base}/api/stripe/webhook`, webhookSecret, retryDelaysMs: [] });
  const env = {
    STRIPE_SECRET_KEY: 'sk_test_bench',
    STRIPE_API_BASE: double.url,
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    ...process.env,
    // Always a fresh embedded database here; DATABASE_URL (a Postgres server) is where the
    // send-rate and staff benchmarks make their scratch databases.
    DATABASE_URL: '',
    PORT: String(PORT),
    SITE_URL: base,
    NEXT_TELEMETRY_DISABLED: '1',
    STORAGE_DIR: path.join(work, 'files'),
    PGLITE_DATA_DIR: path.join(work, 'pglite'),
  };
  const server = spawn('node_modules/.bin/tsx', ['scripts/run.ts', 'start'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  let staticServer: ChildProcess | undefined;
  try {
    await waitFor(`${base}/api/health`);
    const targets = [
      { name: 'home (cached)', path: '/' },
      { name: 'publication (cached)', path: '/publications/eiti-global-meeting-lima-2016' },
      { name: 'about page (cached)', path: '/about/aims' },
      { name: 'library landing (cached)', path: '/publications' },
      { name: 'search (cached per query)', path: '/publications?q=mineria' },
    ];
    for (const t of targets) await fetch(base + t.path); // first request renders into the cache

    if (runs('pages')) {
      const html = await (await fetch(`${base}/`)).text();
      const htmlFile = path.join(work, 'home.html');
      fs.writeFileSync(htmlFile, html);
      staticServer = spawn(
        process.execPath,
        [
          '-e',
          `const http=require('http'),fs=require('fs');const b=fs.readFileSync(${JSON.stringify(htmlFile)});` +
            `http.createServer((q,s)=>{s.writeHead(200,{'content-type':'text/html; charset=utf-8','content-length':b.length});s.end(b)}).listen(${STATIC_PORT})`,
        ],
        { stdio: 'ignore' },
      );
      await waitFor(`http://localhost:${STATIC_PORT}/`);

      console.log(`\nautocannon -c ${connections} -d ${duration}, ${os.cpus().length} cores\n`);
      const ceiling = await measure(`http://localhost:${STATIC_PORT}/`);
      const rows = [{ name: 'static ceiling (same home HTML, node http)', ...ceiling }];
      for (const t of targets) rows.push({ name: t.name, ...(await measure(base + t.path)) });

      const pad = (s: string, n: number) => s.padEnd(n);
      console.log(`${pad('target', 44)} ${pad('req/s', 9)} ${pad('p99 ms', 8)} ${pad('of ceiling', 11)} errors`);
      for (const r of rows) {
        const ratio = `${((r.rps / ceiling.rps) * 100).toFixed(1)}%`;
        console.log(`${pad(r.name, 44)} ${pad(r.rps.toFixed(0), 9)} ${pad(String(r.p99), 8)} ${pad(ratio, 11)} ${r.errors}`);
      }
      console.log('\ntargets: cached pages >= 1,500 req/s with p99 < 50 ms; search >= 200 req/s');
    }
    if (runs('weight')) await pageWeights();
    if (runs('mobile')) await mobileAudit(base);
    if (runs('webhooks')) await webhookThroughput(double);
    if (runs('send')) await sendRate();
    if (runs('search')) await searchAtScale();
    if (runs('admin')) await adminAtScale();
    if (runs('cluster')) await clusterFigures();
  } finally {
    if (staticServer) await stop(staticServer);
    await stop(server);
    await double.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** JavaScript and fonts of each public page, in a fresh browser each (bench/page-weight.ts). */
async function pageWeights() {
  const browser = await chromium.launch({ executablePath: findChromium() ?? undefined, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const rows = [];
    for (const page of PUBLIC_PAGES) rows.push(await measurePageWeight(browser, base + page.path));
    printPageWeights(rows);
  } finally {
    await browser.close();
  }
}

/** Signed webhook deliveries per second, new events and duplicates, 10 at a time. */
async function webhookThroughput(double: StripeDouble) {
  const customer = double.state.createCustomer({ email: 'bench@example.org' });
  const price = double.state.createPrice({ unit_amount: 3000, currency: 'gbp', recurring: { interval: 'year' } });
  double.webhooks.paused = true;
  for (let i = 0; i < 200; i++) {
    const session = double.state.createCheckoutSession({
      mode: 'subscription',
      customer: customer.id,
      success_url: 'http://x',
      line_items: [{ price: price.id }],
    });
    double.state.completeCheckout(session.id);
  }
  const events = double.webhooks.queued.splice(0);
  double.webhooks.paused = false;
  const run = async (batch: Stripe.Event[]) => {
    const started = performance.now();
    let next = 0;
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        // The bound is checked and the event taken in one synchronous step, so it is in range.
        while (next < batch.length) statuses.push(await double.webhooks.deliver(batch[next++]!));
      }),
    );
    return { perSecond: batch.length / ((performance.now() - started) / 1000), ok: statuses.filter((s) => s === 200).length };
  };
  const fresh = await run(events);
  const duplicates = await run(events);
  console.log(`\nwebhooks (signed, verified, re-fetched from the double; a customer the site does not know):`);
  console.log(`  new events:  ${fresh.perSecond.toFixed(0)} events/s (${fresh.ok}/${events.length} answered 200)`);
  console.log(`  duplicates:  ${duplicates.perSecond.toFixed(0)} events/s (${duplicates.ok}/${events.length} answered 200)`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
