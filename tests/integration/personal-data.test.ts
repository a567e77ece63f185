import { beforeAll, describe, expect, it } from 'vitest';
import { getSql } from '@/db/client';
import { previewClaim } from '@/lib/gift-aid/claims/preview-claim';
import { exportPersonalData } from '@/db/queries/personal-data';
import { deleteAccount as erasePersonalData } from '@/lib/account/delete-account';
import { eraseExpiredGiftAidRecords } from '@/lib/gift-aid/records';
import { ukToday } from '@/lib/gift-aid/claim-range';
import { createPersona, type PersonaUser } from '../support/personas';
import { firstRow } from '../support/rows';

type Person = PersonaUser & { name: string; lastName: string; house: string; postcode: string };

// Gives a persona the kinds of rows a real member accumulates.
async function withHistory(user: PersonaUser, label: string): Promise<Person> {
  const sql = getSql();
  const person = {
    ...user,
    name: `Name${label}`,
    lastName: `Surname${label}`,
    house: `${label} House`,
    postcode: label === 'Alice' ? 'EC1A 1BB' : 'M1 1AE',
  };
  await sql`update users set name = ${person.name}, address_line1 = ${person.house}, postcode = ${person.postcode}, city = ${'City' + label} where id = ${user.userId}`;
  const declaration = firstRow(
    await sql<{ id: string }[]>`
    insert into gift_aid_declarations (user_id, email, title, first_name, last_name, house_name_or_number, postcode, scope)
    values (${user.userId}, ${user.email}, 'Dr', ${person.name}, ${person.lastName}, ${person.house}, ${person.postcode}, 'this_and_future') returning id`,
  );
  const donation = firstRow(
    await sql<{ id: string }[]>`
    insert into donations (user_id, email, frequency, amount_pence, status, gift_aid_declaration_id)
    values (${user.userId}, ${user.email}, 'one_off', 2500, 'completed', ${declaration.id}) returning id`,
  );
  await sql`insert into payments (kind, user_id, email, donation_id, amount_pence, status, method, paid_at, gift_aid_declaration_id)
            values ('donation', ${user.userId}, ${user.email}, ${donation.id}, 2500, 'paid', 'card', now(), ${declaration.id})`;
  await sql`insert into member_notes (user_id, body) values (${user.userId}, ${'Spoke to ' + person.name + ' on the phone'})`;
  await sql`insert into verification_tokens (identifier, token, expires) values (${user.email}, ${'tok' + label}, now() + interval '1 hour')`;
  await sql`insert into rate_limits (key, points, expire) values (${'signin-address:' + user.email}, 1, now() + interval '1 hour')`;
  await sql`insert into audit_log (actor_user_id, action, entity_type, entity_id) values (${user.userId}, 'auth.sign_in', 'user', ${user.userId})`;
  return person;
}

let alice: Person;
let bob: Person;

beforeAll(async () => {
  alice = await withHistory(await createPersona(getSql(), 'member'), 'Alice');
  bob = await withHistory(await createPersona(getSql(), 'member'), 'Bob');
});

describe('download my data', () => {
  it("contains the person's rows and nobody else's", async () => {
    const data = await exportPersonalData(alice.userId);
    expect(data).not.toBeNull();
    const text = JSON.stringify(data);
    expect(data!.profile.email).toBe(alice.email);
    expect(data!.memberships).toHaveLength(1);
    expect(data!.payments).toHaveLength(1);
    expect(data!.donations).toHaveLength(1);
    expect(data!.giftAidDeclarations[0]).toMatchObject({ lastName: alice.lastName, postcode: alice.postcode });
    expect(data!.activity.length).toBeGreaterThan(0);
    for (const rows of [data!.memberships, data!.payments, data!.donations, data!.giftAidDeclarations]) {
      for (const row of rows) expect(row.userId).toBe(alice.userId);
    }
    for (const secret of [bob.email, bob.userId, bob.lastName, bob.postcode]) expect(text).not.toContain(secret);
    // Session tokens are credentials, not data to hand out.
    expect(text).not.toContain(alice.sessionToken);
  });
});

describe('delete my account', () => {
  it('leaves no personal data in any table but the Gift Aid declaration HMRC requires, keeps the payment anonymised, and ends sessions', async () => {
    expect(await erasePersonalData(alice.userId)).toBe('deleted');
    const sql = getSql();
    const tables = await sql<{ table_name: string }[]>`
      select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`;
    expect(tables.length).toBeGreaterThan(15);
    const traces = [alice.email, alice.name, alice.lastName, alice.house, alice.postcode, 'CityAlice'];
    for (const { table_name } of tables) {
      const rows = await sql.unsafe(`select row_to_json(t)::text as json from "${table_name}" t`);
      for (const { json } of rows) {
        // The declaration keeps the name, house and postcode; never the email or anything else.
        const allowed = table_name === 'gift_aid_declarations' ? [alice.name, alice.lastName, alice.house, alice.postcode] : [];
        for (const trace of traces.filter((t) => !allowed.includes(t)))
          expect(json, `${table_name} still holds "${trace}"`).not.toContain(trace);
      }
    }
    const [declaration] = await sql`
      select title, first_name, last_name, house_name_or_number, postcode, email, scope, declared_at is not null as dated, cancelled_at is not null as cancelled
      from gift_aid_declarations where user_id = ${alice.userId}`;
    expect(declaration).toEqual({
      title: 'Dr',
      first_name: alice.name,
      last_name: alice.lastName,
      house_name_or_number: alice.house,
      postcode: alice.postcode,
      email: null,
      scope: 'this_and_future',
      dated: true,
      cancelled: true,
    });
    const [payment] = await sql<
      { amount_pence: number; email: string | null }[]
    >`select amount_pence, email from payments where user_id = ${alice.userId}`;
    expect(payment).toEqual({ amount_pence: 2500, email: null });
    expect(await sql`select 1 from sessions where user_id = ${alice.userId}`).toHaveLength(0);
    const [audit] = await sql`select action from audit_log where entity_id = ${alice.userId} and action = 'user.deleted'`;
    expect(audit).toBeTruthy();
  });

  it("leaves everybody else's data as it was", async () => {
    const data = await exportPersonalData(bob.userId);
    expect(data!.profile).toMatchObject({ email: bob.email, name: bob.name, postcode: bob.postcode });
    expect(data!.giftAidDeclarations[0]).toMatchObject({ lastName: bob.lastName });
    expect(await getSql()`select 1 from sessions where user_id = ${bob.userId}`).toHaveLength(1);
  });

  it('does nothing the second time', async () => {
    expect(await erasePersonalData(alice.userId)).toBe('gone');
  });

  it("a deleted donor's gift can still be claimed: the claim page finds the name and address", async () => {
    const sql = getSql();
    const payment = firstRow(await sql<{ id: string }[]>`select id from payments where user_id = ${alice.userId}`);
    const preview = await previewClaim({ from: ukToday(), to: ukToday() });
    expect(preview.excluded.find((row) => row.id === payment.id)?.reason).toBeUndefined();
    expect(preview.eligible.find((row) => row.id === payment.id)?.declaration).toMatchObject({
      firstName: alice.name,
      lastName: alice.lastName,
      postcode: alice.postcode,
    });
  });

  it('erases the kept declaration six years after the later of the deletion and its last claim, not before', async () => {
    const sql = getSql();
    const declaration = firstRow(await sql<{ id: string }[]>`select id from gift_aid_declarations where user_id = ${alice.userId}`);
    const payment = firstRow(await sql<{ id: string }[]>`select id from payments where user_id = ${alice.userId}`);
    const claim = firstRow(
      await sql<
        { id: string }[]
      >`insert into gift_aid_claims (period_from, period_to, claimed_at) values ('2019-04-06', '2020-04-05', now() - interval '5 years') returning id`,
    );
    await sql`update payments set gift_aid_claim_id = ${claim.id} where id = ${payment.id}`;
    await sql`update users set deleted_at = now() - interval '7 years' where id = ${alice.userId}`;
    const held = async () =>
      (await sql`select first_name, house_name_or_number, postcode from gift_aid_declarations where id = ${declaration.id}`)[0];

    // Deleted seven years ago, but claimed five years ago: HMRC may still ask to see it.
    expect(await eraseExpiredGiftAidRecords()).toBe(0);
    expect(await held()).toEqual({ first_name: alice.name, house_name_or_number: alice.house, postcode: alice.postcode });
    // Six years and a day after that claim, it goes; Bob's, whose account is live, stays.
    expect(await eraseExpiredGiftAidRecords(new Date(Date.now() + 366 * 86_400_000))).toBe(1);
    expect(await held()).toEqual({ first_name: '', house_name_or_number: '', postcode: '' });
    expect((await exportPersonalData(bob.userId))!.giftAidDeclarations[0]).toMatchObject({
      lastName: bob.lastName,
      postcode: bob.postcode,
    });
    expect(await eraseExpiredGiftAidRecords(new Date(Date.now() + 366 * 86_400_000))).toBe(0);
  });
});
