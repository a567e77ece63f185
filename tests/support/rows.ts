/** The first row of a result the test expects rows in; throws, saying so, when it is empty. */
export function firstRow<T>(rows: readonly T[]): T {
  const row = rows[0];
  if (row === undefined) throw new Error('Expected at least one row, the result is empty');
  return row;
}
