import { describe, expect, it, vi } from 'vitest';

describe('/api/health', () => {
  it('answers 200 with the database up', async () => {
    const { GET } = await import('@/app/api/health/route');
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', database: 'up' });
  });

  it('answers 503 when the database cannot be reached', async () => {
    const saved = process.env.DATABASE_URL;
    vi.resetModules();
    process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:1/none';
    try {
      const { GET } = await import('@/app/api/health/route');
      const response = await GET();
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'error', database: 'down' });
      const { closeDb } = await import('@/db/client');
      await closeDb();
    } finally {
      process.env.DATABASE_URL = saved;
      vi.resetModules();
    }
  });
});
