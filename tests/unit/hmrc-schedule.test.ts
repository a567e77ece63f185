import { describe, expect, it } from 'vitest';
import {
  cut,
  MAX_SCHEDULE_ROWS,
  SCHEDULE_HEADER,
  scheduleAmount,
  scheduleDate,
  scheduleDay,
  scheduleFirstName,
  scheduleHouse,
  scheduleLastName,
  scheduleLine,
  scheduleLines,
  schedulePostcode,
  scheduleRow,
  scheduleText,
  scheduleTitle,
} from '@/lib/gift-aid/hmrc-schedule';

// HMRC's rules for each box of the Gift Aid schedule (sources in lib/gift-aid/hmrc-schedule.ts).

const donation = {
  title: 'Mrs',
  firstName: 'Ana',
  lastName: 'García-Quispe',
  houseNameOrNumber: '12',
  postcode: 'sw1a1aa',
  paidAt: new Date('2026-03-05T10:00:00Z'),
  amountPence: 3000,
};

describe('HMRC Gift Aid schedule rules', () => {
  it('title: at most 4 characters, so Prof and Rev stay; known long titles shortened, other long ones left out', () => {
    expect(scheduleTitle('Mrs')).toBe('Mrs');
    expect(scheduleTitle('Prof')).toBe('Prof');
    expect(scheduleTitle('Prof.')).toBe('Prof');
    expect(scheduleTitle('Rev')).toBe('Rev');
    expect(scheduleTitle('Dr.')).toBe('Dr');
    expect(scheduleTitle(' Miss ')).toBe('Miss');
    expect(scheduleTitle('Doctor')).toBe('Dr');
    expect(scheduleTitle('Professor')).toBe('Prof');
    expect(scheduleTitle('Reverend')).toBe('Rev');
    expect(scheduleTitle('Baroness')).toBe('');
    expect(scheduleTitle(null)).toBe('');
    expect(scheduleTitle('')).toBe('');
  });

  it('first name: at most 35 characters, spaces tidied', () => {
    expect(scheduleFirstName('  María   José ')).toBe('María José');
    const long = 'Maximiliana'.repeat(4);
    expect(scheduleFirstName(long)).toBe(long.slice(0, 35));
    expect([...scheduleFirstName(long)].length).toBe(35);
  });

  it('last name: a double-barrelled name takes a space, not a hyphen; at most 35 characters', () => {
    expect(scheduleLastName('House-Martin')).toBe('House Martin');
    expect(scheduleLastName('García-Quispe')).toBe('García Quispe');
    expect(scheduleLastName('Smith - Jones')).toBe('Smith Jones');
    expect(scheduleLastName('Lloyd‐Webber')).toBe('Lloyd Webber'); // U+2010 hyphen
    expect(scheduleLastName('Núñez–Rojas')).toBe('Núñez Rojas'); // en dash
    expect(scheduleLastName('-Hyphenated')).toBe('Hyphenated');
    expect(scheduleLastName("O'Brien")).toBe("O'Brien");
    expect(scheduleLastName('A'.repeat(40))).toHaveLength(35);
    expect(scheduleLastName('Abcdefghij-'.repeat(4))).not.toContain('-');
  });

  it('text is NFC before it is measured, so an accent typed as a separate mark counts once', () => {
    const decomposed = 'Jose\u0301'; // "José" as e + combining acute
    expect(scheduleFirstName(decomposed)).toBe('José');
    expect(scheduleFirstName(decomposed)).toHaveLength(4);
    // 34 letters then "é" typed decomposed: 35 characters once composed, so nothing is cut.
    expect(scheduleLastName(`${'a'.repeat(34)}e\u0301`)).toBe(`${'a'.repeat(34)}é`);
  });

  it('a cut never separates a letter from its accent', () => {
    // "n̈" has no composed form: two code points, one letter. At the limit it goes whole.
    const name = `${'a'.repeat(34)}n\u0308`;
    expect(scheduleLastName(name)).toBe('a'.repeat(34));
    expect(cut('ab\u0308c', 2)).toBe('a');
    expect(cut('ab\u0308c', 3)).toBe('ab\u0308');
    // A flag or a family emoji is one grapheme of several code points: never half of one.
    expect(cut('ab🇵🇪', 3)).toBe('ab');
  });

  it('house name or number: at most 40 characters; a donor abroad has the address there', () => {
    expect(scheduleHouse('12')).toBe('12');
    expect(scheduleHouse(' Flat 3,  The Old Rectory ')).toBe('Flat 3, The Old Rectory');
    expect(scheduleHouse('H'.repeat(50))).toHaveLength(40);
    expect(scheduleHouse('12 Rue de Rivoli, 75001 Paris, France')).toBe('12 Rue de Rivoli, 75001 Paris, France');
  });

  it('postcode: capitals with one space; X for a donor abroad; a foreign code is never reshaped', () => {
    expect(schedulePostcode('sw1a1aa')).toBe('SW1A 1AA');
    expect(schedulePostcode('s19 2bd')).toBe('S19 2BD');
    expect(schedulePostcode(' EC1A   1BB ')).toBe('EC1A 1BB');
    expect(schedulePostcode('m11ae')).toBe('M1 1AE');
    expect(schedulePostcode('x')).toBe('X');
    expect(schedulePostcode('75008')).toBe('75008');
    expect(schedulePostcode('lima 01')).toBe('LIMA 01');
    expect(schedulePostcode('')).toBe('');
  });

  it('a formula trigger is taken off before the cut, and HMRC never gets an apostrophe for it', () => {
    for (const [hostile, clean] of [
      ['=HYPERLINK("http://x")', 'HYPERLINK("http://x")'],
      ['+1+1', '1+1'],
      ['-2', '2'],
      ['@SUM(A1)', 'SUM(A1)'],
      ['\t=cmd', 'cmd'],
      ['\r\n@x', 'x'],
      [' = = Ana', 'Ana'],
      ['Flat 2', 'Flat 2'],
      ['Ana-Lucía', 'Ana-Lucía'],
    ]) {
      expect(scheduleText(hostile)).toBe(clean);
    }
    // The trigger goes first, so the name keeps all 35 of its own characters.
    expect(scheduleFirstName(`=${'b'.repeat(35)}`)).toBe('b'.repeat(35));
    const line = scheduleLine({ ...donation, firstName: '=cmd|calc', houseNameOrNumber: '@house', title: '+Dr' });
    expect([line.title, line.firstName, line.house]).toEqual(['Dr', 'cmd|calc', 'house']);
    expect(JSON.stringify(line)).not.toContain("'");
  });

  it('donation date: DD/MM/YY, on the UK calendar day', () => {
    expect(scheduleDate(new Date('2026-03-05T10:00:00Z'))).toBe('05/03/26');
    expect(scheduleDate(new Date('2009-12-31T23:59:00Z'))).toBe('31/12/09');
    // 23:30 UTC on 31 May is 00:30 BST on 1 June.
    expect(scheduleDate(new Date('2026-05-31T23:30:00Z'))).toBe('01/06/26');
    expect(scheduleDay(new Date('2026-05-31T23:30:00Z'))).toBe('2026-06-01');
    // The last day of the tax year in UK time: 5 April, 23:30 BST is 22:30 UTC.
    expect(scheduleDay(new Date('2026-04-05T22:30:00Z'))).toBe('2026-04-05');
  });

  it('amount: 2 decimals, no £ sign, no thousands separator', () => {
    expect(scheduleAmount(3000)).toBe('30.00');
    expect(scheduleAmount(2550)).toBe('25.50');
    expect(scheduleAmount(5)).toBe('0.05');
    expect(scheduleAmount(123456789)).toBe('1234567.89');
    expect(() => scheduleAmount(-100)).toThrow(RangeError);
    expect(() => scheduleAmount(10.5)).toThrow(RangeError);
  });

  it('a line has HMRC columns in order, with aggregated donations and sponsored left blank', () => {
    expect(SCHEDULE_HEADER).toEqual([
      'Title',
      'First name or initial',
      'Last name',
      'House name or number',
      'Postcode',
      'Aggregated donations',
      'Sponsored yes/no',
      'Donation date (DD/MM/YY)',
      'Amount',
    ]);
    expect(scheduleRow(scheduleLine(donation))).toEqual(['Mrs', 'Ana', 'García Quispe', '12', 'SW1A 1AA', '', '', '05/03/26', '30.00']);
    expect(
      scheduleRow(scheduleLine({ ...donation, title: null, postcode: 'X', houseNameOrNumber: 'Av. Larco 123, Miraflores, Lima, Perú' })),
    ).toEqual(['', 'Ana', 'García Quispe', 'Av. Larco 123, Miraflores, Lima, Perú', 'X', '', '', '05/03/26', '30.00']);
  });

  it(`a schedule holds at most ${MAX_SCHEDULE_ROWS} donations: more is refused, never cut silently`, () => {
    expect(scheduleLines(Array.from({ length: MAX_SCHEDULE_ROWS }, () => donation))).toHaveLength(MAX_SCHEDULE_ROWS);
    expect(() => scheduleLines(Array.from({ length: MAX_SCHEDULE_ROWS + 1 }, () => donation))).toThrow(RangeError);
  });
});
