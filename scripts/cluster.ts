// npm run cluster: the production topology on loopback (tests/support/cluster.ts), to try
// by hand: nginx in front of two app instances, a worker, a fresh database on the Postgres
// server at DATABASE_URL, an S3-compatible store, the Stripe double and an SMTP sink.
// Ctrl-C stops everything and drops the database.
import { startCluster } from '../tests/support/cluster';

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error('[cluster] needs a Postgres server: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run cluster');
  process.exit(2);
}
const cluster = await startCluster({
  serverUrl,
  port: Number(process.env.CLUSTER_PORT ?? 8080),
  log: (line) => console.log(`[cluster] ${line}`),
});
console.log(
  `[cluster] the site: ${cluster.url}; instances ${cluster.instances.a.url} and ${cluster.instances.b.url}; mails: ${cluster.mailSinkUrl}`,
);
const stop = () => void cluster.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
