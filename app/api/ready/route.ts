import { RETRY_AFTER_SECONDS } from '@/lib/http/outage';
import { readiness } from '@/lib/health/readiness';

export const dynamic = 'force-dynamic';

/**
 * Readiness, for a load balancer deciding whether to send this instance traffic: the
 * database answers, every migration this version expects is applied, and file storage
 * answers (lib/health/readiness.ts). 503 with what failed otherwise. Public and without
 * input: it says which dependency is down, never why (no hosts, no errors).
 */
export async function GET() {
  const result = await readiness();
  return Response.json(
    { status: result.ready ? 'ready' : 'not ready', ...result },
    {
      status: result.ready ? 200 : 503,
      headers: { 'Cache-Control': 'no-store', ...(result.ready ? {} : { 'Retry-After': String(RETRY_AFTER_SECONDS) }) },
    },
  );
}
