// The library's search at 10k publications (issue #16: >= 200 req/s with p95 < 30 ms on 2
// cores, 50 clients). A scratch database on DATABASE_URL's server gets the demo seed and
// `db:seed:scale`'s 10k publications; a production server on it is driven by autocannon
// with one search repeated, a Spanish search with a filter, and a thousand different
// searches (each one new the first time it comes round, as real visitors' searches are).
// Prints req/s and p50/p95; never fails on a time. Dropped afterwards.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --conditions=react-server --import tsx bench/search.ts
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { createTemplateDatabase, dropDatabase } from '../tests/support/database';
import { stop, waitFor } from './support';

const PORT = Number(process.env.BENCH_SEARCH_PORT ?? 3322);
const base = `http://localhost:${PORT}`;
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connections = 50;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** autocannon against `paths` (taken in turn); latencies of every answer, for p50 and p95. */
async function drive(paths: string[]) {
  const times: number[] = [];
  let next = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: base, connections, duration, requests: [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }] },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  });
  times.sort((a, b) => a - b);
  return { rps: result.requests.average, p50: percentile(times, 50), p95: percentile(times, 95), errors: result.errors + result.non2xx };
}

const WORDS = [
  'mining',
  'water',
  'rights',
  'consultation',
  'minería',
  'agua',
  'derechos',
  'region',
  'extractive',
  'industries',
  'report',
  'informe',
  'human',
  'conflict',
  'lima',
];

/** A thousand different searches, in both languages, some with a filter or a later page. */
function manySearches(): string[] {
  const paths: string[] = [];
  for (let i = 0; paths.length < 1000; i++) {
    const q = `${WORDS[i % WORDS.length]} ${WORDS[Math.floor(i / WORDS.length) % WORDS.length]} ${i % 25}`;
    const params = new URLSearchParams({ q });
    if (i % 3 === 0) params.set('type', 'report');
    if (i % 5 === 0) params.set('page', '2');
    paths.push(`${i % 2 ? '/es' : ''}/publications?${params}`);
  }
  return paths;
}

export async function searchAtScale(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl?.startsWith('postgres')) {
    console.log('\nsearch at 10k publications: skipped (set DATABASE_URL to a Postgres server)');
    return;
  }
  const scratch = await createTemplateDatabase(serverUrl);
  const url = new URL(serverUrl);
  url.pathname = `/${scratch}`;
  const files = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-bench-search-'));
  const { createDb } = await import('../db/client');
  const { sql, db } = createDb(url.toString(), 4);
  let server: ReturnType<typeof spawn> | undefined;
  try {
    const { seedDatabase } = await import('../db/seed');
    const { seedScale } = await import('../db/seed/scale');
    const { LocalFileStorage } = await import('../lib/storage/local');
    await seedDatabase(db, new LocalFileStorage(files));
    // Search reads publications only: a few members keep the seeding quick.
    await seedScale(sql, { members: 1_000, payments: 3_000, publications: 10_000 });
    const [{ published } = { published: 0 }] = await sql<
      { published: number }[]
    >`select count(*)::int as published from publications where status = 'published'`;
    server = spawn('node_modules/.bin/tsx', ['scripts/run.ts', 'start'], {
      env: {
        ...process.env,
        DATABASE_URL: url.toString(),
        PORT: String(PORT),
        SITE_URL: base,
        STORAGE_DIR: files,
        PAYMENTS: 'off',
        JOBS: 'external',
        AUTH_SECRET: 'bench-search-secret-0123456789abcdef',
        NEXT_TELEMETRY_DISABLED: '1',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitFor(`${base}/api/health`);
    const many = manySearches();
    for (const p of [...many.slice(0, 20), '/publications?q=mining', '/es/publications?q=derechos+humanos&type=report'])
      await (await fetch(base + p)).text();

    console.log(
      `\nsearch at ${published.toLocaleString('en-GB')} published publications (autocannon -c ${connections} -d ${duration}; target >= 200 req/s, p95 < 30 ms)`,
    );
    const rows = [
      { name: 'one search, repeated (?q=mining)', ...(await drive(['/publications?q=mining'])) },
      {
        name: 'Spanish, with a filter (?q=derechos humanos&type=report)',
        ...(await drive(['/es/publications?q=derechos+humanos&type=report'])),
      },
      { name: '1,000 different searches, in turn', ...(await drive(many)) },
    ];
    for (const r of rows) {
      console.log(
        `  ${r.name.padEnd(58)} ${r.rps.toFixed(0).padStart(5)} req/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p95 ${r.p95.toFixed(1).padStart(6)} ms   errors ${r.errors}`,
      );
    }
  } finally {
    if (server) await stop(server);
    const { closeDb } = await import('../db/client');
    await closeDb();
    await sql.end();
    await dropDatabase(serverUrl, scratch);
    fs.rmSync(files, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('search.ts')) {
  searchAtScale().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
