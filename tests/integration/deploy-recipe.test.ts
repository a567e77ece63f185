import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { freePort, until } from '../support/wait';

// The production recipe in deploy/ is checked by the programs that will read it: nginx
// parses the site's configuration as installed (deploy/README.md's layout under
// /etc/nginx), and systemd checks the units. Only what cannot exist on a test machine
// is swapped: the TLS certificate (a self-signed one) and the Node binary's path (this
// process's). CI installs nginx (.ci/run); a laptop without nginx or systemd skips these.
const DEPLOY = path.join(process.cwd(), 'deploy');
const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-deploy-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/**
 * deploy/nginx/ installed as deploy/README.md lays it out under an /etc/nginx of the test's
 * own, with a self-signed certificate for example.org. `rewrite` changes the site and the
 * upstream (ports) for a live run; nginx -t sees them as shipped.
 */
function installNginx(name: string, rewrite: { site?: (text: string) => string; upstream?: (text: string) => string } = {}): string {
  const etc = path.join(work, name);
  for (const dir of ['conf.d', 'snippets', 'sites-enabled', 'tls', 'cache']) fs.mkdirSync(path.join(etc, dir), { recursive: true });
  fs.copyFileSync(path.join(DEPLOY, 'nginx/psg-http.conf'), path.join(etc, 'conf.d/psg-http.conf'));
  // The cache's folder is the one thing nginx creates at start; keep it inside the test's.
  const upstream = fs
    .readFileSync(path.join(DEPLOY, 'nginx/psg-upstream.conf'), 'utf8')
    .replace('/var/cache/psg-nginx', path.join(etc, 'cache'));
  fs.writeFileSync(path.join(etc, 'conf.d/psg-upstream.conf'), rewrite.upstream ? rewrite.upstream(upstream) : upstream);
  fs.copyFileSync(path.join(DEPLOY, 'nginx/psg-locations.conf'), path.join(etc, 'snippets/psg-locations.conf'));
  const site = fs.readFileSync(path.join(DEPLOY, 'nginx/psg-site.conf'), 'utf8');
  expect(site).toContain('/etc/letsencrypt/live/example.org/');
  expect(site).toContain('access_log /var/log/nginx/psg-access.log psg;');
  // nginx opens the access log: the test's own folder, not the machine's.
  const installed = site.replaceAll('/etc/letsencrypt/live/example.org/', `${etc}/tls/`).replaceAll('/var/log/nginx/', `${etc}/`);
  fs.writeFileSync(path.join(etc, 'sites-enabled/psg'), rewrite.site ? rewrite.site(installed) : installed);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      '/CN=example.org',
      '-days',
      '1',
      '-keyout',
      `${etc}/tls/privkey.pem`,
      '-out',
      `${etc}/tls/fullchain.pem`,
    ],
    { stdio: 'ignore' },
  );
  // Debian's nginx.conf, reduced to what includes the site.
  fs.writeFileSync(
    path.join(etc, 'nginx.conf'),
    'events {}\nhttp {\n  include /etc/nginx/mime.types;\n  include conf.d/*.conf;\n  include sites-enabled/*;\n}\n',
  );
  return etc;
}

describe.skipIf(!has('nginx') || !has('openssl'))('the nginx configuration', () => {
  it('passes nginx -t as installed, with TLS, the upstream, the micro-cache and the per-route body limits', () => {
    const etc = installNginx('nginx');
    const test = spawnSync('nginx', ['-t', '-p', `${etc}/`, '-c', `${etc}/nginx.conf`, '-g', `pid ${work}/nginx.pid; error_log stderr;`], {
      encoding: 'utf8',
    });
    expect(test.stderr).toContain('test is successful');
    expect(test.stderr).not.toMatch(/\[(warn|emerg|crit)\]/);
    expect(test.status).toBe(0);
  });

  // The same files running, on loopback ports instead of 80 and 443, in front of a stand-in
  // for the app that answers with what it was sent: what a visitor and the app would see.
  it('serves HTTPS in front of the app: HTTP moves to HTTPS, nginx sets the forwarded headers, limits bodies, compresses', async () => {
    type Seen = { url: string; headers: http.IncomingHttpHeaders; bytes: number };
    const seen: Seen[] = [];
    const app = http.createServer((request, response) => {
      let bytes = 0;
      request.on('data', (chunk: Buffer) => (bytes += chunk.length));
      request.on('end', () => {
        seen.push({ url: request.url ?? '', headers: request.headers, bytes });
        // What the app sends on every page (lib/http/csp.ts): nginx must not add another.
        response.setHeader('strict-transport-security', 'max-age=63072000; includeSubDomains');
        response.setHeader('content-type', 'text/html; charset=utf-8');
        response.end(`<!doctype html><title>stand-in</title>${'<p>Peru Support Group</p>'.repeat(100)}`);
      });
    });
    const appPort = await listen(app);
    const [httpPort, httpsPort] = [await freePort(), await freePort()];
    const etc = installNginx('nginx-live', {
      site: (text) =>
        text
          .replace(/listen \[::\]:80;\n/, '')
          .replace(/listen \[::\]:443 ssl http2;\n/, '')
          .replace('listen 80;', `listen 127.0.0.1:${httpPort};`)
          .replace('listen 443 ssl http2;', `listen 127.0.0.1:${httpsPort} ssl http2;`),
      upstream: (text) => text.replace('server 127.0.0.1:3000', `server 127.0.0.1:${appPort}`),
    });
    // Started as root, nginx's workers run as nobody: they must reach the cache folder.
    for (const dir of [work, etc]) fs.chmodSync(dir, 0o755);
    fs.chmodSync(path.join(etc, 'cache'), 0o777);
    const nginx = spawn(
      'nginx',
      ['-p', `${etc}/`, '-c', `${etc}/nginx.conf`, '-g', `daemon off; pid ${etc}/nginx.pid; error_log stderr;`],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let nginxLog = '';
    nginx.stderr.on('data', (d: Buffer) => (nginxLog += d.toString()));
    try {
      await until(
        () =>
          tlsRequest(httpsPort, { path: '/api/health' }).then(
            () => true,
            () => false,
          ),
        10_000,
        `nginx to start:\n${nginxLog}`,
      );

      // Plain HTTP: one redirect to the same address on HTTPS, and nothing reaches the app.
      const before = seen.length;
      const plain = await new Promise<http.IncomingMessage>((resolve, reject) =>
        http
          .get({ host: '127.0.0.1', port: httpPort, path: '/join?tier=individual', headers: { host: 'example.org' } }, resolve)
          .on('error', reject),
      );
      plain.resume();
      expect(plain.statusCode).toBe(301);
      expect(plain.headers.location).toBe('https://example.org/join?tier=individual');
      expect(seen.length).toBe(before);

      // HTTPS, TLS 1.3 with HTTP/2 offered; the client's own X-Forwarded-For and request id
      // are replaced by what nginx knows.
      const page = await tlsRequest(httpsPort, {
        path: '/publications?q=x',
        headers: { 'x-forwarded-for': '203.0.113.9', 'x-request-id': 'forged', 'accept-encoding': 'gzip' },
      });
      expect(page.protocol).toBe('TLSv1.3');
      expect(await alpnChosen(httpsPort, ['h2', 'http/1.1'])).toBe('h2');
      expect(page.status).toBe(200);
      const upstream = seen.at(-1)!;
      expect(upstream.url).toBe('/publications?q=x');
      expect(upstream.headers['x-forwarded-for']).toBe('127.0.0.1');
      expect(upstream.headers['x-forwarded-proto']).toBe('https');
      expect(upstream.headers.host).toBe('example.org');
      expect(upstream.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
      expect(page.headers['x-request-id']).toBe(upstream.headers['x-request-id']);
      expect(page.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
      expect(page.headers['content-encoding']).toBe('gzip');
      expect(zlib.gunzipSync(page.body).toString()).toContain('<title>stand-in</title>');

      // Anonymous pages come from the micro-cache for a second; a session cookie bypasses it.
      await tlsRequest(httpsPort, { path: '/about' });
      expect((await tlsRequest(httpsPort, { path: '/about' })).headers['x-cache']).toBe('HIT');
      const signedIn = await tlsRequest(httpsPort, { path: '/about', headers: { cookie: '__Secure-authjs.session-token=abc' } });
      expect(signedIn.headers['x-cache']).toBe('BYPASS');

      // Bodies: 1 MB for pages and actions, more only on the upload routes, which stream.
      const twoMb = Buffer.alloc(2 * 1024 * 1024, 0x41);
      expect((await tlsRequest(httpsPort, { path: '/donate', method: 'POST', body: twoMb })).status).toBe(413);
      const upload = await tlsRequest(httpsPort, { path: '/api/admin/publications', method: 'POST', body: twoMb });
      expect(upload.status).toBe(200);
      expect(seen.at(-1)).toMatchObject({ url: '/api/admin/publications', bytes: twoMb.length });
    } finally {
      nginx.kill('SIGQUIT');
      await new Promise((resolve) => nginx.once('exit', resolve));
      await new Promise((resolve) => app.close(resolve));
    }
  });
});

type TlsAnswer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer; protocol: string | null };

/** The protocol the server picks from those offered in the TLS handshake (ALPN). */
function alpnChosen(port: number, offered: string[]): Promise<string | false | null> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect(
      { host: '127.0.0.1', port, servername: 'example.org', rejectUnauthorized: false, ALPNProtocols: offered },
      () => {
        resolve(socket.alpnProtocol);
        socket.end();
      },
    );
    socket.on('error', reject);
  });
}

/** One HTTPS request to nginx on loopback as example.org (the test's self-signed certificate). */
function tlsRequest(
  port: number,
  options: { path: string; method?: string; headers?: Record<string, string>; body?: Buffer },
): Promise<TlsAnswer> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      {
        host: '127.0.0.1',
        port,
        servername: 'example.org',
        rejectUnauthorized: false,
        agent: false,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { host: 'example.org', ...options.headers, ...(options.body ? { 'content-length': String(options.body.length) } : {}) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const socket = response.socket as tls.TLSSocket;
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
            protocol: socket.getProtocol(),
          });
        });
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

describe.skipIf(!has('systemd-analyze'))('the systemd units', () => {
  it('pass systemd-analyze verify with no warning: two web instances, the worker and the migrations', () => {
    const units = path.join(work, 'systemd');
    fs.mkdirSync(units, { recursive: true });
    for (const file of fs.readdirSync(path.join(DEPLOY, 'systemd'))) {
      const text = fs.readFileSync(path.join(DEPLOY, 'systemd', file), 'utf8');
      expect(text, file).toContain('/opt/psg/node/bin/node');
      fs.writeFileSync(path.join(units, file), text.replaceAll('/opt/psg/node/bin/node', process.execPath));
    }
    const verify = spawnSync(
      'systemd-analyze',
      [
        'verify',
        '--man=no',
        ...['psg-web@3000.service', 'psg-web@3001.service', 'psg-worker.service', 'psg-migrate.service'].map((unit) =>
          path.join(units, unit),
        ),
      ],
      { encoding: 'utf8' },
    );
    // Lines about our files are warnings (an unknown setting, a typo); others are the host's own units.
    const ours = `${verify.stdout}${verify.stderr}`.split('\n').filter((line) => line.includes(units) || /psg-/.test(line));
    expect(ours).toEqual([]);
    expect(verify.status).toBe(0);
  });
});

describe('the environment file template', () => {
  it('holds settings the app accepts: every section of lib/env validates them (S3 ones too, once uncommented)', async () => {
    const text = fs.readFileSync(path.join(DEPLOY, 'psg.env.example'), 'utf8');
    const parse = (lines: string[]) =>
      Object.fromEntries(
        lines
          .map((line) => line.trim())
          .filter((line) => /^[A-Z_0-9]+=/.test(line))
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1).replace(/^"(.*)"$/, '$1')]),
      );
    // systemd reads it (EnvironmentFile), and so does a shell running a one-off command (deploy/README.md).
    const sourced = spawnSync('bash', ['-c', 'set -a; . "$0"; printf %s "$EMAIL_FROM"', path.join(DEPLOY, 'psg.env.example')], {
      encoding: 'utf8',
    });
    expect(sourced.stderr).toBe('');
    expect(sourced.stdout).toBe('Peru Support Group <office@example.org>');
    const settings = parse(text.split('\n'));
    expect(settings).toMatchObject({ JOBS: 'external', TRUSTED_PROXY_HOPS: '1', PAGE_CACHE_SYNC: 'postgres', LOG_LEVEL: 'info' });
    const withS3 = { ...settings, ...parse(text.split('\n').map((line) => line.replace(/^#(S3_|STORAGE_DRIVER=s3)/, '$1'))) };
    const cases: [string, Record<string, string>][] = [
      ['as written', settings],
      ['with the S3 lines', { ...withS3, S3_ACCESS_KEY_ID: 'key', S3_SECRET_ACCESS_KEY: 'secret' }],
    ];
    for (const [label, env] of cases) {
      const saved = { ...process.env };
      vi.resetModules();
      Object.assign(process.env, env);
      try {
        const sections = await import('@/lib/env');
        for (const section of [
          sections.serverEnv,
          sections.mailEnv,
          sections.authEnv,
          sections.paymentsEnv,
          sections.proxyEnv,
          sections.jobsEnv,
          sections.logEnv,
        ]) {
          expect(() => section(), label).not.toThrow();
        }
        if (env.STORAGE_DRIVER === 's3') expect(() => sections.s3Env(), label).not.toThrow();
      } finally {
        for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
        Object.assign(process.env, saved);
        vi.resetModules();
      }
    }
  });
});
