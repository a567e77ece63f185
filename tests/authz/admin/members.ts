// Authorization rows for /admin (members): routes and server actions, merged into ../matrix.ts.
import { staffOnly, type Expectation } from '../expectations';

const A = '[locale]/admin/members/actions.ts';

export const routes: Record<string, { path: string; expect: Expectation }> = {
  '[locale]/admin/members/page.tsx': { path: '/admin/members', expect: staffOnly },
  // No such member: staff get a 404, everyone else is stopped before the lookup.
  '[locale]/admin/members/[id]/page.tsx': {
    path: '/admin/members/00000000-0000-4000-8000-000000000000',
    expect: { anonymous: 'signin', member: 'forbidden', lapsed: 'forbidden', staff: 'notfound', admin: 'notfound' },
  },
};

export const actions: Record<string, Expectation> = {
  [`${A}#recordMemberPayment`]: staffOnly,
  [`${A}#grantComplimentary`]: staffOnly,
  [`${A}#extendMemberMembership`]: staffOnly,
  [`${A}#changeMemberTier`]: staffOnly,
  [`${A}#cancelMemberMembership`]: staffOnly,
  [`${A}#resendSignInLink`]: staffOnly,
  [`${A}#addNote`]: staffOnly,
};
