import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

// The production recipe in deploy/ is checked by the programs that will read it: nginx
// parses the site's configuration as installed (deploy/README.md's layout under
// /etc/nginx), and systemd checks the units. Only what cannot exist on a test machine
// is swapped: the TLS certificate (a self-signed one) and the Node binary's path (this
// process's). CI installs nginx (.ci/run); a laptop without nginx or systemd skips these.
const DEPLOY = path.join(process.cwd(), 'deploy');
const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-deploy-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe.skipIf(!has('nginx') || !has('openssl'))('the nginx configuration', () => {
  it('passes nginx -t as installed, with TLS, the upstream, the micro-cache and the per-route body limits', () => {
    const etc = path.join(work, 'nginx');
    for (const dir of ['conf.d', 'snippets', 'sites-enabled', 'tls']) fs.mkdirSync(path.join(etc, dir), { recursive: true });
    fs.copyFileSync(path.join(DEPLOY, 'nginx/psg-http.conf'), path.join(etc, 'conf.d/psg-http.conf'));
    // The cache's folder is the one thing nginx creates at start; keep it inside the test's.
    fs.writeFileSync(
      path.join(etc, 'conf.d/psg-upstream.conf'),
      fs.readFileSync(path.join(DEPLOY, 'nginx/psg-upstream.conf'), 'utf8').replace('/var/cache/psg-nginx', path.join(work, 'cache')),
    );
    fs.copyFileSync(path.join(DEPLOY, 'nginx/psg-locations.conf'), path.join(etc, 'snippets/psg-locations.conf'));
    const site = fs.readFileSync(path.join(DEPLOY, 'nginx/psg-site.conf'), 'utf8');
    expect(site).toContain('/etc/letsencrypt/live/example.org/');
    expect(site).toContain('access_log /var/log/nginx/psg-access.log psg;');
    fs.writeFileSync(
      path.join(etc, 'sites-enabled/psg'),
      // nginx -t opens the access log: the test's own folder, not the machine's.
      site.replaceAll('/etc/letsencrypt/live/example.org/', `${etc}/tls/`).replaceAll('/var/log/nginx/', `${work}/`),
    );
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
    const test = spawnSync('nginx', ['-t', '-p', `${etc}/`, '-c', `${etc}/nginx.conf`, '-g', `pid ${work}/nginx.pid; error_log stderr;`], {
      encoding: 'utf8',
    });
    expect(test.stderr).toContain('test is successful');
    expect(test.stderr).not.toMatch(/\[(warn|emerg|crit)\]/);
    expect(test.status).toBe(0);
  });
});

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
