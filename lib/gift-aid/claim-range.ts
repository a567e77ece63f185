import { createHash } from 'node:crypto';
import { z } from 'zod';

// The period staff claim for: two calendar days in UK time, both included.

const isoDay = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && d.getUTCFullYear() >= 2000;
  }, 'date');

/** Today's date in the UK, as YYYY-MM-DD. */
export function ukToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export const claimRangeSchema = z
  .object({ from: isoDay, to: isoDay })
  .refine((r) => r.to <= ukToday(), { path: ['to'], message: 'future' })
  .refine((r) => r.from <= r.to, { path: ['from'], message: 'order' });

export type ClaimRange = z.infer<typeof claimRangeSchema>;
export type ClaimRangeErrors = Partial<Record<'from' | 'to', 'date' | 'future' | 'order'>>;

/** Parses the GET form; errors are per field, in the words of the messages file. */
export function parseClaimRange(input: {
  from?: unknown;
  to?: unknown;
}): { ok: true; range: ClaimRange } | { ok: false; errors: ClaimRangeErrors } {
  const parsed = claimRangeSchema.safeParse({ from: String(input.from ?? ''), to: String(input.to ?? '') });
  if (parsed.success) return { ok: true, range: parsed.data };
  const errors: ClaimRangeErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as 'from' | 'to';
    errors[field] ??= (['date', 'future', 'order'].includes(issue.message) ? issue.message : 'date') as 'date' | 'future' | 'order';
  }
  return { ok: false, errors };
}

/**
 * Names exactly one set of payments. The claim form carries it, so a claim is made of the
 * payments staff saw, not of whatever arrived while they were reading.
 */
export function paymentSetFingerprint(paymentIds: string[]): string {
  return createHash('sha256')
    .update([...paymentIds].sort().join(','))
    .digest('hex')
    .slice(0, 32);
}
