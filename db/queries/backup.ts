import type postgres from 'postgres';

// What a backup must carry besides the dump: every file a row points at.

/** The storage keys of every stored file the database refers to (publication PDFs, newsletter PDFs). */
export async function storedFileKeys(sql: postgres.Sql): Promise<string[]> {
  const rows = await sql<{ key: string }[]>`
    select storage_key as key from publication_files
    union
    select pdf_storage_key from newsletter_issues where pdf_storage_key is not null
    order by 1`;
  return rows.map((row) => row.key);
}

/** Rows per table of the app's schema, to compare a restore with what was backed up. */
export async function rowCounts(sql: postgres.Sql): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }[]>`
    select table_name as name from information_schema.tables
     where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`;
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from ${sql(name)}`;
    counts[name] = row?.n ?? 0;
  }
  return counts;
}
