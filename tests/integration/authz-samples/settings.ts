// A valid submission for each /admin (settings) action in the matrix, so "ok" means it really ran.
// Imported by ../authorization-actions.test.ts after next/headers and next/cache are mocked.
import { randomBytes } from 'node:crypto';
import { getSql } from '@/db/client';
import { form } from '../../support/forms';
import { createPersona, type PersonaUser } from '../../support/personas';

const settings = await import('@/app/[locale]/admin/settings/actions');

const file = '[locale]/admin/settings/actions.ts';
const slug = () => `authz-${randomBytes(4).toString('hex')}`;
const newTier = async () =>
  (
    await getSql()<
      { id: string }[]
    >`insert into membership_tiers (slug, name_en, name_es, annual_price_pence) values (${slug()}, 'Authz', 'Authz', 2000) returning id`
  )[0]!.id;

export const samples: Record<string, (user: PersonaUser | null) => () => Promise<unknown>> = {
  [`${file}#createTierAction`]: () => () =>
    settings.createTierAction(
      { values: {} },
      form({ locale: 'en', slug: slug(), nameEn: 'Family', nameEs: 'Familia', price: '45', sortOrder: '9', benefitsNewsletterOnly: 'on' }),
    ),
  [`${file}#changeTierPriceAction`]: () => async () =>
    settings.changeTierPriceAction({ values: {} }, form({ locale: 'en', tierId: await newTier(), price: '25.50', confirm: 'on' })),
  [`${file}#setTierActiveAction`]: () => async () =>
    settings.setTierActiveAction(form({ locale: 'en', tierId: await newTier(), active: 'false', confirm: 'on' })),
  [`${file}#saveGraceDaysAction`]: () => () => settings.saveGraceDaysAction({ values: {} }, form({ locale: 'en', graceDays: '30' })),
  [`${file}#saveBankDetailsAction`]: () => () =>
    settings.saveBankDetailsAction(
      { values: {} },
      form({ locale: 'en', accountName: 'Peru Support Group', bank: 'Co-operative Bank', sortCode: '08-92-99', accountNumber: '65432198' }),
    ),
  [`${file}#setStaffRoleAction`]: () => async () => {
    const target = await createPersona(getSql(), 'member');
    return settings.setStaffRoleAction({ values: {} }, form({ locale: 'en', email: target.email, role: 'staff', confirm: 'on' }));
  },
};
