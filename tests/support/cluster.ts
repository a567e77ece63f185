// The production topology on loopback: nginx (deploy/nginx's site configuration) in front
// of two standalone app instances, one worker, a fresh Postgres database, an S3-compatible
// store, the Stripe double and an SMTP sink. `npm run cluster` starts it and waits; the
// cluster e2e project (e2e-cluster/) starts its own and drives it, killing and restarting
// instances. Needs a Postgres server (DATABASE_URL) and a build (`npm run build`).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { seedDatabase } from '@/db/seed';
import { S3FileStorage } from '@/lib/storage/s3';
import { startStripeDouble, type StripeDouble } from '../../stripe-double/server';
import { createTemplateDatabase, dropRunDatabases } from './database';
import { startTestS3, type TestS3 } from './s3-server';
import { startSmtpSink, type SmtpSink } from './smtp-sink';
import { freePort } from './wait';

const ROOT = process.cwd();
const STANDALONE = path.join(ROOT, '.next', 'standalone', 'server.js');

export type Instance = { name: 'a' | 'b'; port: number; url: string; process: ChildProcess | null; log: string };

export type Cluster = {
  /** nginx: the address visitors use (SITE_URL). */
  url: string;
  instances: Record<'a' | 'b', Instance>;
  databaseUrl: string;
  mailSinkUrl: string;
  stripeUrl: string;
  /** The Stripe double itself (this process's), to hold, read and deliver its events. */
  stripe: StripeDouble;
  env: Record<string, string>;
  /** Starts an instance (again) and waits until it is ready. */
  start(name: 'a' | 'b'): Promise<void>;
  /** SIGTERM (a rolling restart's stop) or SIGKILL (a crash); resolves when it has exited. */
  stop(name: 'a' | 'b', signal?: 'SIGTERM' | 'SIGKILL'): Promise<number | null>;
  close(): Promise<void>;
};

async function waitUntilReady(url: string, child: ChildProcess, log: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(`${url}/api/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    if (child.exitCode !== null) throw new Error(`${url} exited (${child.exitCode}) before it was ready:\n${log()}`);
    if (Date.now() > deadline) throw new Error(`${url} was not ready within ${timeoutMs} ms:\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function nginxConfig(work: string, port: number, upstreams: number[], extra = ''): string {
  const deploy = path.join(ROOT, 'deploy', 'nginx');
  // The same http-level file and locations as production; only the instances, the cache
  // folder and the listening address (loopback, no TLS) are the cluster's own.
  return `worker_processes 1;
pid ${work}/nginx.pid;
error_log ${work}/nginx-error.log warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path ${work}/nginx-body;
  proxy_temp_path ${work}/nginx-proxy;
  fastcgi_temp_path ${work}/nginx-fastcgi;
  uwsgi_temp_path ${work}/nginx-uwsgi;
  scgi_temp_path ${work}/nginx-scgi;
  include ${deploy}/psg-http.conf;
  upstream psg_app {
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=0;`).join('\n')}
    keepalive 32;
  }
  proxy_cache_path ${work}/nginx-cache levels=1:2 keys_zone=psg_micro:10m max_size=64m inactive=10m use_temp_path=off;
  server {
    listen 127.0.0.1:${port};
    server_name localhost;
    include ${deploy}/psg-locations.conf;
  }
${extra}
}
`;
}

export async function startCluster(opts: {
  serverUrl: string;
  port?: number;
  log?: (line: string) => void;
  /** More of nginx's http block, given the instances' ports (the bench adds servers of its own). */
  extraNginx?: (ports: { a: number; b: number }) => string;
  /** A folder for each process's whole output (instance-a.log, instance-b.log, worker.log), kept across restarts. */
  logDir?: string;
}): Promise<Cluster> {
  if (!fs.existsSync(STANDALONE)) throw new Error('No standalone build: run `npm run build` first.');
  const log = opts.log ?? (() => {});
  if (opts.logDir) fs.mkdirSync(opts.logDir, { recursive: true });
  /** Appends a process's output to its file in logDir, when there is one. */
  const keep = (name: string, child: ChildProcess) => {
    if (!opts.logDir) return;
    const file = path.join(opts.logDir, `${name}.log`);
    for (const stream of [child.stdout, child.stderr]) stream?.on('data', (d: Buffer) => fs.appendFileSync(file, d));
  };
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-cluster-'));
  // nginx's workers run as an unprivileged user when it is started as root: they must reach
  // the cache and temporary folders in here.
  fs.chmodSync(work, 0o755);
  const port = opts.port ?? (await freePort());
  const url = `http://localhost:${port}`;
  const cleanups: (() => Promise<unknown> | unknown)[] = [
    () => fs.rmSync(work, { recursive: true, force: true }),
    // nginx's own error log (why a request failed at the proxy), kept beside the processes' logs; .txt: not a log the scan reads.
    () =>
      opts.logDir &&
      fs.existsSync(`${work}/nginx-error.log`) &&
      fs.copyFileSync(`${work}/nginx-error.log`, path.join(opts.logDir, 'nginx-error.txt')),
  ];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => {});
  };
  try {
    const database = await createTemplateDatabase(opts.serverUrl);
    cleanups.push(() => dropRunDatabases(opts.serverUrl, database));
    const databaseUrl = Object.assign(new URL(opts.serverUrl), { pathname: `/${database}` }).toString();
    await migrateDatabase(databaseUrl);

    const s3: TestS3 = await startTestS3('psg-cluster');
    cleanups.push(() => s3.stop());
    const sink: SmtpSink = await startSmtpSink({ http: true });
    cleanups.push(() => sink.close());
    const webhookSecret = `whsec_cluster_${randomBytes(12).toString('hex')}`;
    const stripe: StripeDouble = await startStripeDouble({
      webhook: `${url}/api/stripe/webhook`,
      webhookSecret,
      retryDelaysMs: [500, 1000, 2000],
    });
    cleanups.push(() => stripe.stop());

    const env: Record<string, string> = {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_MAX: '8',
      SITE_URL: url,
      AUTH_URL: url,
      AUTH_TRUST_HOST: 'true',
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: s3.bucket,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: s3.credentials.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
      SMTP_URL: sink.smtpUrl,
      EMAIL_FROM: 'Peru Support Group <no-reply@psg.test>',
      STRIPE_SECRET_KEY: 'sk_test_cluster',
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      STRIPE_API_BASE: stripe.url,
      JOBS: 'external',
      PAGE_CACHE_SYNC: 'postgres',
      TRUSTED_PROXY_HOPS: '1',
      APP_INTERNAL_URL: url,
      // Every minute, so that e2e-cluster sees a scheduled time pass (production: every 10).
      SCHEDULED_TASKS_CRON: '* * * * *',
      NEXT_MANUAL_SIG_HANDLE: 'true',
      NEXT_TELEMETRY_DISABLED: '1',
      SHUTDOWN_TIMEOUT_SECONDS: '20',
    };
    {
      const { db, sql } = createDb(databaseUrl, 2);
      await seedDatabase(
        db,
        new S3FileStorage({ endpoint: s3.endpoint, region: 'us-east-1', bucket: s3.bucket, credentials: s3.credentials, prefix: '' }),
      );
      await sql.end();
    }

    const instances: Record<'a' | 'b', Instance> = {
      a: { name: 'a', port: await freePort(), url: '', process: null, log: '' },
      b: { name: 'b', port: await freePort(), url: '', process: null, log: '' },
    };
    for (const instance of Object.values(instances)) instance.url = `http://127.0.0.1:${instance.port}`;

    const start = async (name: 'a' | 'b') => {
      const instance = instances[name];
      instance.log = '';
      const child = spawn(process.execPath, [STANDALONE], {
        env: { ...process.env, ...env, PORT: String(instance.port), HOSTNAME: '127.0.0.1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout?.on('data', (d: Buffer) => (instance.log += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (instance.log += d.toString()));
      keep(`instance-${name}`, child);
      instance.process = child;
      await waitUntilReady(instance.url, child, () => instance.log);
      log(`instance ${name} ready on ${instance.url}`);
    };
    const stop = async (name: 'a' | 'b', signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') => {
      const child = instances[name].process;
      if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill(signal);
      const code = await exited;
      instances[name].process = null;
      return code;
    };
    cleanups.push(() => Promise.all([stop('a', 'SIGKILL'), stop('b', 'SIGKILL')]));
    await Promise.all([start('a'), start('b')]);

    const worker = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/run.ts', 'worker'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let workerLog = '';
    worker.stdout?.on('data', (d: Buffer) => (workerLog += d.toString()));
    worker.stderr?.on('data', (d: Buffer) => (workerLog += d.toString()));
    keep('worker', worker);
    cleanups.push(() => worker.exitCode === null && worker.kill('SIGKILL'));

    fs.writeFileSync(
      path.join(work, 'nginx.conf'),
      nginxConfig(work, port, [instances.a.port, instances.b.port], opts.extraNginx?.({ a: instances.a.port, b: instances.b.port })),
    );
    const nginxBin = ['/usr/sbin/nginx', 'nginx'].find((bin) => spawnSync(bin, ['-v']).status === 0);
    if (!nginxBin) throw new Error('nginx is not installed (Debian: apt-get install -y nginx)');
    const nginx = spawn(nginxBin, ['-p', `${work}/`, '-c', `${work}/nginx.conf`, '-g', 'daemon off;'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let nginxLog = '';
    nginx.stderr?.on('data', (d: Buffer) => (nginxLog += d.toString()));
    cleanups.push(() => nginx.exitCode === null && nginx.kill('SIGQUIT'));
    await waitUntilReady(
      url,
      nginx,
      () => `${nginxLog}\n${fs.existsSync(`${work}/nginx-error.log`) ? fs.readFileSync(`${work}/nginx-error.log`, 'utf8') : ''}`,
    );
    if (worker.exitCode !== null) throw new Error(`the worker exited:\n${workerLog}`);
    log(`nginx on ${url}, worker running, mail sink ${sink.httpUrl}`);

    return { url, instances, databaseUrl, mailSinkUrl: sink.httpUrl!, stripeUrl: stripe.url, stripe, env, start, stop, close };
  } catch (error) {
    await close();
    throw error;
  }
}
