// Authorization rows for /admin (gift-aid): routes and server actions, merged into ../matrix.ts.
import { staffOnly, type Expectation } from '../expectations';

export const routes: Record<string, { path: string; expect: Expectation }> = {
  '[locale]/admin/gift-aid/page.tsx': { path: '/admin/gift-aid', expect: staffOnly },
  // Staff get a 404 for a claim that does not exist; the schedule holds donors' addresses.
  '[locale]/admin/gift-aid/claims/[id]/schedule/route.ts': {
    path: '/admin/gift-aid/claims/00000000-0000-4000-8000-000000000000/schedule',
    expect: { anonymous: 'signin', member: 'forbidden', lapsed: 'forbidden', staff: 'notfound', admin: 'notfound' },
  },
};
export const actions: Record<string, Expectation> = {
  '[locale]/admin/gift-aid/actions.ts#createGiftAidClaim': staffOnly,
  '[locale]/admin/gift-aid/actions.ts#markGiftAidClaimSubmitted': staffOnly,
};
