// The staff screens at scale: a scratch database on DATABASE_URL's server gets the demo
// seed and `db:seed:scale` (100k members, 300k payments, 10k publications); then member
// search, the filtered members list (the query, and the whole page over HTTP as staff) and
// the CSV exports are timed. Prints p50/p95; never fails on a time. Dropped afterwards.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --conditions=react-server --import tsx bench/admin.ts
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTemplateDatabase, dropDatabase } from '../tests/support/database';
import { stop, waitFor } from './support';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const PORT = Number(process.env.BENCH_ADMIN_PORT ?? 3320);

const percentile = (sorted: number[], p: number) => {
  const value = sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  if (value === undefined) throw new Error('Expected at least one timed run');
  return value;
};

async function timed(label: string, run: () => Promise<unknown>, target?: string) {
  await run(); // warm the plan and the cache
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(
    `  ${label.padEnd(58)} p50 ${percentile(times, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(times, 95).toFixed(1).padStart(6)} ms${target ? `   (target ${target})` : ''}`,
  );
}

async function drain(stream: ReadableStream<Uint8Array>) {
  let lines = 0;
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    for (let at = next.value.indexOf(10); at !== -1; at = next.value.indexOf(10, at + 1)) lines++;
  }
  return lines - 1;
}

async function exportFigures(label: string, stream: () => ReadableStream<Uint8Array>) {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  const rows = await drain(stream());
  clearInterval(sampler);
  const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
  console.log(
    `  ${label.padEnd(58)} ${rows} rows in ${((performance.now() - started) / 1000).toFixed(1)} s, RSS +${mb(peak - baseline)} MB (target < 10 s)`,
  );
}

export async function adminAtScale(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl?.startsWith('postgres')) {
    console.log('\nstaff screens at scale: skipped (set DATABASE_URL to a Postgres server)');
    return;
  }
  const scratch = await createTemplateDatabase(serverUrl);
  const url = new URL(serverUrl);
  url.pathname = `/${scratch}`;
  const files = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-bench-admin-'));
  const { createDb } = await import('../db/client');
  const { sql, db } = createDb(url.toString(), 4);
  let server: ReturnType<typeof spawn> | undefined;
  try {
    const { seedDatabase } = await import('../db/seed');
    const { seedScale } = await import('../db/seed/scale');
    const { LocalFileStorage } = await import('../lib/storage/local');
    await seedDatabase(db, new LocalFileStorage(files));
    const seeding = performance.now();
    await seedScale(sql);
    console.log(
      `\nstaff screens at scale (db:seed:scale made 100k members, 300k payments, 10k publications in ${((performance.now() - seeding) / 1000).toFixed(0)} s), ${RUNS} runs each:`,
    );

    // The queries, through the app's own functions and connection pool.
    process.env.DATABASE_URL = url.toString();
    process.env.DATABASE_POOL_MAX = '4';
    // The list's cursors are signed (lib/http/cursor.ts), which a Postgres DATABASE_URL
    // requires a secret for; the same one as the server below.
    process.env.AUTH_SECRET ??= 'bench-admin-secret-0123456789abcdef';
    const { searchMembers } = await import('../lib/membership/member-search');
    const { membersCsvStream, paymentsCsvStream } = await import('../lib/csv/exports');
    const { membershipLifecycleSql } = await import('../lib/membership/lifecycle');
    await timed('member search "quispe" (name)', () => searchMembers({ q: 'quispe' }), 'p95 < 100 ms');
    await timed('member search "member-4242@" (email)', () => searchMembers({ q: 'member-4242@' }), 'p95 < 100 ms');
    await timed('member search "BA2 1" (postcode)', () => searchMembers({ q: 'BA2 1' }), 'p95 < 100 ms');
    await timed(
      'list: status=active, tier=individual, by name',
      () => searchMembers({ status: 'active', tier: 'individual' }),
      'p95 < 100 ms',
    );
    await timed(
      'list: source=offline, expires within 30 days',
      () => searchMembers({ source: 'offline', expiresWithin: 30 }),
      'p95 < 100 ms',
    );
    await timed('list: everyone by expiry, newest first', () => searchMembers({ sort: 'expiry', dir: 'desc' }), 'p95 < 100 ms');
    const first = await searchMembers({ status: 'active' });
    await timed(
      'list: status=active, page 2 (keyset cursor)',
      () => searchMembers({ status: 'active' }, { after: first.next }),
      'p95 < 100 ms',
    );
    await exportFigures('export members.csv (all)', () => membersCsvStream({}, membershipLifecycleSql(30)));
    await exportFigures('export payments.csv (all)', () => paymentsCsvStream({}));

    // The filtered list page as staff see it: render, session check and all.
    const { createPersona } = await import('../tests/support/personas');
    const staff = await createPersona(sql, 'staff');
    server = spawn('node_modules/.bin/tsx', ['scripts/run.ts', 'start'], {
      env: {
        ...process.env,
        DATABASE_URL: url.toString(),
        DATABASE_POOL_MAX: '8',
        PORT: String(PORT),
        SITE_URL: `http://localhost:${PORT}`,
        STORAGE_DIR: files,
        PAYMENTS: 'off',
        JOBS: 'external',
        AUTH_SECRET: 'bench-admin-secret-0123456789abcdef',
        NEXT_TELEMETRY_DISABLED: '1',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitFor(`http://localhost:${PORT}/api/health`);
    const page = async (query: string) => {
      const response = await fetch(`http://localhost:${PORT}/admin/members?${query}`, {
        headers: { cookie: `authjs.session-token=${staff.sessionToken}` },
      });
      if (response.status !== 200) throw new Error(`/admin/members?${query} answered ${response.status}`);
      await response.text();
    };
    await timed('page /admin/members?status=active&tier=individual', () => page('status=active&tier=individual'));
    await timed('page /admin/members?q=quispe', () => page('q=quispe'));
  } finally {
    if (server) await stop(server);
    const { closeDb } = await import('../db/client');
    await closeDb();
    await sql.end();
    await dropDatabase(serverUrl, scratch);
    fs.rmSync(files, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('admin.ts')) {
  adminAtScale().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
