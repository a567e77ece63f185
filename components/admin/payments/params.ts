import { z } from 'zod';
import type { PaymentCursor, PaymentFilters } from '@/db/queries/admin-payments';
import { cursorCodec } from '@/lib/http/cursor';
import { calendarDay, isIsoInstant, queryValue } from '@/lib/http/query';
import { offlinePaymentMethods, stripePaymentMethods } from '@/lib/payments/methods';

const date = calendarDay;
const FIELDS = {
  kind: z.enum(['membership', 'donation']),
  status: z.enum(['pending', 'paid', 'failed', 'refunded', 'partially_refunded']),
  method: z.enum([...stripePaymentMethods, 'offline', ...offlinePaymentMethods]),
  from: date,
  to: date,
  q: z.string().max(100),
} as const;

/** Where the next page starts: the last payment's time (to the microsecond, as Postgres has it) and id. */
const paymentCursor = cursorCodec('payments', z.object({ createdAt: z.string().refine(isIsoInstant), id: z.uuid() }));

export type ListParams = { filters: PaymentFilters; after: PaymentCursor | null; ignored: boolean };

/** The list's URL query, each filter checked on its own: a bad one is dropped and said so. */
export function parseListParams(search: Record<string, string | string[] | undefined>): ListParams {
  const one = (key: string) => queryValue(search[key]);
  const filters: Record<string, string> = {};
  let ignored = false;
  for (const [key, schema] of Object.entries(FIELDS)) {
    const raw = one(key);
    if (raw === undefined) continue;
    const parsed = schema.safeParse(raw);
    if (parsed.success) filters[key] = parsed.data;
    else ignored = true;
  }
  const after = one('after') === undefined ? null : paymentCursor.decode(one('after'));
  if (one('after') !== undefined && !after) ignored = true;
  return { filters: filters as PaymentFilters, after, ignored };
}

/** The filters as a query string (no cursor), for links that keep them. */
export function filterQuery(filters: PaymentFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra })) if (value) params.set(key, String(value));
  return params.toString();
}

export const cursorParam = (c: PaymentCursor) => paymentCursor.encode(c);
