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
  it('run once per scheduled time, by one of them, and the job is recorded as done', { timeout: 240_000 }, async () => {
    const workers = [startWorkerProcess(workerEnv), startWorkerProcess(workerEnv)];
    try {
      // Every minute is a scheduled time; the queue's clock looks every 30 seconds.
      await until(() => calls.length > 0, 150_000, 'the first scheduled run');
      const first = calls[0]!;
      // Both workers' clocks have looked again since (twice each), and the minute is over.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 60_000 - (Date.now() - first)) + 5_000));
      const sameMinute = calls.filter((at) => Math.floor(at / 60_000) === Math.floor(first / 60_000));
      expect(sameMinute).toHaveLength(1);
      expect(refused).toBe(0);

      const jobs = await getSql()<{ state: string; minute: string }[]>`
        select state, to_char(date_trunc('minute', created_on), 'HH24:MI') as minute
          from pgboss.job where name = 'scheduled-tasks' and state = 'completed'`;
      expect(jobs.length).toBeGreaterThanOrEqual(1);
      expect(new Set(jobs.map((job) => job.minute)).size).toBe(jobs.length); // never two in one minute
    } finally {
      for (const worker of workers) worker.kill('SIGTERM');
      await Promise.all(workers.map(waitForExit));
    }
  });
});
