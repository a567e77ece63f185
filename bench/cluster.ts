import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { startCluster } from '../tests/support/cluster';
import { freePort } from '../tests/support/wait';

// The production topology (tests/support/cluster.ts), measured side by side in one run:
// nginx serving a page's HTML as a file (the ceiling), one instance directly, the site
// through nginx's micro-cache, and nginx with no cache in front of one instance and of
// two (how throughput scales). Then cold start and memory per instance. Figures only: the
// machine, and what else runs on it, decide them.

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const PAGES = [
  { name: 'home', path: '/' },
  { name: 'library', path: '/publications' },
  { name: 'publication', path: '/publications/eiti-global-meeting-lima-2016' },
];

async function measure(url: string) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

function rssMb(pid: number | undefined): string {
  if (!pid) return '?';
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return (kb / 1024).toFixed(0);
}

export async function clusterFigures(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl?.startsWith('postgres')) {
    console.log('\ncluster (nginx, two instances): skipped, needs a Postgres DATABASE_URL and nginx');
    return;
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-bench-cluster-'));
  fs.chmodSync(work, 0o755);
  const ports = { files: await freePort(), one: await freePort(), two: await freePort() };
  const cluster = await startCluster({
    serverUrl,
    extraNginx: ({ a, b }) => `
  upstream psg_one { server 127.0.0.1:${a}; keepalive 32; }
  upstream psg_two { server 127.0.0.1:${a}; server 127.0.0.1:${b}; keepalive 32; }
  server { listen 127.0.0.1:${ports.files}; root ${work}; location / { try_files /page.html =404; default_type text/html; } }
  server { listen 127.0.0.1:${ports.one}; location / { proxy_pass http://psg_one; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host $http_host; } }
  server { listen 127.0.0.1:${ports.two}; location / { proxy_pass http://psg_two; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host $http_host; } }`,
  });
  try {
    console.log(
      `\ncluster: autocannon -c ${CONNECTIONS} -d ${SECONDS} through nginx, two standalone instances, ${os.cpus().length} cores, Node ${process.versions.node}`,
    );
    const pad = (text: string, n: number) => text.padEnd(n);
    console.log(`${pad('page', 12)} ${pad('target', 34)} ${pad('req/s', 8)} ${pad('p99 ms', 7)} ${pad('of ceiling', 11)} errors`);
    for (const page of PAGES) {
      const html = await (await fetch(`${cluster.url}${page.path}`)).text();
      fs.writeFileSync(path.join(work, 'page.html'), html);
      const ceiling = await measure(`http://127.0.0.1:${ports.files}/`);
      const rows = [
        { name: 'nginx, the HTML as a file (ceiling)', ...ceiling },
        { name: 'one instance, directly', ...(await measure(`${cluster.instances.a.url}${page.path}`)) },
        { name: 'nginx micro-cache, two instances', ...(await measure(`${cluster.url}${page.path}`)) },
        { name: 'nginx no cache, one instance', ...(await measure(`http://127.0.0.1:${ports.one}${page.path}`)) },
        { name: 'nginx no cache, two instances', ...(await measure(`http://127.0.0.1:${ports.two}${page.path}`)) },
      ];
      for (const row of rows) {
        console.log(
          `${pad(page.name, 12)} ${pad(row.name, 34)} ${pad(row.rps.toFixed(0), 8)} ${pad(String(row.p99), 7)} ${pad(`${((row.rps / ceiling.rps) * 100).toFixed(1)}%`, 11)} ${row.errors}`,
        );
      }
      const [, , , one, two] = rows;
      console.log(`${pad(page.name, 12)} two instances / one, no cache: ${(two!.rps / one!.rps).toFixed(2)}x`);
    }
    console.log(
      `\nmemory after the load: instance a ${rssMb(cluster.instances.a.process?.pid)} MB, b ${rssMb(cluster.instances.b.process?.pid)} MB RSS`,
    );
    await cluster.stop('b', 'SIGTERM');
    const started = performance.now();
    await cluster.start('b');
    console.log(
      `cold start of an instance (spawn to /api/ready 200): ${(performance.now() - started).toFixed(0)} ms; RSS then ${rssMb(cluster.instances.b.process?.pid)} MB`,
    );
    console.log('targets: micro-cache >= 50% of the ceiling; one instance directly >= 15% with p99 < 50 ms');
  } finally {
    await cluster.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
