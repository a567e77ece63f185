// A valid submission for each /admin (import) action in the matrix, so "ok" means it really ran.
// Imported by ../authorization-actions.test.ts after next/headers and next/cache are mocked.
import { randomBytes } from 'node:crypto';
import { getSql } from '@/db/client';
import { form } from '../../support/forms';
import type { PersonaUser } from '../../support/personas';
import { firstRow } from '../../support/rows';

const importActions = await import('@/app/[locale]/admin/members/import/actions');

const tier = () => getSql()`
  insert into membership_tiers (slug, name_en, name_es, annual_price_pence) values ('individual', 'Individual', 'Individual', 3000)
  on conflict (slug) do nothing`;

export const samples: Record<string, (user: PersonaUser | null) => () => Promise<unknown>> = {
  '[locale]/admin/members/import/actions.ts#startMemberImport': () => async () => {
    await tier();
    const email = `import-${randomBytes(5).toString('hex')}@example.org`;
    const row = {
      row: 2,
      email,
      name: 'Authz Import',
      addressLine1: null,
      addressLine2: null,
      city: null,
      postcode: null,
      country: null,
      tierSlug: 'individual',
      source: 'offline',
      startDate: '2026-01-01',
      endDate: '2027-01-01',
      newsletterOptIn: null,
      notes: null,
      outcome: 'create',
    };
    const created = firstRow(
      await getSql()`insert into member_imports (file_name, rows, total_rows) values ('members.csv', ${JSON.stringify([row])}::jsonb, 1) returning id`,
    );
    return importActions.startMemberImport(form({ locale: 'en', id: created.id, confirm: 'on' }));
  },
};
