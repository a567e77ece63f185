import { describe, expect, it } from 'vitest';
import { giftAidSchema, parsePounds } from '@/lib/payments/validation';

describe('money typed by people', () => {
  it('reads pounds into integer pence', () => {
    expect(parsePounds('25')).toBe(2500);
    expect(parsePounds('25.5')).toBe(2550);
    expect(parsePounds('£1,000.05')).toBe(100005);
  });
  it('refuses what is not an amount', () => {
    for (const bad of ['0.001', '10.005', 'abc', '-5', '1e9', '', ' ', '12.', '.5x']) expect(parsePounds(bad), bad).toBeNull();
  });
});

describe('Gift Aid declaration', () => {
  const valid = { firstName: 'Rosa', lastName: 'Quispe', houseNameOrNumber: '12', postcode: 'sw1a1aa', scope: 'this_and_future', confirm: 'on' };
  it('accepts a UK postcode in any spacing and normalises it', () => {
    expect(giftAidSchema.parse(valid).postcode).toBe('SW1A 1AA');
    expect(giftAidSchema.parse({ ...valid, postcode: 'n1 9gu' }).postcode).toBe('N1 9GU');
  });
  it('refuses a postcode that is not a UK one, and a missing confirmation', () => {
    expect(giftAidSchema.safeParse({ ...valid, postcode: '15001' }).success).toBe(false);
    expect(giftAidSchema.safeParse({ ...valid, postcode: 'LIMA 01' }).success).toBe(false);
    expect(giftAidSchema.safeParse({ ...valid, confirm: undefined }).success).toBe(false);
  });
});
