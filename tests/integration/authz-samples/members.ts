// A valid submission for each /admin (members) action in the matrix, so "ok" means it really ran.
// Imported by ../authorization-actions.test.ts after next/headers and next/cache are mocked.
import { getSql } from '@/db/client';
import { form } from '../../support/forms';
import { createPersona, type PersonaUser } from '../../support/personas';

const members = await import('@/app/[locale]/admin/members/actions');
const A = '[locale]/admin/members/actions.ts';
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const idle = { values: {} };
/** A member to act on: "member" has a live offline membership, "lapsed" none. */
const target = async (kind: 'member' | 'lapsed') => (await createPersona(getSql(), kind)).userId;
const otherTier = async () => {
  await getSql()`insert into membership_tiers (slug, name_en, name_es, annual_price_pence) values ('authz-family', 'Family', 'Familia', 4500) on conflict (slug) do nothing`;
  return 'authz-family';
};

export const samples: Record<string, (user: PersonaUser | null) => () => Promise<unknown>> = {
  [`${A}#recordMemberPayment`]: () => async () =>
    members.recordMemberPayment(
      idle,
      form({ locale: 'en', userId: await target('lapsed'), amount: '30.00', paidOn: day(0), method: 'cheque', confirm: 'on' }),
    ),
  [`${A}#grantComplimentary`]: () => async () =>
    members.grantComplimentary(
      idle,
      form({ locale: 'en', userId: await target('lapsed'), tier: 'individual', endsOn: day(90), confirm: 'on' }),
    ),
  [`${A}#extendMemberMembership`]: () => async () =>
    members.extendMemberMembership(idle, form({ locale: 'en', userId: await target('member'), months: '3', confirm: 'on' })),
  [`${A}#changeMemberTier`]: () => async () =>
    members.changeMemberTier(idle, form({ locale: 'en', userId: await target('member'), tier: await otherTier(), confirm: 'on' })),
  [`${A}#cancelMemberMembership`]: () => async () =>
    members.cancelMemberMembership(idle, form({ locale: 'en', userId: await target('member'), confirm: 'on' })),
  [`${A}#resendSignInLink`]: () => async () =>
    members.resendSignInLink(idle, form({ locale: 'en', userId: await target('lapsed'), confirm: 'on' })),
  [`${A}#addNote`]: () => async () =>
    members.addNote(idle, form({ locale: 'en', userId: await target('lapsed'), body: 'Phoned about renewal.' })),
};
