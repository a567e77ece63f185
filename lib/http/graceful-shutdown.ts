import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { logFor } from '@/lib/log';

const log = logFor('server');

// What `next start` does on SIGTERM by itself is close the listener, wait for requests,
// and exit: the job queue's worker in this process would be cut off mid-job. With
// NEXT_MANUAL_SIG_HANDLE set (scripts/run.ts sets it for `start`), Next leaves the
// signal to us, and this does the whole of it in order.

const servers = new Set<Server>();
let inFlight = 0;
let draining = false;
const idleWaiters: (() => void)[] = [];

function requestsDone(): Promise<void> {
  return inFlight === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve));
}

/**
 * Counts requests in flight and learns the HTTP server from them (Next creates it; Node
 * publishes each request on this channel before the server's 'request' event).
 */
function trackRequests(): void {
  subscribe('http.server.request.start', (message) => {
    const { server, response } = message as { server: Server; request: IncomingMessage; response: ServerResponse };
    servers.add(server);
    inFlight++;
    // A request that came on a kept-alive connection while stopping is served, and the
    // connection then closed, so the client's next request goes to another instance.
    if (draining) response.shouldKeepAlive = false;
    response.once('close', () => {
      inFlight--;
      if (inFlight === 0) for (const wake of idleWaiters.splice(0)) wake();
    });
  });
}

export type ShutdownOptions = {
  timeoutMs: number;
  /** Stops the job worker, at the same time as the requests finish. */
  stopJobs: () => Promise<void>;
  /** Runs once requests and jobs are done: work they left behind (mails they queued). */
  settle: () => Promise<void>;
  exit?: (code: number) => void;
};

/**
 * On SIGTERM or SIGINT: stop accepting connections, finish the requests in flight and the
 * current job, then exit 0; or exit 1 once `timeoutMs` has passed, whatever is still open
 * (a transaction then rolls back, a job goes back to the queue).
 */
export function installGracefulShutdown(options: ShutdownOptions): void {
  trackRequests();
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const stop = (signal: string) => {
    if (draining) return;
    draining = true;
    const started = Date.now();
    log.info(
      { signal, inFlight, timeoutMs: options.timeoutMs },
      'stopping: finishing the requests in flight and the current job, then exiting',
    );
    for (const server of servers) {
      server.close();
      server.closeIdleConnections();
    }
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), options.timeoutMs)));
    const finished = Promise.all([requestsDone(), options.stopJobs()])
      // after() work starts once its response is out: one turn later it is under way.
      .then(() => new Promise((resolve) => setImmediate(resolve)))
      .then(options.settle)
      .then(
        () => 'done' as const,
        (error: unknown) => (log.error({ err: error }, 'failed while stopping'), 'failed' as const),
      );
    void Promise.race([finished, timedOut]).then((outcome) => {
      clearTimeout(timer);
      if (outcome === 'done') log.info({ ms: Date.now() - started }, 'stopped cleanly');
      else log.error({ outcome, inFlight, ms: Date.now() - started }, 'stopping did not finish: exiting with requests open');
      exit(outcome === 'done' ? 0 : 1);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
