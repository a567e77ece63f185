import { describe, expect, it } from 'vitest';
import {
  callsCrossSiteGuard,
  changesState,
  discoverActions,
  discoverRouteHandlers,
  discoverRoutes,
  exportedMethods,
} from '../authz/discover';
import { ACTIONS, isGuardedArea, ROUTE_HANDLERS, ROUTES } from '../authz/matrix';

describe('the authorization matrix covers every guarded route and action', () => {
  it('has a row for every page and route handler under /account, /members, /admin and /api', () => {
    const missing = discoverRoutes()
      .filter(isGuardedArea)
      .filter((file) => !(file in ROUTES));
    expect(missing, 'add these to tests/authz/matrix.ts ROUTES').toEqual([]);
  });

  it('has a row for every exported server action in those areas', () => {
    const missing = discoverActions()
      .filter((key) => isGuardedArea(key.split('#')[0]!))
      .filter((key) => !(key in ACTIONS));
    expect(missing, 'add these to tests/authz/matrix.ts ACTIONS').toEqual([]);
  });

  it('has no rows for routes or actions that no longer exist', () => {
    const routes = new Set(discoverRoutes());
    const actions = new Set(discoverActions());
    expect(Object.keys(ROUTES).filter((f) => !routes.has(f))).toEqual([]);
    expect(Object.keys(ACTIONS).filter((k) => !actions.has(k))).toEqual([]);
  });

  it('says, for every route handler in app/, how it meets a request from another site', () => {
    const handlers = discoverRouteHandlers();
    expect(
      handlers.filter((file) => !(file in ROUTE_HANDLERS)),
      'add these to tests/authz/matrix.ts ROUTE_HANDLERS',
    ).toEqual([]);
    expect(
      Object.keys(ROUTE_HANDLERS).filter((file) => !handlers.includes(file)),
      'these are gone from app/',
    ).toEqual([]);
  });

  it('every state-changing route handler calls the shared cross-site guard or is signed', () => {
    const wrong = Object.entries(ROUTE_HANDLERS).flatMap(([file, csrf]) => {
      if (csrf.kind === 'safe' && changesState(file)) return [`${file}: exports ${exportedMethods(file).join(', ')}; it is not "safe"`];
      if (csrf.kind !== 'safe' && !changesState(file)) return [`${file}: only ${exportedMethods(file).join(', ')}; list it as "safe"`];
      if (csrf.kind === 'same-origin' && !callsCrossSiteGuard(file))
        return [`${file}: does not call refuseCrossSite from lib/security/same-origin`];
      return [];
    });
    expect(wrong).toEqual([]);
  });

  it('finds the routes it is meant to find (the walker itself works)', () => {
    expect(discoverRoutes()).toContain('[locale]/account/page.tsx');
    expect(discoverActions()).toContain('[locale]/account/actions.ts#saveProfile');
    expect(discoverActions()).toContain('[locale]/signin/actions.ts#requestSignInLink');
    expect(exportedMethods('api/auth/confirm/route.ts')).toEqual(['POST']);
    expect(exportedMethods('api/health/route.ts')).toEqual(['GET']);
  });
});
