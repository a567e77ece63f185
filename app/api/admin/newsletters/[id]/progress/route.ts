import { z } from 'zod';
import { sendProgress } from '@/db/queries/newsletter-deliveries';
import { requireRole } from '@/lib/auth/guards';

/** Sending progress for the staff page, polled while a send runs. */
export async function GET(_request: Request, ctx: RouteContext<'/api/admin/newsletters/[id]/progress'>) {
  await requireRole('staff', { returnTo: '/admin/newsletters' });
  const parsed = z.uuid().safeParse((await ctx.params).id);
  if (!parsed.success) return Response.json({ error: 'not found' }, { status: 404 });
  return Response.json(await sendProgress(parsed.data), { headers: { 'Cache-Control': 'no-store' } });
}
