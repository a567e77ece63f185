import postgres from 'postgres';
import { createPersona, type SignedInPersona } from '../../tests/support/personas';

// Direct database access for browser tests that need fixtures (sessions for roles,
// expired links): the run's database, a Postgres server's or the embedded one
// (tests/support/run-e2e.ts sets DATABASE_URL either way).

let client: postgres.Sql | undefined;
export function db(): postgres.Sql {
  client ??= postgres(process.env.DATABASE_URL!, { max: 2, onnotice: () => {} });
  return client;
}

export async function personaCookie(persona: SignedInPersona) {
  const user = await createPersona(db(), persona);
  return { ...user, cookie: { name: 'authjs.session-token', value: user.sessionToken, domain: 'localhost', path: '/' } };
}
