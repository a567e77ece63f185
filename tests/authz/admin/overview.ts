// Authorization rows for /admin (overview): routes and server actions, merged into ../matrix.ts.
import { staffOnly, type Expectation } from '../expectations';

export const routes: Record<string, { path: string; expect: Expectation }> = {
  '[locale]/admin/page.tsx': { path: '/admin', expect: staffOnly },
};
export const actions: Record<string, Expectation> = {};
