// What a Stripe dispute status means for us (https://docs.stripe.com/disputes/how-disputes-work):
// "lost" is money gone for good; "won", "warning_closed" (an inquiry that never became a
// chargeback) and "prevented" are over with the money kept; anything else, including a
// status Stripe adds later, is still open and may yet be lost.
export type DisputeOutcome = 'open' | 'won' | 'lost';

const KEPT = new Set(['won', 'warning_closed', 'prevented']);

export function disputeOutcome(status: string): DisputeOutcome {
  if (status === 'lost') return 'lost';
  return KEPT.has(status) ? 'won' : 'open';
}

/** The worst of a payment's disputes: one lost outweighs any other, an open one a won one. */
export function worstDisputeOutcome(statuses: string[]): DisputeOutcome | null {
  const outcomes = statuses.map(disputeOutcome);
  if (outcomes.includes('lost')) return 'lost';
  if (outcomes.includes('open')) return 'open';
  return outcomes.length ? 'won' : null;
}
