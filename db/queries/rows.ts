/**
 * The row a statement returns by construction: an insert's `returning()`, an update or
 * read of a row the transaction has already found or locked, an aggregate (`count(*)`,
 * `exists(...)`) that always answers one row. Throws, saying what was expected, if the
 * database answers nothing, rather than passing `undefined` on as that row.
 */
export function oneRow<T>(rows: readonly T[], what: string): T {
  const row = rows[0];
  if (row === undefined) throw new Error(`Expected ${what}, the statement returned no row`);
  return row;
}
