import { describe, expect, it, vi } from 'vitest';
import { SIGN_IN_LIMITS } from '@/lib/auth/rate-limit';

type Instance = { consume: (email: string, ip: string) => Promise<{ allowed: boolean }>; close: () => Promise<void> };

// A second "app instance": the module graph loaded again, with its own limiter objects
// and its own database pool. Only the database is shared.
async function startInstance(): Promise<Instance> {
  vi.resetModules();
  const { consumeSignInAttempt } = await import('@/lib/auth/rate-limit');
  const { closeDb } = await import('@/db/client');
  return { consume: consumeSignInAttempt, close: closeDb };
}

describe('sign-in mail limits', () => {
  it('holds per address across two app instances sharing one database', async () => {
    const a = await startInstance();
    const b = await startInstance();
    try {
      const email = `shared-${Date.now()}@example.org`;
      const results: boolean[] = [];
      for (let i = 0; i < SIGN_IN_LIMITS.perAddress.points + 2; i++) {
        const instance = i % 2 === 0 ? a : b;
        results.push((await instance.consume(email, `10.0.0.${i}`)).allowed);
      }
      expect(results).toEqual([true, true, true, true, true, false, false]);
      // Another address is unaffected.
      expect((await b.consume(`other-${Date.now()}@example.org`, '10.0.1.1')).allowed).toBe(true);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('allows exactly the limit when both instances are hit at the same moment', async () => {
    const a = await startInstance();
    const b = await startInstance();
    try {
      const email = `burst-${Date.now()}@example.org`;
      const attempts = Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).consume(email, `10.1.0.${i}`));
      const allowed = (await Promise.all(attempts)).filter((r) => r.allowed).length;
      expect(allowed).toBe(SIGN_IN_LIMITS.perAddress.points);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('limits one IP across addresses', async () => {
    const a = await startInstance();
    try {
      const ip = `192.0.2.${Math.floor(Math.random() * 250)}`;
      const results = [];
      for (let i = 0; i < SIGN_IN_LIMITS.perIp.points + 1; i++)
        results.push((await a.consume(`ip-${i}-${Date.now()}@example.org`, ip)).allowed);
      expect(results.filter(Boolean)).toHaveLength(SIGN_IN_LIMITS.perIp.points);
      expect(results.at(-1)).toBe(false);
    } finally {
      await a.close();
    }
  });
});
