import { recordAudit } from '@/db/queries/audit';
import { parseListParams } from '@/components/admin/payments/params';
import type { PaymentExportFilter } from '@/db/queries/exports';
import { requireRole } from '@/lib/auth/guards';
import { queryValues } from '@/lib/http/query';
import { paymentsCsvStream } from '@/lib/csv/exports';
import { getPathname } from '@/lib/i18n/navigation';
import { asLocale } from '@/lib/i18n/params';

export const dynamic = 'force-dynamic';

/** payments.csv: payments and donations, optionally by date range (from, to), kind and status. */
export async function GET(request: Request, ctx: RouteContext<'/[locale]/admin/payments/export'>) {
  const locale = asLocale((await ctx.params).locale);
  const staff = await requireRole('staff', { returnTo: getPathname({ href: '/admin/payments/export', locale }), locale });
  // Read like the payments list it is linked from (real calendar days; a bad value is no filter).
  const { filters } = parseListParams(queryValues(new URL(request.url).searchParams));
  const filter: PaymentExportFilter = Object.fromEntries(
    (['from', 'to', 'kind', 'status'] as const).filter((key) => filters[key] !== undefined).map((key) => [key, filters[key]]),
  );
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
