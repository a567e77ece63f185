// Stripe's published test cards and Bacs test accounts (https://docs.stripe.com/testing,
// https://docs.stripe.com/payments/bacs-debit/accept-a-payment#testing), and what each
// does. The hosted pages offer them; the control API accepts their numbers.

export type CardBehaviour = 'succeeds' | 'authenticate' | 'decline' | 'charge_fails' | 'dispute' | 'refund_fails';

export type TestCard = {
  number: string;
  brand: string;
  label: string;
  behaviour: CardBehaviour;
  declineCode?: string;
  declineMessage?: string;
};

export const TEST_CARDS: TestCard[] = [
  { number: '4242424242424242', brand: 'visa', label: 'Succeeds', behaviour: 'succeeds' },
  // "Always authenticate": 3-D Secure on every payment, on-session and off-session.
  { number: '4000002760003184', brand: 'visa', label: '3-D Secure required on every payment', behaviour: 'authenticate' },
  {
    number: '4000000000000002',
    brand: 'visa',
    label: 'Declined (generic_decline)',
    behaviour: 'decline',
    declineCode: 'generic_decline',
    declineMessage: 'Your card was declined.',
  },
  {
    number: '4000000000009995',
    brand: 'visa',
    label: 'Declined (insufficient_funds)',
    behaviour: 'decline',
    declineCode: 'insufficient_funds',
    declineMessage: 'Your card has insufficient funds.',
  },
  // Attaches to a customer, then every charge fails: how renewals fail in test mode.
  {
    number: '4000000000000341',
    brand: 'visa',
    label: 'Saved, but every later charge fails',
    behaviour: 'charge_fails',
    declineCode: 'generic_decline',
    declineMessage: 'Your card was declined.',
  },
  { number: '4000000000000259', brand: 'visa', label: 'Succeeds, then disputed as fraudulent', behaviour: 'dispute' },
  // The charge succeeds; a refund starts as succeeded and later fails.
  { number: '4000000000005126', brand: 'visa', label: 'Succeeds; a refund later fails', behaviour: 'refund_fails' },
];

export function cardFor(number: string): TestCard | undefined {
  const digits = number.replace(/\s+/g, '');
  return TEST_CARDS.find((c) => c.number === digits);
}

/** Bacs test accounts (sort code 10-88-00): 00012345 succeeds, 90012345 fails after processing. */
export const BACS_ACCOUNTS: Record<string, 'succeeds' | 'fails'> = { '00012345': 'succeeds', '90012345': 'fails' };

export function bacsAccountFor(account: string): 'succeeds' | 'fails' | undefined {
  return BACS_ACCOUNTS[account.replace(/\s+/g, '')];
}
