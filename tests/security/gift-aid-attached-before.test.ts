// The data left by the Gift Aid attack before the fix: guest declarations that a sign-in
// attached to an account by email, and the membership fees flagged eligible under them.
// Migration 0009 undoes it; this runs its SQL on such data.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getSql } from '@/db/client';
import {
  insertDeclaration,
  insertDonation,
  insertMembership,
  insertPayment,
  insertTier,
  insertUser,
  uniqueEmail,
} from '../support/gift-aid-fixtures';
import { firstRow } from '../support/rows';

const MIGRATION = path.join(process.cwd(), 'db/migrations/0009_detach_unverified_gift_aid.sql');

async function runMigration0009() {
  const statements = fs.readFileSync(MIGRATION, 'utf8').split('--> statement-breakpoint');
  // One transaction, as the migrator runs it (the temporary table lives until the commit).
  await getSql().begin(async (tx) => {
    for (const statement of statements) await tx.unsafe(statement);
  });
}

const declared = (declarationId: string, actorUserId: string | null) =>
  getSql()`insert into audit_log (actor_user_id, action, entity_type, entity_id, data)
    values (${actorUserId}, 'gift_aid.declared', 'gift_aid_declaration', ${declarationId}, '{}')`;

describe('migration 0009 detaches what a sign-in attached by email', () => {
  it('a guest declaration comes off the account; the fees it made eligible lose it; a claim already made is left alone', async () => {
    const sql = getSql();
    const victim = await insertUser(sql, 'Victim');
    const tier = await insertTier(sql, true);
    const membership = await insertMembership(sql, victim.id, tier);
    const paidAt = new Date(Date.now() - 86_400_000);

    // As the old sign-in left it: the stranger's guest declaration and gift, on the victim's account.
    const stranger = await insertDeclaration(sql, {
      userId: victim.id,
      email: victim.email,
      firstName: 'Mallory',
      lastName: 'Stranger',
      scope: 'this_and_future',
      declaredAt: paidAt,
    });
    await declared(stranger, null);
    const gift = await insertDonation(sql, { userId: victim.id, email: victim.email, amountPence: 100, declarationId: stranger });
    const giftPayment = await insertPayment(sql, {
      kind: 'donation',
      userId: victim.id,
      email: victim.email,
      donationId: gift,
      amountPence: 100,
      paidAt,
      declarationId: stranger,
      giftAidEligible: true,
    });
    const fee = await insertPayment(sql, {
      kind: 'membership',
      userId: victim.id,
      email: victim.email,
      membershipId: membership,
      amountPence: 3000,
      paidAt,
      declarationId: stranger,
      giftAidEligible: true,
    });
    const claim = firstRow(
      await sql`insert into gift_aid_claims (period_from, period_to) values (current_date - 30, current_date) returning id`,
    );
    const claimedFee = await insertPayment(sql, {
      kind: 'membership',
      userId: victim.id,
      email: victim.email,
      membershipId: membership,
      amountPence: 3000,
      paidAt,
      declarationId: stranger,
      giftAidEligible: true,
    });
    await sql`update payments set gift_aid_claim_id = ${claim.id} where id = ${claimedFee}`;

    // The victim's own declaration, made signed in, stays theirs.
    const own = await insertDeclaration(sql, {
      userId: victim.id,
      email: victim.email,
      firstName: 'Victor',
      lastName: 'Own',
      scope: 'this_and_future',
      declaredAt: paidAt,
    });
    await declared(own, victim.id);
    // One a guest made and then confirmed on /account stays too.
    const donor = await insertUser(sql, 'Donor');
    const confirmed = await insertDeclaration(sql, { userId: donor.id, email: donor.email, scope: 'this_and_future', declaredAt: paidAt });
    await declared(confirmed, null);
    await sql`insert into audit_log (actor_user_id, action, entity_type, entity_id) values (${donor.id}, 'gift_aid.declaration_confirmed', 'gift_aid_declaration', ${confirmed})`;
    // And a guest's declaration never attached to anyone is untouched.
    const guestOnly = await insertDeclaration(sql, { email: uniqueEmail('guest'), scope: 'this_gift', declaredAt: paidAt });
    await declared(guestOnly, null);

    await runMigration0009();

    const owner = async (id: string) => (await sql`select user_id from gift_aid_declarations where id = ${id}`)[0]!.user_id;
    expect(await owner(stranger)).toBeNull();
    expect(await owner(own)).toBe(victim.id);
    expect(await owner(confirmed)).toBe(donor.id);
    expect(await owner(guestOnly)).toBeNull();

    const payment = async (id: string) =>
      (await sql`select user_id, gift_aid_eligible, gift_aid_declaration_id, gift_aid_claim_id from payments where id = ${id}`)[0];
    // The fee no longer claims in the stranger's name.
    expect(await payment(fee)).toMatchObject({ gift_aid_eligible: false, gift_aid_declaration_id: null, user_id: victim.id });
    // Already claimed: left for staff to correct with HMRC.
    expect(await payment(claimedFee)).toMatchObject({
      gift_aid_eligible: true,
      gift_aid_declaration_id: stranger,
      gift_aid_claim_id: claim.id,
    });
    // The stranger's gift keeps its own declaration, and leaves the victim's account until confirmed.
    expect(await payment(giftPayment)).toMatchObject({ gift_aid_eligible: true, gift_aid_declaration_id: stranger, user_id: null });
    expect((await sql`select user_id from donations where id = ${gift}`)[0]!.user_id).toBeNull();

    const entry = firstRow(
      await sql`select data from audit_log where action = 'gift_aid.declaration_detached' and entity_id = ${stranger}`,
    );
    expect(entry.data).toMatchObject({ userId: victim.id });
  });
});
