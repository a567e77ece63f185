// Authorization rows for /admin (publications): routes and server actions, merged into ../matrix.ts.
import { staffOnly, type Expectation } from '../expectations';

export const routes: Record<string, { path: string; expect: Expectation }> = {
  '[locale]/admin/publications/page.tsx': { path: '/admin/publications', expect: staffOnly },
  '[locale]/admin/publications/new/page.tsx': { path: '/admin/publications/new', expect: staffOnly },
  '[locale]/admin/publications/topics/page.tsx': { path: '/admin/publications/topics', expect: staffOnly },
  '[locale]/admin/publications/[id]/page.tsx': {
    path: '/admin/publications/00000000-0000-4000-8000-000000000000',
    expect: { anonymous: 'signin', member: 'forbidden', lapsed: 'forbidden', staff: 'notfound', admin: 'notfound' },
  },
  // The create/edit form's route handler: POST only, staff and same-origin only
  // (tests/security/upload-limits.test.ts).
  'api/admin/publications/route.ts': {
    path: '/api/admin/publications',
    expect: { anonymous: 'method', member: 'method', lapsed: 'method', staff: 'method', admin: 'method' },
  },
};

export const actions: Record<string, Expectation> = {
  '[locale]/admin/publications/actions.ts#setPublicationStatusAction': staffOnly,
  '[locale]/admin/publications/actions.ts#deletePublicationAction': staffOnly,
  '[locale]/admin/publications/topics/actions.ts#createTopicAction': staffOnly,
  '[locale]/admin/publications/topics/actions.ts#renameTopicAction': staffOnly,
  '[locale]/admin/publications/topics/actions.ts#deleteTopicAction': staffOnly,
};
