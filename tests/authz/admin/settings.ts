// Authorization rows for /admin (settings): routes and server actions, merged into ../matrix.ts.
// Settings are for admins only: staff get a 403 on the page and on every action.
import { adminOnly, type Expectation } from '../expectations';

const file = '[locale]/admin/settings/actions.ts';

export const routes: Record<string, { path: string; expect: Expectation }> = {
  '[locale]/admin/settings/page.tsx': { path: '/admin/settings', expect: adminOnly },
};
export const actions: Record<string, Expectation> = {
  [`${file}#createTierAction`]: adminOnly,
  [`${file}#changeTierPriceAction`]: adminOnly,
  [`${file}#setTierActiveAction`]: adminOnly,
  [`${file}#saveGraceDaysAction`]: adminOnly,
  [`${file}#saveBankDetailsAction`]: adminOnly,
  [`${file}#setStaffRoleAction`]: adminOnly,
};
