import { giftAidPostcode } from '@/lib/payments/validation';

// HMRC's rules for the Gift Aid donation schedule that goes with a Charities Online claim.
// Sources, cited by letter beside each rule:
// [S] gov.uk, HMRC, "Schedule spreadsheet to claim back tax on Gift Aid donations"
//     (https://www.gov.uk/guidance/schedule-spreadsheet-to-claim-back-tax-on-gift-aid-donations),
//     as updated on 28 November 2025 ("further guidance on providing details for non-UK
//     resident donors"; aggregated donations now "multiple donations under £30").
// [H] HMRC, "How to complete the Gift Aid donation schedule spreadsheet", the first edition
//     of the same page (hmrc.gov.uk/charities/online/giftaid-spreadsheet.htm).
// [T] HMRC's schedule spreadsheet itself (gift_aid_schedule_version_3.ods, published on
//     gov.uk), as charities filling it in describe it (OneZoom, github.com/OneZoom/OZtree
//     issue 117): a donor abroad gives their full address in the house box, "in 40
//     characters max", with X as postcode.
// [C] HMRC's notes in its GASDS schedule templates, quoted by the Charity Tax Group
//     ("Updated GASDS community building schedules"): no blank spaces or other characters
//     at the start or end of boxes; no blank rows; stay within the maximum number of rows.
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

export const MAX_TITLE = 4; // [S] [H]: "a maximum of 4 characters", "Prof for professor"
export const MAX_NAME = 35; // [S]: first name (or initial) and last name, 35 characters each
export const MAX_HOUSE = 40; // [T]: the house name or number cell (and a donor abroad's whole address)
/**
 * Donation lines in one schedule, so in one claim (a claim carries one schedule). HMRC's
 * schedule takes 1,000 (as charities report it: "a claim is to have up to 1,000 Gift Aid
 * donors"; HMRC's GASDS schedules state theirs, 500 and 200, under "Limit per spreadsheet").
 * A longer period is refused with a clear message: staff make two claims.
 */
export const MAX_SCHEDULE_ROWS = 1000;

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

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * Text as HMRC's boxes take it: Unicode NFC (so "é" typed as e + accent is one character, as
 * it is counted), one space between words, none at either end [C], and no formula trigger at
 * the start. A spreadsheet would run "=..." or "+..." as a formula; an apostrophe would
 * reach HMRC as part of the name; so the triggers are taken off, before the length is cut.
 */
export function scheduleText(value: string | null | undefined): string {
  return (value ?? '')
    .normalize('NFC')
    .replace(/[\s\u0000-\u001f\u007f]+/g, ' ')
    .replace(/^[\s=+\-@]+/, '')
    .trim();
}

/** At most `max` characters, never cutting a letter from its accent (whole graphemes only). */
export function cut(value: string, max: number): string {
  let out = '';
  let length = 0;
  for (const { segment } of graphemes.segment(value)) {
    const size = [...segment].length;
    if (length + size > max) break;
    out += segment;
    length += size;
  }
  return out.trim();
}

/** At most 4 characters [S]: "Prof" stays, "Prof." loses its full stop, "Doctor" becomes "Dr"; any other long one is left out (the title is optional). */
export function scheduleTitle(title: string | null | undefined): string {
  const value = scheduleText(title).replace(/\.$/, '');
  if ([...value].length <= MAX_TITLE) return value;
  return SHORT_TITLES[value.toLowerCase()] ?? '';
}

/** First name or initial [S], at most 35 characters. */
export function scheduleFirstName(firstName: string | null | undefined): string {
  return cut(scheduleText(firstName), MAX_NAME);
}

/** Hyphens (and dashes) become spaces, as HMRC asks for double-barrelled names [S] ("House Martin"); at most 35 characters. */
export function scheduleLastName(lastName: string | null | undefined): string {
  return cut(scheduleText((lastName ?? '').replace(/[-\u2010-\u2015\u2212]+/g, ' ')), MAX_NAME);
}

/** House name or number; for a donor living abroad, their address [S] [T]. At most 40 characters. */
export function scheduleHouse(house: string | null | undefined): string {
  return cut(scheduleText(house), MAX_HOUSE);
}

/**
 * A UK postcode in capitals with its space ("S19 2BD") [S], or X for a donor who lives
 * outside the UK [S] [T]. Anything else is left as it was, never reshaped into a UK-looking
 * code ("75008" must not become "75 008"); the claim page keeps such declarations off claims.
 */
export function schedulePostcode(postcode: string | null | undefined): string {
  const value = scheduleText(postcode);
  return giftAidPostcode(value) ?? value.toUpperCase();
}

const ukParts = (paidAt: Date) => {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).formatToParts(paidAt);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return { day: part('day'), month: part('month'), year: part('year') };
};

/** DD/MM/YY [S], the day in UK time (a gift at 00:30 BST on 1 June was made on 1 June). */
export function scheduleDate(paidAt: Date): string {
  const { day, month, year } = ukParts(paidAt);
  return `${day}/${month}/${year.slice(2)}`;
}

/** The same UK calendar day as YYYY-MM-DD, for a spreadsheet's date cell. */
export function scheduleDay(paidAt: Date): string {
  const { day, month, year } = ukParts(paidAt);
  return `${year}-${month}-${day}`;
}

/** Integer pence as "30.00": two decimals, no £ sign [S] ("200.00 not £200"), no thousands separator. */
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

/** One donation line of the schedule, each box as HMRC takes it. */
export type ScheduleLine = {
  title: string;
  firstName: string;
  lastName: string;
  house: string;
  postcode: string;
  /**
   * Left blank [S] [H] ("leave it blank, do not enter 0.00 or n/a"): the site never
   * aggregates (HMRC allows donations under £30 from different donors on one line [S]), it
   * lists every donation on a line of its own, and it runs no sponsored events.
   */
  aggregated: '';
  sponsored: '';
  /** The UK calendar day, YYYY-MM-DD; shown DD/MM/YY. */
  day: string;
  amountPence: number;
};

export function scheduleLine(donation: ScheduleDonation): ScheduleLine {
  return {
    title: scheduleTitle(donation.title),
    firstName: scheduleFirstName(donation.firstName),
    lastName: scheduleLastName(donation.lastName),
    house: scheduleHouse(donation.houseNameOrNumber),
    postcode: schedulePostcode(donation.postcode),
    aggregated: '',
    sponsored: '',
    day: scheduleDay(donation.paidAt),
    amountPence: donation.amountPence,
  };
}

/** The lines of one claim's schedule, oldest first, refused past HMRC's row limit [C]. */
export function scheduleLines(donations: ScheduleDonation[]): ScheduleLine[] {
  if (donations.length > MAX_SCHEDULE_ROWS)
    throw new RangeError(`a schedule holds at most ${MAX_SCHEDULE_ROWS} donations, not ${donations.length}`);
  return donations.map(scheduleLine);
}

/** A line as text, in HMRC's column order: what staff see in each box. */
export function scheduleRow(line: ScheduleLine): string[] {
  const [year, month, day] = line.day.split('-');
  if (year === undefined || month === undefined || day === undefined)
    throw new Error(`Expected the gift's day as YYYY-MM-DD, got ${line.day}`);
  return [
    line.title,
    line.firstName,
    line.lastName,
    line.house,
    line.postcode,
    line.aggregated,
    line.sponsored,
    `${day}/${month}/${year.slice(2)}`,
    scheduleAmount(line.amountPence),
  ];
}
