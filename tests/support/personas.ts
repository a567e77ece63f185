import { randomBytes } from 'node:crypto';
import type postgres from 'postgres';
import { firstRow } from './rows';

export type SignedInPersona = 'member' | 'lapsed' | 'staff' | 'admin';
export type PersonaUser = { email: string; userId: string; sessionToken: string };

/**
 * A user of the given kind with a live database session (quicker than signing in by
 * mail, which has its own e2e test). member: active membership; lapsed: ended a year ago.
 */
export async function createPersona(sql: postgres.Sql, persona: SignedInPersona): Promise<PersonaUser> {
  const email = `${persona}-${randomBytes(6).toString('hex')}@example.org`;
  const role = persona === 'staff' || persona === 'admin' ? persona : 'member';
  const user = firstRow(
    await sql<{ id: string }[]>`
    insert into users (email, name, role, email_verified, postcode, address_line1)
    values (${email}, ${`${persona} tester`}, ${role}, now(), 'SW1A 1AA', '1 Test Street') returning id`,
  );
  if (persona === 'member' || persona === 'lapsed') {
    const tier = firstRow(
      await sql<{ id: string }[]>`
      insert into membership_tiers (slug, name_en, name_es, annual_price_pence)
      values ('individual', 'Individual', 'Individual', 3000)
      on conflict (slug) do update set slug = excluded.slug returning id`,
    );
    const days = persona === 'member' ? 300 : -400;
    await sql`
      insert into memberships (user_id, tier_id, status, source, current_period_start, current_period_end)
      values (${user.id}, ${tier.id}, ${persona === 'member' ? 'active' : 'lapsed'}, 'offline',
              now() - interval '1 year', now() + make_interval(days => ${days}))`;
  }
  const sessionToken = randomBytes(32).toString('hex');
  await sql`insert into sessions (session_token, user_id, expires) values (${sessionToken}, ${user.id}, now() + interval '1 day')`;
  return { email, userId: user.id, sessionToken };
}
