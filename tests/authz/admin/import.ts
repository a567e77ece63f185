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
  // The upload form's route handler: POST only (a GET is not allowed at all). Who may post,
  // and that the role and Origin are checked before the body is read, is in
  // tests/security/upload-limits.test.ts: staff and admins only, same-origin only.
  'api/admin/members/import/route.ts': {
    path: '/api/admin/members/import',
    expect: { anonymous: 'method', member: 'method', lapsed: 'method', staff: 'method', admin: 'method' },
  },
};
export const actions: Record<string, Expectation> = {
  '[locale]/admin/members/import/actions.ts#startMemberImport': staffOnly,
};
