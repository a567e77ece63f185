import postgres from 'postgres';
import { createPersona, type SignedInPersona } from '../../tests/support/personas';

// Direct database access for browser tests that need fixtures (sessions for roles,
// expired links). Only with a Postgres server: the embedded PGlite serves one client.
export const hasDatabase = Boolean(process.env.DATABASE_URL);
export const NEEDS_POSTGRES = 'needs DATABASE_URL (a Postgres server); npm test runs it when DATABASE_URL is set, as CI does';

let client: postgres.Sql | undefined;
export function db(): postgres.Sql {
  client ??= postgres(process.env.DATABASE_URL!, { max: 2, onnotice: () => {} });
  return client;
}

export async function personaCookie(persona: SignedInPersona) {
  const user = await createPersona(db(), persona);
  return { ...user, cookie: { name: 'authjs.session-token', value: user.sessionToken, domain: 'localhost', path: '/' } };
}
