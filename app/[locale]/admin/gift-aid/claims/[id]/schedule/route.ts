import { z } from 'zod';
import { recordAudit } from '@/db/queries/audit';
import { findClaimSchedule } from '@/db/queries/gift-aid-claims';
import { requireRole } from '@/lib/auth/guards';
import { scheduleLines } from '@/lib/gift-aid/hmrc-schedule';
import { scheduleRowsOds } from '@/lib/gift-aid/schedule-ods';

export const dynamic = 'force-dynamic';

const PRIVATE = { 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' };

/**
 * The claim's donation lines, ready to paste into HMRC's schedule spreadsheet, as .ods
 * (donors' names and addresses: staff only, audited). Not the file to attach to the claim:
 * HMRC takes only its own template; see lib/gift-aid/schedule-ods.ts.
 */
export async function GET(_request: Request, ctx: RouteContext<'/[locale]/admin/gift-aid/claims/[id]/schedule'>) {
  const { locale: raw, id } = await ctx.params;
  const locale = raw === 'es' ? 'es' : 'en';
  const staff = await requireRole('staff', { returnTo: `${locale === 'es' ? '/es' : ''}/admin/gift-aid`, locale });
  const claimId = z.uuid().safeParse(id);
  const schedule = claimId.success ? await findClaimSchedule(claimId.data) : null;
  if (!schedule) return new Response('Not found', { status: 404, headers: PRIVATE });
  const lines = scheduleLines(schedule.donations);
  await recordAudit({
    actorUserId: staff.id,
    action: 'gift_aid.schedule_exported',
    entityType: 'gift_aid_claim',
    entityId: schedule.claim.id,
    data: { rows: lines.length },
  });
  const name = `gift-aid-rows-to-paste-${schedule.claim.periodFrom}-to-${schedule.claim.periodTo}.ods`;
  return new Response(Buffer.from(scheduleRowsOds(lines, locale === 'es' ? 'Filas para pegar' : 'Rows to paste')), {
    headers: {
      ...PRIVATE,
      'Content-Type': 'application/vnd.oasis.opendocument.spreadsheet',
      'Content-Disposition': `attachment; filename="${name}"`,
    },
  });
}
