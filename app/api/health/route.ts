import { pingDatabase } from '@/db/queries/health';
import { RETRY_AFTER_SECONDS } from '@/lib/http/outage';

export const dynamic = 'force-dynamic';

/** Liveness and database readiness, for load balancers and the test harness. */
export async function GET() {
  const started = performance.now();
  try {
    await Promise.race([pingDatabase(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000))]);
    return Response.json(
      { status: 'ok', database: 'up', latencyMs: Math.round(performance.now() - started) },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  } catch {
    return Response.json(
      { status: 'error', database: 'down' },
      { status: 503, headers: { 'Cache-Control': 'no-store', 'Retry-After': String(RETRY_AFTER_SECONDS) } },
    );
  }
}
