import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '../client';

/** Round-trips to the database; throws when it is unreachable. */
export async function pingDatabase(): Promise<void> {
  await getDb().execute(sql`select 1`);
}
