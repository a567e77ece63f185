import { recordAudit } from '@/db/queries/audit';
import { requireRole } from '@/lib/auth/guards';
import { filterFromQuery, memberFilterSchema, membersCsvStream } from '@/lib/csv/exports';
import { queryValues } from '@/lib/http/query';
import { getPathname } from '@/lib/i18n/navigation';
import { asLocale } from '@/lib/i18n/params';

export const dynamic = 'force-dynamic';

/** members.csv, with the members list's filters (q, status, tier, source, expiresWithin) when given. */
export async function GET(request: Request, ctx: RouteContext<'/[locale]/admin/members/export'>) {
  const locale = asLocale((await ctx.params).locale);
  const staff = await requireRole('staff', { returnTo: getPathname({ href: '/admin/members/export', locale }), locale });
  // NUL and other control characters out first: Postgres cannot compare text holding them.
  const filter = filterFromQuery(memberFilterSchema, new URLSearchParams(queryValues(new URL(request.url).searchParams)));
  await recordAudit({ actorUserId: staff.id, action: 'members.exported', entityType: 'member', data: { filter } });
  return new Response(membersCsvStream(filter), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="members.csv"',
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
