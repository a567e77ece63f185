import { recordAudit } from '@/db/queries/audit';
import { requireRole } from '@/lib/auth/guards';
import { filterFromQuery, paymentFilterSchema, paymentsCsvStream } from '@/lib/csv/exports';
import { getPathname } from '@/lib/i18n/navigation';
import { asLocale } from '@/lib/i18n/params';

export const dynamic = 'force-dynamic';

/** payments.csv: payments and donations, optionally by date range (from, to), kind and status. */
export async function GET(request: Request, ctx: RouteContext<'/[locale]/admin/payments/export'>) {
  const locale = asLocale((await ctx.params).locale);
  const staff = await requireRole('staff', { returnTo: getPathname({ href: '/admin/payments/export', locale }), locale });
  const filter = filterFromQuery(paymentFilterSchema, new URL(request.url).searchParams);
  await recordAudit({ actorUserId: staff.id, action: 'payments.exported', entityType: 'payment', data: { filter } });
  return new Response(paymentsCsvStream(filter), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="payments.csv"',
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
