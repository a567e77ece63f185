// Times the members and payments CSV exports at scale: 100k members (each with a
// membership) and 100k payments made with generate_series in a scratch database, which is
// dropped afterwards. Prints rows, bytes, seconds and the process's peak RSS.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --conditions=react-server --import tsx bench/csv-export.ts
import { createTemplateDatabase, dropDatabase } from '../tests/support/database';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const serverUrl = process.env.DATABASE_URL;
if (!serverUrl?.startsWith('postgres')) throw new Error('needs DATABASE_URL of a Postgres server');

const scratch = await createTemplateDatabase(serverUrl);
const url = new URL(serverUrl);
url.pathname = `/${scratch}`;
process.env.DATABASE_URL = url.toString();
process.env.DATABASE_POOL_MAX = '4';
process.env.AUTH_SECRET ??= 'bench-secret-not-for-production-0123456789';

const { getSql, closeDb } = await import('../db/client');
const { membersCsvStream, paymentsCsvStream } = await import('../lib/csv/exports');
const { memberExportBatches } = await import('../db/queries/exports');

async function measure(label: string, stream: ReadableStream<Uint8Array>) {
  if (global.gc) global.gc();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  let bytes = 0;
  let lines = 0;
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    bytes += next.value.byteLength;
    for (let at = next.value.indexOf(10); at !== -1; at = next.value.indexOf(10, at + 1)) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
  console.log(`${label}: ${lines - 1} rows, ${mb(bytes)} MB in ${seconds.toFixed(2)} s; RSS ${mb(baseline)} MB before, peak ${mb(peak)} MB`);
}

try {
  const sql = getSql();
  console.log(`making ${ROWS} members and payments in ${scratch} ...`);
  const [tier] = await sql`insert into membership_tiers (slug, name_en, name_es, annual_price_pence) values ('individual', 'Individual', 'Individual', 3000) returning id`;
  await sql`
    insert into users (email, name, address_line1, city, postcode, country, created_at)
    select 'member' || i || '@bench.example.org', 'Núñez, María "' || i || '"', i || ' Calle Real, Piso 2', 'Lima', 'LS' || (i % 99) || ' 1AA', 'Perú',
           now() - make_interval(secs => i)
    from generate_series(1, ${ROWS}) i`;
  await sql`
    insert into memberships (user_id, tier_id, status, source, current_period_start, current_period_end)
    select id, ${tier.id}, 'active', 'offline', now() - interval '100 days', now() + interval '265 days' from users`;
  await sql`
    insert into payments (kind, user_id, email, membership_id, amount_pence, status, method, paid_at, offline_reference)
    select 'membership', m.user_id, u.email, m.id, 3000 + (random() * 100)::int, 'paid', 'cheque', now() - interval '100 days', '=CHQ'
    from memberships m join users u on u.id = m.user_id`;
  await sql`analyze`;
  const started = performance.now();
  let read = 0;
  for await (const batch of memberExportBatches({})) read += batch.length;
  console.log(`the members query alone (cursor, no CSV): ${read} rows in ${((performance.now() - started) / 1000).toFixed(2)} s`);
  await measure('members.csv', membersCsvStream({}));
  await measure('members.csv ?status=active&tier=individual', membersCsvStream({ status: 'active', tier: 'individual' }));
  await measure('payments.csv', paymentsCsvStream({}));
} finally {
  await closeDb();
  await dropDatabase(serverUrl, scratch);
}
