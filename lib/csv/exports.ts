import 'server-only';
import { memberExportBatches, paymentExportBatches, type PaymentExportFilter, type PaymentExportRow } from '@/db/queries/exports';
import type { MembershipLifecycleSql } from '@/db/queries/lifecycle-sql';
import type { MemberExportFilter } from '@/lib/membership/staff/member-filter';
import { z } from 'zod';
import { giftAidStatus } from '@/lib/gift-aid/status';
import { csvStream, poundsText } from './stream';

// The two staff exports. Members come out with the import's own headers, so an export can
// be edited and imported back.

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((v) => !Number.isNaN(Date.parse(v)));
export const paymentFilterSchema = z.object({
  from: isoDay.optional().catch(undefined),
  to: isoDay.optional().catch(undefined),
  kind: z.enum(['membership', 'donation']).optional().catch(undefined),
  status: z.enum(['pending', 'paid', 'failed', 'refunded', 'partially_refunded']).optional().catch(undefined),
});

/** Only the filter's own keys, blanks dropped (a GET form sends `status=` for "any"). */
export function filterFromQuery<T extends z.ZodObject>(schema: T, query: URLSearchParams): z.infer<T> {
  const raw = Object.fromEntries([...query.entries()].filter(([key, value]) => key in schema.shape && value !== ''));
  const parsed = schema.parse(raw);
  return Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)) as z.infer<T>;
}

export const MEMBER_CSV_HEADER = [
  'email',
  'name',
  'address line 1',
  'address line 2',
  'city',
  'postcode',
  'country',
  'tier',
  'source',
  'membership status',
  'start date',
  'end date',
  'newsletter',
  'role',
  'account created',
];

/** members.csv: one row per member, streamed. */
export function membersCsvStream(filter: MemberExportFilter, lifecycle: MembershipLifecycleSql): ReadableStream<Uint8Array> {
  return csvStream(MEMBER_CSV_HEADER, memberExportBatches(filter, lifecycle), (m) => [
    m.email,
    m.name,
    m.address_line1,
    m.address_line2,
    m.city,
    m.postcode,
    m.country,
    m.tier_slug,
    m.source,
    m.status,
    m.start_date,
    m.end_date,
    m.newsletter_opt_in,
    m.role,
    m.created_on,
  ]);
}

export const PAYMENT_CSV_HEADER = [
  'date',
  'kind',
  'status',
  'method',
  'amount',
  'refunded',
  'email',
  'name',
  'tier',
  'reference',
  'gift aid eligible',
  'stripe payment',
  'id',
];

/** "yes" while Gift Aid stands on the payment (covered, or on a claim); a refund makes it "no" at once. */
const giftAidStillClaimable = (p: PaymentExportRow) =>
  ['covered', 'onClaim', 'claimed'].includes(
    giftAidStatus(
      { giftAidEligible: p.gift_aid_eligible, giftAidClaimId: p.gift_aid_claim_id, refundedPence: p.refunded_pence, status: p.status },
      p.gift_aid_claimed_at,
    ),
  );

/** payments.csv: one row per payment (membership dues and donations), amounts in pounds. */
export function paymentsCsvStream(filter: PaymentExportFilter): ReadableStream<Uint8Array> {
  return csvStream(PAYMENT_CSV_HEADER, paymentExportBatches(filter), (p) => [
    p.date,
    p.kind,
    p.status,
    p.method,
    poundsText(p.amount_pence),
    poundsText(p.refunded_pence),
    p.email,
    p.name,
    p.tier_slug,
    p.offline_reference,
    giftAidStillClaimable(p),
    p.stripe_payment_intent_id,
    p.id,
  ]);
}
