import { z } from 'zod';
import { recordAudit } from '@/db/queries/audit';
import { findClaimSchedule } from '@/db/queries/gift-aid-claims';
import { requireRole } from '@/lib/auth/guards';
import { scheduleCsv } from '@/lib/gift-aid/schedule-csv';

export const dynamic = 'force-dynamic';

const PRIVATE = { 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' };

/** The claim's HMRC Charities Online schedule, as CSV (donors' names and addresses: staff only, audited). */
export async function GET(_request: Request, ctx: RouteContext<'/[locale]/admin/gift-aid/claims/[id]/schedule'>) {
  const { locale: raw, id } = await ctx.params;
  const locale = raw === 'es' ? 'es' : 'en';
  const staff = await requireRole('staff', { returnTo: `${locale === 'es' ? '/es' : ''}/admin/gift-aid`, locale });
  const claimId = z.uuid().safeParse(id);
  const schedule = claimId.success ? await findClaimSchedule(claimId.data) : null;
  if (!schedule) return new Response('Not found', { status: 404, headers: PRIVATE });
  await recordAudit({ actorUserId: staff.id, action: 'gift_aid.schedule_exported', entityType: 'gift_aid_claim', entityId: schedule.claim.id, data: { rows: schedule.donations.length } });
  const name = `gift-aid-schedule-${schedule.claim.periodFrom}-to-${schedule.claim.periodTo}.csv`;
  return new Response(scheduleCsv(schedule.donations), {
    headers: { ...PRIVATE, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"` },
  });
}
