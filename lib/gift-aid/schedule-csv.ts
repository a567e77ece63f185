import { stringify } from 'csv-stringify/sync';
import { SCHEDULE_HEADER, scheduleRow, type ScheduleDonation } from './hmrc-schedule';

/**
 * The claim's schedule as CSV for pasting into HMRC's spreadsheet: a header line, then one
 * line per donation. With a byte-order mark so Excel reads accented names as UTF-8, and
 * every cell quoted so a postcode or a date is never reinterpreted as a number.
 */
export function scheduleCsv(donations: ScheduleDonation[]): string {
  return stringify([[...SCHEDULE_HEADER], ...donations.map(scheduleRow)], { bom: true, quoted: true, record_delimiter: 'windows' });
}
