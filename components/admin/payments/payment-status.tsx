import type { Payment } from '@/db/schema';

const TONE: Record<Payment['status'], string> = {
  paid: 'border-accent/50 text-accent',
  pending: 'border-muted/50 text-muted',
  failed: 'border-brand/50 text-brand-dark',
  refunded: 'border-brand/50 text-brand-dark',
  partially_refunded: 'border-brand/50 text-brand-dark',
};

/** A payment's status as a small label; the words carry the meaning, the colour only helps. */
export function PaymentStatus({ status, label }: { status: Payment['status']; label: string }) {
  return (
    <span className={`inline-block whitespace-nowrap rounded-full border bg-white px-2 py-0.5 text-sm font-medium ${TONE[status]}`}>
      {label}
    </span>
  );
}
