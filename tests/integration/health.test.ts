import { describe, expect, it, vi } from 'vitest';
import { getSql } from '@/db/client';

// Liveness (GET /api/health) and readiness (GET /api/ready), as a load balancer and a
// supervisor read them.

async function readyWith(env: Record<string, string>) {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  vi.resetModules();
  Object.assign(process.env, env);
  try {
    const { GET } = await import('@/app/api/ready/route');
    const response = await GET();
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
  } finally {
    await (await import('@/db/client')).closeDb();
    Object.assign(process.env, saved);
    vi.resetModules();
  }
}

describe('/api/health (liveness)', () => {
  it('answers 200 while the process serves, even with the database down', async () => {
    const { GET } = await import('@/app/api/health/route');
    const response = GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});

describe('/api/ready (readiness)', () => {
  it('is not ready while a migration of this version is not applied, and says which', async () => {
    const [last] = await getSql()<{ id: number; hash: string; created_at: string }[]>`
      select id, hash, created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`;
    await getSql()`delete from drizzle.__drizzle_migrations where id = ${last!.id}`;
    try {
      const { status, body } = await readyWith({});
      expect(status).toBe(503);
      expect(body.checks).toMatchObject({ database: 'ok', migrations: 'pending', storage: 'ok' });
      expect(body.pending).toHaveLength(1);
    } finally {
      await getSql()`insert into drizzle.__drizzle_migrations (id, hash, created_at) values (${last!.id}, ${last!.hash}, ${last!.created_at})`;
    }
  });

  it('is ready with the database, its migrations and storage all there', async () => {
    const { status, body } = await readyWith({});
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ready', ready: true, checks: { database: 'ok', migrations: 'ok', storage: 'ok' } });
  });

  it('is not ready, with Retry-After, when the database cannot be reached', async () => {
    const { status, retryAfter, body } = await readyWith({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
    expect(status).toBe(503);
    expect(retryAfter).toBe('30');
    expect(body.checks).toMatchObject({ database: 'failed', migrations: 'skipped', storage: 'ok' });
  });

  it('is not ready when file storage cannot be written', async () => {
    const { status, body } = await readyWith({ STORAGE_DRIVER: 'local', STORAGE_DIR: '/proc/psg-not-writable' });
    expect(status).toBe(503);
    expect(body.checks).toMatchObject({ database: 'ok', storage: 'failed' });
  });
});
