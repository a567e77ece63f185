import http from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { getSql } from '@/db/client';
import { scheduledJobsToken } from '@/lib/jobs/token';
import { freePort, until } from '../support/wait';
import { startWorkerProcess, waitForExit } from '../support/worker-process';

// The time-based tasks come from the job queue's scheduler, not from a timer in each
// process: with two workers running, each scheduled time gives one run, not two. The
// workers reach a web server for the task that refreshes cached pages; here that server
// is a stand-in that counts the calls (and checks the bearer token, as the real route does).

const calls: number[] = [];
let refused = 0;
const app = http.createServer((request, response) => {
  if (
    request.method === 'POST' &&
    request.url === '/api/jobs/scheduled' &&
    request.headers.authorization === `Bearer ${scheduledJobsToken()}`
  ) {
    calls.push(Date.now());
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ released: [] }));
  } else {
    refused++;
    response.writeHead(401).end();
  }
});
const port = await freePort();
await new Promise<void>((resolve) => app.listen(port, '127.0.0.1', resolve));
afterAll(() => new Promise<void>((resolve) => app.close(() => resolve())));

const workerEnv = {
  DATABASE_URL: process.env.DATABASE_URL,
  DATABASE_POOL_MAX: '4',
  AUTH_SECRET: process.env.AUTH_SECRET,
  SCHEDULED_TASKS_CRON: '* * * * *',
  APP_INTERNAL_URL: `http://127.0.0.1:${port}`,
};

describe('scheduled tasks with two workers', () => {
  it('run once as the workers start and once per scheduled time, never twice', { timeout: 240_000 }, async () => {
    const workers = [startWorkerProcess(workerEnv), startWorkerProcess(workerEnv)];
    try {
      // One run as they start (what fell due while no worker ran), then every minute; the
      // queue's clock looks every 30 seconds.
      await until(() => calls.length >= 2, 150_000, 'the start-up run and a scheduled run');
      // Both workers' clocks have looked again since, and the minute is over.
      await new Promise((resolve) => setTimeout(resolve, 65_000));
      expect(refused).toBe(0);

      const jobs = await getSql()<{ state: string; onStart: boolean; minute: string }[]>`
        select state, singleton_key = 'on-start' as "onStart", to_char(date_trunc('minute', created_on), 'HH24:MI') as minute
          from pgboss.job where name = 'scheduled-tasks'`;
      const done = jobs.filter((job) => job.state === 'completed');
      expect(done.filter((job) => job.onStart)).toHaveLength(1);
      const scheduled = done.filter((job) => !job.onStart);
      expect(scheduled.length).toBeGreaterThanOrEqual(1);
      expect(new Set(scheduled.map((job) => job.minute)).size).toBe(scheduled.length); // never two in one minute
      // Each job was one run: one call of the web server's release each.
      expect(calls).toHaveLength(done.length);
    } finally {
      for (const worker of workers) worker.kill('SIGTERM');
      await Promise.all(workers.map(waitForExit));
    }
  });
});
