import { randomBytes } from 'node:crypto';
import type postgres from 'postgres';
import { firstRow } from './rows';

// Times are passed as ISO text: the app's connection (drizzle) leaves Date serialisation to drizzle.

// Real rows for Gift Aid claims: donors, declarations of each scope, donations, membership
// fees on tiers with or without benefits, refunds. Used by the integration tests, the
// authorization samples and the e2e spec (each with its own connection).

type Scope = 'this_gift' | 'this_and_future' | 'past_four_years_and_future';

export const uniqueEmail = (prefix = 'donor') => `${prefix}-${randomBytes(5).toString('hex')}@example.org`;

// Each call gives a day of its own, at least SPACING days from every other day this file's
// tests were given: tests put rows a day or a month either side of their day (payments the
// period must leave out), and two random days that close together once put another test's
// gift into a claim (seen in CI). Slots start at a random place so that reruns on a kept
// database still differ. (Past SLOTS calls in one file, days come round again.)
const SPACING = 97;
const SLOTS = Math.floor(6900 / SPACING);
let nextSlot = Math.floor(Math.random() * SLOTS);

/** A calendar day between 2001 and 2019 that no other test of this file is given (up to SLOTS of them), so that a test's period holds only its own rows. */
export function randomPastDay(): string {
  const slot = nextSlot;
  nextSlot = (nextSlot + 1) % SLOTS;
  return new Date(Date.UTC(2001, 0, 1) + slot * SPACING * 86_400_000).toISOString().slice(0, 10);
}

/** Noon UK time (near enough: noon UTC) on a day, plus some minutes to order rows. */
export const onDay = (day: string, minutes = 0) => new Date(Date.parse(`${day}T12:00:00Z`) + minutes * 60_000);

export async function insertUser(sql: postgres.Sql, name = 'Gift Aid Donor'): Promise<{ id: string; email: string }> {
  const email = uniqueEmail();
  const row = firstRow(await sql<{ id: string }[]>`insert into users (email, name) values (${email}, ${name}) returning id`);
  return { id: row.id, email };
}

export async function insertDeclaration(
  sql: postgres.Sql,
  d: {
    userId?: string | null;
    email?: string | null;
    title?: string | null;
    firstName?: string;
    lastName?: string;
    house?: string;
    postcode?: string;
    scope: Scope;
    declaredAt: Date;
    cancelledAt?: Date | null;
  },
): Promise<string> {
  const row = firstRow(
    await sql<{ id: string }[]>`
    insert into gift_aid_declarations (user_id, email, title, first_name, last_name, house_name_or_number, postcode, scope, declared_at, cancelled_at)
    values (${d.userId ?? null}, ${d.email ?? null}, ${d.title ?? null}, ${d.firstName ?? 'Ana'}, ${d.lastName ?? 'Quispe'}, ${d.house ?? '12'},
            ${d.postcode ?? 'SW1A 1AA'}, ${d.scope}, ${d.declaredAt.toISOString()}, ${d.cancelledAt?.toISOString() ?? null})
    returning id`,
  );
  return row.id;
}

export async function insertDonation(
  sql: postgres.Sql,
  d: { userId?: string | null; email: string; amountPence: number; declarationId?: string | null; frequency?: 'one_off' | 'monthly' },
): Promise<string> {
  const row = firstRow(
    await sql<{ id: string }[]>`
    insert into donations (user_id, email, frequency, amount_pence, status, gift_aid_declaration_id)
    values (${d.userId ?? null}, ${d.email}, ${d.frequency ?? 'one_off'}, ${d.amountPence}, ${d.frequency === 'monthly' ? 'active' : 'completed'}, ${d.declarationId ?? null}) returning id`,
  );
  return row.id;
}

export async function insertTier(sql: postgres.Sql, newsletterOnly: boolean): Promise<string> {
  const slug = `ga-${newsletterOnly ? 'plain' : 'benefits'}-${randomBytes(4).toString('hex')}`;
  const row = firstRow(
    await sql<{ id: string }[]>`
    insert into membership_tiers (slug, name_en, name_es, annual_price_pence, benefits_newsletter_only, active)
    values (${slug}, ${slug}, ${slug}, 3000, ${newsletterOnly}, false) returning id`,
  );
  return row.id;
}

export async function insertMembership(sql: postgres.Sql, userId: string, tierId: string): Promise<string> {
  const row = firstRow(
    await sql<{ id: string }[]>`
    insert into memberships (user_id, tier_id, status, source, current_period_start, current_period_end)
    values (${userId}, ${tierId}, 'lapsed', 'offline', now() - interval '2 years', now() - interval '1 year') returning id`,
  );
  return row.id;
}

export async function insertPayment(
  sql: postgres.Sql,
  p: {
    kind: 'membership' | 'donation';
    userId?: string | null;
    email?: string | null;
    donationId?: string | null;
    membershipId?: string | null;
    amountPence: number;
    paidAt: Date;
    status?: 'paid' | 'refunded' | 'partially_refunded' | 'pending';
    refundedPence?: number;
    giftAidEligible?: boolean;
    declarationId?: string | null;
  },
): Promise<string> {
  const row = firstRow(
    await sql<{ id: string }[]>`
    insert into payments (kind, user_id, email, donation_id, membership_id, amount_pence, status, refunded_pence, method, paid_at, gift_aid_eligible, gift_aid_declaration_id)
    values (${p.kind}, ${p.userId ?? null}, ${p.email ?? null}, ${p.donationId ?? null}, ${p.membershipId ?? null}, ${p.amountPence}, ${p.status ?? 'paid'},
            ${p.refundedPence ?? 0}, 'card', ${p.paidAt.toISOString()}, ${p.giftAidEligible ?? Boolean(p.declarationId)}, ${p.declarationId ?? null})
    returning id`,
  );
  return row.id;
}

/** A guest's one-off gift with a "this gift" declaration: the plainest claimable payment. */
export async function insertGiftAidedGift(
  sql: postgres.Sql,
  opts: { day: string; amountPence?: number; minutes?: number; declaration?: Partial<Parameters<typeof insertDeclaration>[1]> },
): Promise<{ paymentId: string; declarationId: string; email: string }> {
  const email = uniqueEmail();
  const paidAt = onDay(opts.day, opts.minutes ?? 0);
  const declarationId = await insertDeclaration(sql, { email, scope: 'this_gift', declaredAt: paidAt, ...opts.declaration });
  const amountPence = opts.amountPence ?? 2500;
  const donationId = await insertDonation(sql, { email, amountPence: Math.max(100, amountPence), declarationId });
  const paymentId = await insertPayment(sql, { kind: 'donation', email, donationId, amountPence, paidAt, declarationId });
  return { paymentId, declarationId, email };
}
