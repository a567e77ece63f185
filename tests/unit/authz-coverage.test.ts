import { describe, expect, it } from 'vitest';
import { discoverActions, discoverRoutes } from '../authz/discover';
import { ACTIONS, isGuardedArea, ROUTES } from '../authz/matrix';

describe('the authorization matrix covers every guarded route and action', () => {
  it('has a row for every page and route handler under /account, /members, /admin and /api', () => {
    const missing = discoverRoutes().filter(isGuardedArea).filter((file) => !(file in ROUTES));
    expect(missing, 'add these to tests/authz/matrix.ts ROUTES').toEqual([]);
  });

  it('has a row for every exported server action in those areas', () => {
    const missing = discoverActions()
      .filter((key) => isGuardedArea(key.split('#')[0]))
      .filter((key) => !(key in ACTIONS));
    expect(missing, 'add these to tests/authz/matrix.ts ACTIONS').toEqual([]);
  });

  it('has no rows for routes or actions that no longer exist', () => {
    const routes = new Set(discoverRoutes());
    const actions = new Set(discoverActions());
    expect(Object.keys(ROUTES).filter((f) => !routes.has(f))).toEqual([]);
    expect(Object.keys(ACTIONS).filter((k) => !actions.has(k))).toEqual([]);
  });

  it('finds the routes it is meant to find (the walker itself works)', () => {
    expect(discoverRoutes()).toContain('[locale]/account/page.tsx');
    expect(discoverActions()).toContain('[locale]/account/actions.ts#saveProfile');
    expect(discoverActions()).toContain('[locale]/signin/actions.ts#requestSignInLink');
  });
});
