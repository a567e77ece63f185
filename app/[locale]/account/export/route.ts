import { recordAudit } from '@/db/queries/audit';
import { exportPersonalData } from '@/db/queries/personal-data';
import { requireUser } from '@/lib/auth/guards';

export const dynamic = 'force-dynamic';

/** "Download my data": everything we hold about the signed-in person, as JSON. */
export async function GET(_request: Request, ctx: RouteContext<'/[locale]/account/export'>) {
  const { locale } = await ctx.params;
  const user = await requireUser({ returnTo: locale === 'es' ? '/es/account' : '/account', locale: locale === 'es' ? 'es' : 'en' });
  const data = await exportPersonalData(user.id);
  if (!data) return new Response('Not found', { status: 404 });
  await recordAudit({ actorUserId: user.id, action: 'user.data_exported', entityType: 'user', entityId: user.id });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="psg-my-data-${day}.json"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
