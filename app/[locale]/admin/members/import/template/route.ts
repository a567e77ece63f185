import { requireRole } from '@/lib/auth/guards';
import { TEMPLATE_HEADER } from '@/lib/csv/member-import';
import { toCsv, UTF8_BOM } from '@/lib/csv/stream';
import { getPathname } from '@/lib/i18n/navigation';
import { asLocale } from '@/lib/i18n/params';

export const dynamic = 'force-dynamic';

const EXAMPLE = [
  'ana.quispe@example.org',
  'Ana',
  'Quispe',
  '12 Mill Lane',
  '',
  'Leeds',
  'LS1 4AB',
  'United Kingdom',
  'individual',
  'offline',
  '01/04/2025',
  '31/03/2026',
  'yes',
  'Paid by cheque',
];

/** The import template: the header row and one example member. */
export async function GET(_request: Request, ctx: RouteContext<'/[locale]/admin/members/import/template'>) {
  const locale = asLocale((await ctx.params).locale);
  await requireRole('staff', { returnTo: getPathname({ href: '/admin/members/import/template', locale }), locale });
  return new Response(UTF8_BOM + toCsv([TEMPLATE_HEADER, EXAMPLE]), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="members-import-template.csv"',
      'Cache-Control': 'private, no-store',
    },
  });
}
