// Authorization rows for /admin (payments): routes and server actions, merged into ../matrix.ts.
import { staffOnly, type Expectation } from '../expectations';

export const routes: Record<string, { path: string; expect: Expectation }> = {
  '[locale]/admin/payments/page.tsx': { path: '/admin/payments', expect: staffOnly },
  // A payment that does not exist: staff get 404, others never learn that.
  '[locale]/admin/payments/[id]/page.tsx': {
    path: '/admin/payments/00000000-0000-4000-8000-000000000000',
    expect: { anonymous: 'signin', member: 'forbidden', lapsed: 'forbidden', staff: 'notfound', admin: 'notfound' },
  },
};
export const actions: Record<string, Expectation> = {
  '[locale]/admin/payments/actions.ts#refundPaymentAction': staffOnly,
  '[locale]/admin/payments/actions.ts#correctOfflinePaymentAction': staffOnly,
};
