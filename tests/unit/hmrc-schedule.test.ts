import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  neutraliseFormula,
  SCHEDULE_HEADER,
  scheduleAmount,
  scheduleDate,
  scheduleFirstName,
  scheduleHouse,
  scheduleLastName,
  schedulePostcode,
  scheduleRow,
  scheduleTitle,
} from '@/lib/gift-aid/hmrc-schedule';
import { scheduleCsv } from '@/lib/gift-aid/schedule-csv';

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
  it('title: at most 4 characters; known long titles shortened, other long ones left out', () => {
    expect(scheduleTitle('Mrs')).toBe('Mrs');
    expect(scheduleTitle('Prof')).toBe('Prof');
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

  it('house name or number: at most 40 characters', () => {
    expect(scheduleHouse('12')).toBe('12');
    expect(scheduleHouse(' Flat 3,  The Old Rectory ')).toBe('Flat 3, The Old Rectory');
    expect(scheduleHouse('H'.repeat(50))).toHaveLength(40);
  });

  it('postcode: capitals with one space before the last three characters', () => {
    expect(schedulePostcode('sw1a1aa')).toBe('SW1A 1AA');
    expect(schedulePostcode('s19 2bd')).toBe('S19 2BD');
    expect(schedulePostcode(' EC1A   1BB ')).toBe('EC1A 1BB');
    expect(schedulePostcode('m11ae')).toBe('M1 1AE');
    expect(schedulePostcode('')).toBe('');
  });

  it('donation date: DD/MM/YY, on the UK calendar day', () => {
    expect(scheduleDate(new Date('2026-03-05T10:00:00Z'))).toBe('05/03/26');
    expect(scheduleDate(new Date('2009-12-31T23:59:00Z'))).toBe('31/12/09');
    // 23:30 UTC on 31 May is 00:30 BST on 1 June.
    expect(scheduleDate(new Date('2026-05-31T23:30:00Z'))).toBe('01/06/26');
  });

  it('amount: 2 decimals, no £ sign, no thousands separator', () => {
    expect(scheduleAmount(3000)).toBe('30.00');
    expect(scheduleAmount(2550)).toBe('25.50');
    expect(scheduleAmount(5)).toBe('0.05');
    expect(scheduleAmount(123456789)).toBe('1234567.89');
    expect(() => scheduleAmount(-100)).toThrow(RangeError);
    expect(() => scheduleAmount(10.5)).toThrow(RangeError);
  });

  it('text that a spreadsheet would run as a formula is neutralised', () => {
    for (const hostile of ['=HYPERLINK("http://x")', '+1+1', '-2', '@SUM(A1)', '\tcmd', '\rcmd']) {
      expect(neutraliseFormula(hostile)).toBe(`'${hostile}`);
    }
    expect(neutraliseFormula('Flat 2')).toBe('Flat 2');
    expect(scheduleRow({ ...donation, firstName: '=cmd|calc', houseNameOrNumber: '@house' }).slice(1, 4)).toEqual(["'=cmd|calc", 'García Quispe', "'@house"]);
  });

  it('a row has HMRC columns in order, with aggregated donations and sponsored left blank', () => {
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
    expect(scheduleRow(donation)).toEqual(['Mrs', 'Ana', 'García Quispe', '12', 'SW1A 1AA', '', '', '05/03/26', '30.00']);
  });

  it('the CSV reads back as the header and one line per donation, blanks blank (not 0, not "No")', () => {
    const csv = scheduleCsv([donation, { ...donation, title: null, firstName: 'Tom, "Tommy"', lastName: 'Smith', amountPence: 1000 }]);
    expect(csv.startsWith('\uFEFF"Title"')).toBe(true);
    expect(csv).toContain('"SW1A 1AA",,,"05/03/26","30.00"\r\n');
    const rows = parse(csv, { bom: true }) as string[][];
    expect(rows[0]).toEqual([...SCHEDULE_HEADER]);
    expect(rows[1]).toEqual(['Mrs', 'Ana', 'García Quispe', '12', 'SW1A 1AA', '', '', '05/03/26', '30.00']);
    expect(rows[2]).toEqual(['', 'Tom, "Tommy"', 'Smith', '12', 'SW1A 1AA', '', '', '05/03/26', '10.00']);
    expect(rows).toHaveLength(3);
  });
});
