export const dynamic = 'force-dynamic';

/**
 * Liveness: the process is up and answers. It asks nothing of the database or storage,
 * so that a supervisor never restarts a healthy instance because a dependency is down;
 * whether to send it traffic is /api/ready's question.
 */
export function GET() {
  return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
}
