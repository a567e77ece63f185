// The newsletter send rate: 5,000 members, one issue, the real worker process (`npm run
// worker`) and a local SMTP sink. On DATABASE_URL's server (a scratch database, dropped
// afterwards) or, without it, the embedded database. Target: 5,000 mails in under 2 minutes.
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import postgres from 'postgres';
import { startEmbeddedPostgres } from '../db/embedded';
import { migrateDatabase } from '../db/migrate';
import { startSmtpSink } from '../tests/support/smtp-sink';
import { startWorkerProcess, waitForExit } from '../tests/support/worker-process';
import { oneRow } from '../db/queries/rows';

const RECIPIENTS = 5000;

async function scratchDatabase(): Promise<{ url: string; poolMax: string; drop: () => Promise<void> }> {
  const server = process.env.DATABASE_URL;
  if (server) {
    const name = `psg_bench_send_${process.pid}`;
    const admin = postgres(server, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(server);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      poolMax: '8',
      drop: async () => {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-bench-send-'));
  const embedded = await startEmbeddedPostgres({ dataDir: dir });
  return {
    url: embedded.url,
    poolMax: '1',
    drop: async () => {
      await embedded.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function sendRate(): Promise<void> {
  const db = await scratchDatabase();
  const sink = await startSmtpSink();
  try {
    await migrateDatabase(db.url);
    const sql = postgres(db.url, { max: 1, onnotice: () => {} });
    const tier = oneRow(
      await sql`insert into membership_tiers (slug, name_en, name_es, annual_price_pence) values ('individual', 'Individual', 'Individual', 3000) returning id`,
      'the inserted tier',
    );
    await sql`with u as (insert into users (email) select 'bench-' || g || '@send.test' from generate_series(1, ${RECIPIENTS}) g returning id)
              insert into memberships (user_id, tier_id, status, source, current_period_start, current_period_end)
              select id, ${tier.id}, 'active', 'offline', now(), now() + interval '1 year' from u`;
    const issue = oneRow(
      await sql`insert into newsletter_issues (number, title, issued_on, summary, published, published_at)
                              values (1, 'Bench issue', current_date, 'Measuring the send rate.', true, now()) returning id`,
      'the inserted issue',
    );
    await sql`insert into newsletter_deliveries (issue_id, user_id) select ${issue.id}, id from users`;
    await sql.end();

    const started = performance.now();
    const worker = startWorkerProcess({
      DATABASE_URL: db.url,
      DATABASE_POOL_MAX: db.poolMax,
      SMTP_URL: sink.smtpUrl,
      AUTH_SECRET: 'bench-secret-bench-secret-bench-secret',
      WORKER_CONCURRENCY: process.env.WORKER_CONCURRENCY ?? '20',
    });
    const deadline = Date.now() + 5 * 60_000;
    let firstAt = 0;
    while (sink.mails.length < RECIPIENTS && Date.now() < deadline && worker.exitCode === null) {
      if (!firstAt && sink.mails.length > 0) firstAt = performance.now();
      await new Promise((r) => setTimeout(r, 100));
    }
    const total = (performance.now() - started) / 1000;
    worker.kill('SIGTERM');
    await waitForExit(worker);
    const sending = (performance.now() - (firstAt || started)) / 1000;
    console.log(
      `\nnewsletter send (${RECIPIENTS} members, worker process, local SMTP sink, ${db.poolMax === '1' ? 'embedded database' : 'Postgres'}):`,
    );
    console.log(`  delivered:   ${sink.mails.length}/${RECIPIENTS} in ${total.toFixed(1)} s including worker start-up`);
    console.log(`  rate:        ${(sink.mails.length / sending).toFixed(0)} mails/s once sending (target: ${RECIPIENTS} in < 120 s)`);
  } finally {
    await sink.close();
    await db.drop();
  }
}

if (process.argv[1]?.endsWith('send-rate.ts')) {
  sendRate().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
