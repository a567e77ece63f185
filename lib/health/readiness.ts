import 'server-only';
import { getSql } from '@/db/client';
import { pendingMigrationsOn } from '@/db/migrate';
import { pingDatabase } from '@/db/queries/health';
import { getStorage } from '@/lib/storage';

// What a load balancer asks before it sends an instance traffic (GET /api/ready), as
// opposed to liveness (GET /api/health: the process answers at all). An instance is ready
// when the database answers, carries every migration this version expects (a new version
// started before `npm run db:migrate` ran must not take traffic), and its file storage
// answers. Each check is bounded, so a hung dependency gives "not ready", not a hung probe.

export type CheckName = 'database' | 'migrations' | 'storage';
/** What GET /api/ready answers: each check, and the migrations still to apply if any. */
export type Readiness = { ready: boolean; checks: Record<CheckName, 'ok' | 'failed' | 'pending' | 'skipped'>; pending?: string[] };

const CHECK_TIMEOUT_MS = 3_000;

// Once this process has seen its migrations applied they stay applied: the probe then
// costs one round trip, not two (a later version only adds migrations).
let migrationsSeenCurrent = false;

function bounded<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export async function readiness(): Promise<Readiness> {
  const checks: Readiness['checks'] = { database: 'failed', migrations: 'skipped', storage: 'failed' };
  let pending: string[] | undefined;
  const database = bounded(pingDatabase()).then(
    () => (checks.database = 'ok'),
    () => undefined,
  );
  const storage = bounded(getStorage().check()).then(
    () => (checks.storage = 'ok'),
    () => undefined,
  );
  await database;
  if (checks.database === 'ok') {
    if (migrationsSeenCurrent) checks.migrations = 'ok';
    else {
      try {
        pending = await bounded(pendingMigrationsOn(getSql()));
        checks.migrations = pending.length ? 'pending' : 'ok';
        migrationsSeenCurrent = pending.length === 0;
      } catch {
        checks.migrations = 'failed';
      }
    }
  }
  await storage;
  const ready = checks.database === 'ok' && checks.migrations === 'ok' && checks.storage === 'ok';
  return { ready, checks, ...(pending?.length ? { pending } : {}) };
}
