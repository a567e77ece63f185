import { recordAudit } from '@/db/queries/audit';
import { requireRole } from '@/lib/auth/guards';
import { getMembershipGraceDays } from '@/db/queries/settings';
import { filterFromQuery, membersCsvStream } from '@/lib/csv/exports';
import { queryValues } from '@/lib/http/query';
import { getPathname } from '@/lib/i18n/navigation';
import { asLocale } from '@/lib/i18n/params';
import { membershipLifecycleSql } from '@/lib/membership/lifecycle';
import { memberExportFilterSchema } from '@/lib/membership/staff/member-filter';

export const dynamic = 'force-dynamic';

/** members.csv: the members the list shows for the same filters (q, status, tier, source, expiresWithin), with the status it shows. */
export async function GET(request: Request, ctx: RouteContext<'/[locale]/admin/members/export'>) {
  const locale = asLocale((await ctx.params).locale);
  const staff = await requireRole('staff', { returnTo: getPathname({ href: '/admin/members/export', locale }), locale });
  // NUL and other control characters out first: Postgres cannot compare text holding them.
  const filter = filterFromQuery(memberExportFilterSchema, new URLSearchParams(queryValues(new URL(request.url).searchParams)));
  await recordAudit({ actorUserId: staff.id, action: 'members.exported', entityType: 'member', data: { filter } });
  const lifecycle = membershipLifecycleSql(await getMembershipGraceDays());
  return new Response(membersCsvStream(filter, lifecycle), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="members.csv"',
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
