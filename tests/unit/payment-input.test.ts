import { describe, expect, it } from 'vitest';
import { giftAidSchema, parsePounds } from '@/lib/payments/validation';

describe('money typed by people', () => {
  it('reads pounds into integer pence', () => {
    expect(parsePounds('25')).toBe(2500);
    expect(parsePounds('25.5')).toBe(2550);
    expect(parsePounds('£1,000.05')).toBe(100005);
  });
  // The Spanish form says "como 30 o 30,50"; es-ES writes 1.000,50 (CLDR). Read as English
  // only, "30,50" became £3,050 and "1.000" £1.
  it('reads the Spanish way of writing amounts as the same amounts', () => {
    expect(parsePounds('30,50')).toBe(3050);
    expect(parsePounds('30,5')).toBe(3050);
    expect(parsePounds('1.000')).toBe(100000);
    expect(parsePounds('10.000')).toBe(1000000);
    expect(parsePounds('1.000,50')).toBe(100050);
    expect(parsePounds('25 £')).toBe(2500);
    expect(parsePounds('1 500')).toBeNull();
  });
  // Held to CLDR as the runtime's Intl writes it, not to our reading: whatever en-GB or es-ES
  // prints for an amount (grouped or not, with the pound sign before or after) reads back as it.
  it('reads back every amount as en-GB and es-ES write it', () => {
    for (const locale of ['en-GB', 'es-ES'])
      for (const pence of [100, 3050, 99999, 100000, 100050, 999999, 1000000]) {
        const number = new Intl.NumberFormat(locale, { minimumFractionDigits: 2 }).format(pence / 100);
        const money = new Intl.NumberFormat(locale, { style: 'currency', currency: 'GBP', currencyDisplay: 'narrowSymbol' }).format(
          pence / 100,
        );
        expect(parsePounds(number), `${locale} ${number}`).toBe(pence);
        expect(parsePounds(money), `${locale} ${money}`).toBe(pence);
      }
  });
  it('refuses what is not an amount, or could be read as two amounts', () => {
    for (const bad of [
      '0.001',
      '10.0050',
      '1,000,50',
      '1.000.50',
      '1,000.000',
      '10,00,000',
      '0.500',
      'abc',
      '-5',
      '1e9',
      '',
      ' ',
      '12.',
      '.5x',
      '12345678',
    ])
      expect(parsePounds(bad), bad).toBeNull();
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
