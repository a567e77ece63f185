// npm run db:seed:scale, in miniature: the counts asked for, spread over every state, once.
import { beforeAll, describe, expect, it } from 'vitest';
import { getSql } from '@/db/client';
import { seedScale } from '@/db/seed/scale';
import { seedDemoContent } from '../support/seed';
import { firstRow } from '../support/rows';

const counts = { members: 600, payments: 1800, publications: 60 };

beforeAll(async () => {
  await seedDemoContent();
});

describe('scale seed', () => {
  it('makes the members, payments and publications asked for, in every membership state and source', async () => {
    expect(await seedScale(getSql(), counts)).toEqual(counts);
    const [made] = await getSql()`select
      (select count(*)::int from users where email like '%@scale.example.org') as members,
      (select count(*)::int from memberships m join users u on u.id = m.user_id where u.email like '%@scale.example.org') as memberships,
      (select count(*)::int from payments where email like '%@scale.example.org') as payments,
      (select count(*)::int from publications where slug like 'scale-publication-%') as publications,
      (select count(distinct status)::int from memberships) as statuses,
      (select count(distinct source)::int from memberships) as sources`;
    expect(made).toEqual({ members: 600, memberships: 600, payments: 1800, publications: 60, statuses: 5, sources: 3 });
  });

  it('makes searchable publications in both languages', async () => {
    const rows = await getSql()`select count(*)::int as n from publication_translations t join publications p on p.id = t.publication_id
      where p.slug like 'scale-publication-%' and t.search @@ websearch_to_tsquery('spanish'::regconfig, immutable_unaccent('minería'))`;
    expect(rows[0]!.n).toBe(30);
  });

  it('does nothing the second time', async () => {
    expect(await seedScale(getSql(), counts)).toBeNull();
    const { n } = firstRow(await getSql()`select count(*)::int as n from users where email like '%@scale.example.org'`);
    expect(n).toBe(600);
  });
});
