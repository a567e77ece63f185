// Authorization rows for /admin (pages): routes and server actions, merged into ../matrix.ts.
import { staffOnly, type Expectation } from '../expectations';

export const routes: Record<string, { path: string; expect: Expectation }> = {
  '[locale]/admin/pages/page.tsx': { path: '/admin/pages', expect: staffOnly },
  '[locale]/admin/pages/[slug]/[lang]/page.tsx': { path: '/admin/pages/aims/es', expect: staffOnly },
};

export const actions: Record<string, Expectation> = {
  '[locale]/admin/pages/actions.ts#savePageAction': staffOnly,
};
