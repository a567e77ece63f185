// Authorization rows for /admin (import): routes and server actions, merged into ../matrix.ts.
import { staffOnly, type Expectation } from '../expectations';

export const routes: Record<string, { path: string; expect: Expectation }> = {
  '[locale]/admin/members/import/page.tsx': { path: '/admin/members/import', expect: staffOnly },
  '[locale]/admin/members/import/[id]/page.tsx': {
    path: '/admin/members/import/00000000-0000-4000-8000-000000000000',
    expect: { anonymous: 'signin', member: 'forbidden', lapsed: 'forbidden', staff: 'notfound', admin: 'notfound' },
  },
  '[locale]/admin/members/import/template/route.ts': { path: '/admin/members/import/template', expect: staffOnly },
  '[locale]/admin/members/export/route.ts': { path: '/admin/members/export', expect: staffOnly },
  '[locale]/admin/payments/export/route.ts': { path: '/admin/payments/export', expect: staffOnly },
};
export const actions: Record<string, Expectation> = {
  '[locale]/admin/members/import/actions.ts#previewMemberImport': staffOnly,
  '[locale]/admin/members/import/actions.ts#startMemberImport': staffOnly,
};
