import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { expect, test } from '@playwright/test';
import { db } from './support/db';
import { recordServerOutput } from './support/server-log';

// `npm start` stopped by SIGTERM, as a deploy or systemd stops it (against the production
// build, with the job worker inside the server). It stops taking connections at once,
// finishes the request in flight, and exits 0; one still open at SHUTDOWN_TIMEOUT_SECONDS
// is cut off, and the exit code says so. The request is held in flight by a lock on the
// table it reads, taken here (on the embedded database, any open transaction holds it).
test.describe.configure({ mode: 'serial' });

const port = Number(process.env.E2E_PORT ?? 3210) + 9;
const base = `http://localhost:${port}`;

async function startServer(
  timeoutSeconds: number,
): Promise<{ server: ChildProcess; exited: Promise<{ code: number | null; at: number }> }> {
  // Node with tsx's loader, not the tsx wrapper, so that the signal reaches scripts/run.ts itself.
  const server = spawn(process.execPath, ['--import', 'tsx', 'scripts/run.ts', 'start', '-p', String(port)], {
    env: {
      ...process.env,
      SITE_URL: base,
      PORT: String(port),
      SHUTDOWN_TIMEOUT_SECONDS: String(timeoutSeconds),
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  recordServerOutput(server, 'server-stop');
  let log = '';
  server.stdout?.on('data', (d) => (log += d));
  server.stderr?.on('data', (d) => (log += d));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    server.once('exit', (code) => resolve({ code, at: Date.now() })),
  );
  for (let i = 0; ; i++) {
    if (
      await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 120 || server.exitCode !== null) throw new Error(`the server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  server.once(
    'exit',
    () =>
      void test
        .info()
        .attach('server output', { body: log, contentType: 'text/plain' })
        .catch(() => {}),
  );
  return { server, exited };
}

/** Opens a transaction that keeps the library's table locked until `release` is called. */
async function lockPublications() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const done = db().begin(async (tx) => {
    await tx`lock table publications in access exclusive mode`;
    locked();
    await released;
  });
  await isLocked;
  return { release: async () => (release(), await done) };
}

/** True once a connection to the server's port is refused. */
const refusesConnections = () =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });

async function waitUntilWaiting() {
  // On a Postgres server, until the request's query waits for the lock. The embedded
  // database serves one transaction at a time, so there the request waits from its first
  // query, and so would this probe: it gives the request a moment instead.
  if (process.env.E2E_DATABASE !== 'postgres') return void (await new Promise((r) => setTimeout(r, 1000)));
  for (let i = 0; i < 100; i++) {
    const rows = await db()`select 1 from pg_stat_activity where wait_event_type = 'Lock'`.catch(() => []);
    if (rows.length > 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('SIGTERM: no new connections, the request in flight is answered in full, and the server exits 0', async () => {
  test.setTimeout(180_000);
  const { server, exited } = await startServer(20);
  const lock = await lockPublications();
  let released = false;
  try {
    const inFlight = fetch(`${base}/publications?q=water`).then(async (r) => ({ status: r.status, body: await r.text() }));
    await waitUntilWaiting();
    const signalledAt = Date.now();
    server.kill('SIGTERM');
    await expect.poll(refusesConnections, { timeout: 5_000 }).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    expect(server.exitCode, 'still running while its request is in flight').toBeNull();
    await lock.release();
    released = true;
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('Water');
    const { code, at } = await exited;
    expect(code).toBe(0);
    expect(at - signalledAt).toBeLessThan(20_000);
  } finally {
    if (!released) await lock.release();
    server.kill('SIGKILL');
  }
});

test('SIGTERM with a request that will not finish: the server gives up at its timeout and exits 1', async () => {
  test.setTimeout(180_000);
  const { server, exited } = await startServer(3);
  const lock = await lockPublications();
  try {
    const inFlight = fetch(`${base}/publications?q=water`).then(
      (r) => r.status,
      () => 'cut off',
    );
    await waitUntilWaiting();
    const signalledAt = Date.now();
    server.kill('SIGTERM');
    const { code, at } = await exited;
    expect(code).toBe(1);
    expect(at - signalledAt).toBeGreaterThanOrEqual(2_900);
    expect(at - signalledAt).toBeLessThan(10_000);
    expect(await inFlight).toBe('cut off');
  } finally {
    await lock.release();
    server.kill('SIGKILL');
  }
});
