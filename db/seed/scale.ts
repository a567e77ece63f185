// `npm run db:seed:scale`: a database the size of a busy charity's, for the benchmarks and
// for trying the staff screens under load: 100k members, 300k payments, 10k publications.
// Made with generate_series in a few statements (about a minute), after the demo seed (tiers
// and topics). Rows are recognisable (emails @scale.example.org, slugs scale-publication-N)
// and the command does nothing when they are already there.
import type postgres from 'postgres';
import { oneRow } from '../queries/rows';

export type ScaleCounts = { members: number; payments: number; publications: number };
export const SCALE_DEFAULTS: ScaleCounts = { members: 100_000, payments: 300_000, publications: 10_000 };

const FIRST = [
  'Ana',
  'Luis',
  'Carmen',
  'José',
  'María',
  'Jorge',
  'Rosa',
  'Pedro',
  'Lucía',
  'Diego',
  'Sarah',
  'James',
  'Emma',
  'Oliver',
  'Amelia',
  'Harry',
  'Isla',
  'Jack',
  'Sophie',
  'Thomas',
];
const LAST = [
  'Quispe',
  'Mamani',
  'Flores',
  'García',
  'Rodríguez',
  'Huamán',
  'Chávez',
  'Torres',
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Davies',
  "O'Neill",
  'Evans',
  'Thomas',
  'Roberts',
  'Walker',
];

export async function seedScale(sql: postgres.Sql, counts: ScaleCounts = SCALE_DEFAULTS): Promise<ScaleCounts | null> {
  const { present } = oneRow(
    await sql`select exists (select 1 from users where email like '%@scale.example.org') as present`,
    'the scale data check',
  );
  if (present) return null;
  const tiers = await sql<
    { id: string; price: number }[]
  >`select id, annual_price_pence as price from membership_tiers order by sort_order`;
  const topics = await sql<{ id: string }[]>`select id from topics order by slug`;
  if (tiers.length === 0 || topics.length === 0) throw new Error('Run the demo seed first (tiers and topics).');
  const tierIds = tiers.map((t) => t.id);
  const tierPrices = tiers.map((t) => t.price);

  await sql.begin(async (tx) => {
    // Members: names, postcodes and join dates spread out; created_at varies so keyset
    // order by date is realistic.
    await tx`
      insert into users (email, name, postcode, address_line1, city, country, newsletter_opt_in, preferred_locale, created_at)
      select 'scale-member-' || g || '@scale.example.org',
             (${FIRST}::text[])[1 + g % ${FIRST.length}] || ' ' || (${LAST}::text[])[1 + (g / 7) % ${LAST.length}],
             chr(65 + g % 26) || chr(65 + (g / 26) % 26) || (1 + g % 98)::text || ' ' || (g % 10)::text || chr(65 + (g / 3) % 26) || chr(65 + (g / 5) % 26),
             (1 + g % 250)::text || ' High Street', 'Town ' || (g % 500), 'GB',
             g % 5 <> 0, case when g % 4 = 0 then 'es'::locale else 'en'::locale end,
             now() - make_interval(days => (g % 3650)::int, secs => (g % 86400)::int)
      from generate_series(1, ${counts.members}) g`;
    // One membership each: 70% active, then lapsed, cancelled, past_due, pending.
    await tx`
      insert into memberships (user_id, tier_id, status, source, stripe_subscription_id, current_period_start, current_period_end, created_at)
      select u.id,
             (${tierIds}::uuid[])[1 + n % ${tierIds.length}],
             (case when n % 100 < 70 then 'active' when n % 100 < 80 then 'lapsed' when n % 100 < 88 then 'cancelled'
                   when n % 100 < 93 then 'past_due' else 'pending' end)::membership_status,
             (case when (n / 3) % 20 < 12 then 'stripe' when (n / 3) % 20 < 19 then 'offline' else 'complimentary' end)::membership_source,
             case when (n / 3) % 20 < 12 then 'sub_scale_' || n end,
             now() - make_interval(days => (365 - n % 365)::int),
             case when n % 100 < 70 or n % 100 >= 88 then now() + make_interval(days => (n % 365)::int)
                  else now() - make_interval(days => (1 + n % 400)::int) end,
             u.created_at
      from (select id, created_at, row_number() over (order by created_at, id) as n from users where email like '%@scale.example.org') u`;
    // Payments: two thirds membership fees (spread over three years), one third donations.
    await tx`
      insert into payments (kind, user_id, email, membership_id, amount_pence, status, method, paid_at, gift_aid_eligible, created_at)
      select 'membership', m.user_id, u.email, m.id, (${tierPrices}::int[])[1 + g % ${tierPrices.length}],
             (case when g % 50 = 0 then 'refunded' else 'paid' end)::payment_status,
             (case when m.source = 'stripe' then 'card' when g % 2 = 0 then 'cheque' else 'bank_transfer' end)::payment_method,
             now() - make_interval(days => (g % 1095)::int), g % 3 = 0, now() - make_interval(days => (g % 1095)::int)
      from generate_series(1, ${Math.round((counts.payments * 2) / 3)}) g
      join (select ms.id, ms.user_id, ms.source, row_number() over (order by ms.id) as n
            from memberships ms join users su on su.id = ms.user_id where su.email like '%@scale.example.org') m on m.n = 1 + g % ${counts.members}
      join users u on u.id = m.user_id`;
    await tx`
      insert into payments (kind, user_id, email, amount_pence, status, method, paid_at, gift_aid_eligible, created_at)
      select 'donation', u.id, u.email, 500 + (g % 40) * 250, 'paid', (case when g % 3 = 0 then 'cheque' else 'card' end)::payment_method,
             now() - make_interval(days => (g % 1095)::int), g % 2 = 0, now() - make_interval(days => (g % 1095)::int)
      from generate_series(1, ${counts.payments - Math.round((counts.payments * 2) / 3)}) g
      join (select id, email, row_number() over (order by id) as n from users where email like '%@scale.example.org') u on u.n = 1 + g % ${counts.members}`;
    // Publications with English and (for half) Spanish text and a topic each.
    await tx`
      insert into publications (slug, type, published_on, date_precision, status, partner, created_at)
      select 'scale-publication-' || g,
             (array['report','case_study','briefing','submission','event_report'])[1 + g % 5]::publication_type,
             current_date - (g % 10950)::int, 'month', (case when g % 10 = 0 then 'draft' else 'published' end)::publication_status,
             case when g % 4 = 0 then 'CooperAcción' end, now() - make_interval(days => (g % 10950)::int)
      from generate_series(1, ${counts.publications}) g`;
    await tx`
      insert into publication_translations (publication_id, locale, title, summary)
      select p.id, 'en', 'Scale report ' || substr(p.slug, 19) || ': mining, water and rights in region ' || (abs(hashtext(p.slug)) % 25),
             'A generated summary about consultation, extractive industries and human rights, number ' || substr(p.slug, 19) || '.'
      from publications p where p.slug like 'scale-publication-%'`;
    await tx`
      insert into publication_translations (publication_id, locale, title, summary)
      select p.id, 'es', 'Informe de escala ' || substr(p.slug, 19) || ': minería, agua y derechos',
             'Un resumen generado sobre consulta previa, industrias extractivas y derechos humanos.'
      from publications p where p.slug like 'scale-publication-%' and substr(p.slug, 19)::int % 2 = 0`;
    await tx`
      insert into publication_topics (publication_id, topic_id)
      select p.id, (${topics.map((t) => t.id)}::uuid[])[1 + abs(hashtext(p.slug)) % ${topics.length}]
      from publications p where p.slug like 'scale-publication-%'`;
  });
  await sql`analyze`;
  return counts;
}
