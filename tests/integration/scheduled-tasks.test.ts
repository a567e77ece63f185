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
    const startedAt = Date.now();
    const workers = [startWorkerProcess(workerEnv), startWorkerProcess(workerEnv)];
    try {
      // One run as they start (what fell due while no worker ran), then every minute; the
      // queue's clock looks every 30 seconds.
      await until(() => calls.length >= 2, 150_000, 'the start-up run and a scheduled run');
      // Both workers' clocks have looked again since, and the minute is over.
      await new Promise((resolve) => setTimeout(resolve, 65_000));
      expect(refused).toBe(0);

      const jobs = await getSql()<{ state: string; onStart: boolean }[]>`
        select state, singleton_key is not distinct from 'on-start' as "onStart" from pgboss.job where name = 'scheduled-tasks'`;
      const done = jobs.filter((job) => job.state === 'completed');
      expect(done.filter((job) => job.onStart)).toHaveLength(1);
      const scheduled = done.filter((job) => !job.onStart);
      expect(scheduled.length).toBeGreaterThanOrEqual(1);
      // One run per scheduled time: at most one per minute boundary crossed since the start,
      // plus the time just before it (the queue's clock sends a time up to a minute late).
      // Two workers each running the schedule would give twice that. (When a job was made
      // says little under load: the queue makes it a few seconds after its time.)
      const boundaries = Math.floor(Date.now() / 60_000) - Math.floor(startedAt / 60_000);
      expect(scheduled.length).toBeLessThanOrEqual(boundaries + 1);
      // Each job was one run: one call of the web server's release each (a job still
      // running as this looks may or may not have made its call yet).
      expect(calls.length).toBeGreaterThanOrEqual(done.length);
      expect(calls.length).toBeLessThanOrEqual(jobs.length);
    } finally {
      for (const worker of workers) worker.kill('SIGTERM');
      await Promise.all(workers.map(waitForExit));
    }
  });
});
