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
  const valid = {
    firstName: 'Rosa',
    lastName: 'Quispe',
    houseNameOrNumber: '12',
    postcode: 'sw1a1aa',
    scope: 'this_and_future',
    confirm: 'on',
  };
  it('accepts a UK postcode in any spacing and normalises it', () => {
    expect(giftAidSchema.parse(valid).postcode).toBe('SW1A 1AA');
    expect(giftAidSchema.parse({ ...valid, postcode: 'n1 9gu' }).postcode).toBe('N1 9GU');
  });
  it('refuses a postcode that is not a UK one, and a missing confirmation', () => {
    expect(giftAidSchema.safeParse({ ...valid, postcode: '15001' }).success).toBe(false);
    expect(giftAidSchema.safeParse({ ...valid, postcode: 'LIMA 01' }).success).toBe(false);
    expect(giftAidSchema.safeParse({ ...valid, confirm: undefined }).success).toBe(false);
  });
  it("a UK taxpayer living abroad: the full address in the house box, and HMRC's X as postcode", () => {
    const abroad = { ...valid, overseas: 'on', houseNameOrNumber: '12 Rue de Rivoli, 75001 Paris, France', postcode: '' };
    expect(giftAidSchema.parse(abroad)).toMatchObject({ houseNameOrNumber: '12 Rue de Rivoli, 75001 Paris, France', postcode: 'X' });
    // Whatever was typed in the postcode box, a foreign code is never stored as if it were one.
    expect(giftAidSchema.parse({ ...abroad, postcode: '75001' }).postcode).toBe('X');
    // HMRC's schedule box holds 40 characters: a longer address is refused, not cut.
    expect(giftAidSchema.safeParse({ ...abroad, houseNameOrNumber: 'x'.repeat(41) }).success).toBe(false);
  });
  it('shows every problem at once: a missing name and a bad postcode together', () => {
    const result = giftAidSchema.safeParse({ ...valid, firstName: '', postcode: '75008' });
    expect(result.success ? [] : result.error.issues.map((i) => [i.path[0], i.message])).toEqual([
      ['firstName', 'required'],
      ['postcode', 'ukPostcode'],
    ]);
    // The confirmation box left unticked still lets the postcode be checked beside it.
    const unticked = giftAidSchema.safeParse({ ...valid, confirm: undefined, postcode: '75008' });
    expect(unticked.success ? [] : unticked.error.issues.map((i) => [i.path[0], i.message])).toEqual([
      ['confirm', 'confirm'],
      ['postcode', 'ukPostcode'],
    ]);
    // X is HMRC's word for "abroad": the donor says so with the box, not by typing it.
    expect(giftAidSchema.safeParse({ ...valid, postcode: 'X' }).success).toBe(false);
  });
});
