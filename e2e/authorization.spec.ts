import { expect, test } from '@playwright/test';
import { PERSONAS, ROUTES, type Outcome, type Persona } from '../tests/authz/matrix';
import { personaCookie } from './support/db';

// Every guarded route, requested as each kind of visitor, against tests/authz/matrix.ts.
// Actions are checked the same way in tests/integration/authorization-actions.test.ts.

function outcomeOf(status: number, location: string | undefined): Outcome | string {
  if (status >= 300 && status < 400 && location && /\/signin\?/.test(location)) return 'signin';
  if (status === 200) return 'ok';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notfound';
  if (status === 400) return 'badrequest';
  if (status === 405) return 'method';
  return `status ${status}${location ? ` -> ${location}` : ''}`;
}

test.describe('authorization matrix: routes', () => {
  const cookies = new Map<Persona, string>();

  test.beforeAll(async () => {
    for (const persona of PERSONAS) {
      if (persona === 'anonymous') continue;
      const { cookie } = await personaCookie(persona);
      cookies.set(persona, `${cookie.name}=${cookie.value}`);
    }
  });

  for (const [file, { path, expect: expected }] of Object.entries(ROUTES)) {
    const paths = path.startsWith('/api/') ? [path] : [path, `/es${path}`];
    for (const url of paths) {
      test(`${file} at ${url}`, async ({ playwright, baseURL }) => {
        for (const persona of PERSONAS) {
          const context = await playwright.request.newContext({
            baseURL,
            extraHTTPHeaders: cookies.has(persona) ? { cookie: cookies.get(persona)! } : {},
          });
          const response = await context.get(url, { maxRedirects: 0 });
          const outcome = outcomeOf(response.status(), response.headers()['location']);
          expect(outcome, `${url} as ${persona}`).toBe(expected[persona]);
          if (outcome === 'signin') {
            const target = new URL(response.headers()['location']!, baseURL);
            expect(target.pathname).toBe(url.startsWith('/es/') ? '/es/signin' : '/signin');
            if (!url.startsWith('/api/')) expect(target.searchParams.get('callbackUrl')).toBe(url);
          }
          await context.dispose();
        }
      });
    }
  }
});
