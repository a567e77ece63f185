// Authorization rows for /admin (audit): routes and server actions, merged into ../matrix.ts.
// The audit log has no actions at all: nobody can edit or delete it.
import { staffOnly, type Expectation } from '../expectations';

export const routes: Record<string, { path: string; expect: Expectation }> = {
  '[locale]/admin/audit/page.tsx': { path: '/admin/audit', expect: staffOnly },
};
export const actions: Record<string, Expectation> = {};
