import { normalisePostcode } from '@/lib/payments/validation';

// HMRC's rules for the Gift Aid donation schedule of Charities Online ("Schedule spreadsheet
// to claim back tax on Gift Aid donations", gov.uk guidance):
// - title: optional, at most 4 characters ("Prof", "Rev");
// - first name (an initial will do) and last name: at most 35 characters each; a
//   double-barrelled last name takes a space instead of the hyphen ("House Martin");
// - house name or number: the schedule cell holds 40 characters;
// - postcode: capitals, with a space (S19 2BD);
// - aggregated donations and sponsored event: left blank when they do not apply, never
//   "0", "No" or "n/a" (we list each donation on its own line and run no sponsored events);
// - donation date DD/MM/YY; amount with 2 decimals and no £ sign (200.00).
// Pure functions, so each rule has its own unit test (tests/unit/hmrc-schedule.test.ts).

export const SCHEDULE_HEADER = [
  'Title',
  'First name or initial',
  'Last name',
  'House name or number',
  'Postcode',
  'Aggregated donations',
  'Sponsored yes/no',
  'Donation date (DD/MM/YY)',
  'Amount',
] as const;

export const MAX_TITLE = 4;
export const MAX_NAME = 35;
export const MAX_HOUSE = 40;

/** Common long titles and the short form HMRC's 4 characters allow. */
const SHORT_TITLES: Record<string, string> = {
  doctor: 'Dr',
  professor: 'Prof',
  reverend: 'Rev',
  revd: 'Rev',
  father: 'Fr',
  sister: 'Sr',
  captain: 'Capt',
};

const tidy = (value: string | null | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();
const cut = (value: string, max: number) => [...value].slice(0, max).join('').trim();

/** Text that a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV injection). */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** At most 4 characters: a known long title is shortened ("Doctor" → "Dr"); any other long one is left out. */
export function scheduleTitle(title: string | null | undefined): string {
  const value = tidy(title);
  if ([...value].length <= MAX_TITLE) return value;
  return SHORT_TITLES[value.toLowerCase().replace(/\.$/, '')] ?? '';
}

export function scheduleFirstName(firstName: string | null | undefined): string {
  return cut(tidy(firstName), MAX_NAME);
}

/** Hyphens (and dashes) become spaces, as HMRC asks for double-barrelled names; at most 35 characters. */
export function scheduleLastName(lastName: string | null | undefined): string {
  return cut(tidy((lastName ?? '').replace(/[-\u2010-\u2015\u2212]+/g, ' ')), MAX_NAME);
}

export function scheduleHouse(house: string | null | undefined): string {
  return cut(tidy(house), MAX_HOUSE);
}

/** Capitals with one space before the inward code: "sw1a1aa" → "SW1A 1AA". */
export function schedulePostcode(postcode: string | null | undefined): string {
  const value = tidy(postcode);
  return value ? normalisePostcode(value) : '';
}

/** DD/MM/YY, the day in UK time (a gift at 00:30 BST on 1 June was made on 1 June). */
export function scheduleDate(paidAt: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: '2-digit', month: '2-digit', year: '2-digit' }).formatToParts(paidAt);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `${part('day')}/${part('month')}/${part('year')}`;
}

/** Integer pence as "30.00": two decimals, no £ sign, no thousands separator. */
export function scheduleAmount(pence: number): string {
  if (!Number.isInteger(pence) || pence < 0) throw new RangeError(`not an amount in pence: ${pence}`);
  return `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}`;
}

export type ScheduleDonation = {
  title: string | null;
  firstName: string;
  lastName: string;
  houseNameOrNumber: string;
  postcode: string;
  paidAt: Date;
  amountPence: number;
};

/** One line of the schedule, cells in HMRC's column order, text cells made formula-safe. */
export function scheduleRow(donation: ScheduleDonation): string[] {
  return [
    neutraliseFormula(scheduleTitle(donation.title)),
    neutraliseFormula(scheduleFirstName(donation.firstName)),
    neutraliseFormula(scheduleLastName(donation.lastName)),
    neutraliseFormula(scheduleHouse(donation.houseNameOrNumber)),
    neutraliseFormula(schedulePostcode(donation.postcode)),
    '', // aggregated donations: we never aggregate
    '', // sponsored event: none
    scheduleDate(donation.paidAt),
    scheduleAmount(donation.amountPence),
  ];
}
