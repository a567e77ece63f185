// Hole 7: /admin/members?q=%00 (and its export) and /admin/payments?from=2024-02-30
// answered 500: the values reached Postgres, which cannot hold NUL and refuses impossible
// dates. This sweep sends hostile values in every query parameter (and dynamic path
// segment) of every page and route that reads one, as the visitor who gets past the
// guard, and fails on anything but a page, a redirect, a 403 or a 404.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getSql } from '@/db/client';
import { createPersona, type SignedInPersona } from '../support/personas';
import { nextHeadersMock, outcomeOf, requestContext } from '../support/request-context';
import { seedDemoContent } from '../support/seed';

vi.mock('next/headers', () => nextHeadersMock);
vi.mock('next/cache', () => ({
  revalidatePath: () => {},
  revalidateTag: () => {},
  updateTag: () => {},
  unstable_cache: (fn: unknown) => fn,
}));
vi.mock('next/server', async (importOriginal) => ({ ...(await importOriginal<typeof import('next/server')>()), after: () => {} }));
// Translations are not what is tested here (tests/unit/messages.test.ts checks them); the
// pages' own parsing and queries are, so t() gives back its key.
vi.mock('next-intl/server', () => {
  const t = Object.assign((key: string) => key, {
    rich: (key: string) => key,
    markup: (key: string) => key,
    raw: (key: string) => key,
    has: () => true,
  });
  return {
    setRequestLocale: () => {},
    getTranslations: async () => t,
    getLocale: async () => 'en',
    getMessages: async () => ({}),
    getNow: async () => new Date(),
    getTimeZone: async () => 'Europe/London',
  };
});

/** The library search page, given its query string the way proxy.ts rewrites it. */
async function librarySearchPage() {
  const mod = await import('@/app/[locale]/publications/search/[key]/page');
  const { canonicalLibraryQuery, parseLibraryParams } = await import('@/lib/library/params');
  const { libraryStateKey } = await import('@/lib/library/state-key');
  type Props = { params: Promise<{ locale: string; key: string }>; searchParams: Promise<Record<string, string | string[]>> };
  const rewritten = async ({ params, searchParams }: Props) => {
    const { locale, key } = await params;
    const query = await searchParams;
    return {
      params: Promise.resolve({
        locale,
        key: Object.keys(query).length ? libraryStateKey(canonicalLibraryQuery(parseLibraryParams(query))) : key,
      }),
    };
  };
  return {
    default: async (props: Props) => mod.default((await rewritten(props)) as never),
    generateMetadata: async (props: Props) => mod.generateMetadata((await rewritten(props)) as never),
  };
}

/** The public search's hostile inputs (tests/integration/hostile-input.test.ts) and more. */
const HOSTILE: (string | string[])[] = [
  'x'.repeat(10_000),
  "'; drop table publications; --",
  '1 OR 1=1',
  'mining & | ! (',
  '!!! ::: *** &&& |||',
  '"unterminated quote',
  '-',
  '-mining',
  'a:* & b:*',
  '<script>alert(1)</script>',
  '\u0000',
  '\u0000\u0001',
  'a\u0000b',
  '😀 perú',
  '%00',
  '../../etc/passwd',
  '2024-02-30',
  '2023-02-29',
  '0000-01-01',
  '9999-99-99',
  '2024-13-01',
  '-1',
  '0',
  '1e309',
  'NaN',
  '99999999999999999999',
  ' ',
  'null',
  '2024-02-30T10:00:00.000000Z~00000000-0000-4000-8000-000000000000',
  '-271821-04-20T00:00:00.000Z_00000000-0000-4000-8000-000000000000',
  '2024-02-30~------------------------------------',
  Buffer.from(JSON.stringify({ o: 'name-asc', p: 'v', v: 'a\u0000', id: randomUUID() })).toString('base64url'),
  Buffer.from(JSON.stringify({ o: 'joined-asc', p: 'v', v: '2024-02-30T00:00:00Z', id: randomUUID() })).toString('base64url'),
  ['2024-02-30', '2024-01-01'],
  ['\u0000', 'x'],
];

type Visitor = 'anonymous' | SignedInPersona;
type PageModule = { default: (props: never) => unknown; generateMetadata?: (props: never) => unknown };
type RouteModule = {
  GET?: (request: Request, ctx: never) => Promise<Response>;
  POST?: (request: Request, ctx: never) => Promise<Response>;
};
type Target = {
  name: string;
  as: Visitor;
  query?: string[];
  segments?: Record<string, string>;
  /** Dynamic path segments to fill with hostile values too. */
  hostileSegments?: string[];
} & ({ page: () => Promise<PageModule> } | { route: () => Promise<RouteModule>; path: string; method?: 'GET' | 'POST' });

const PAGES: Target[] = [
  // Staff
  {
    name: '/admin/audit',
    as: 'staff',
    page: () => import('@/app/[locale]/admin/audit/page'),
    query: ['who', 'what', 'entity', 'from', 'to', 'before'],
  },
  {
    name: '/admin/gift-aid',
    as: 'staff',
    page: () => import('@/app/[locale]/admin/gift-aid/page'),
    query: ['from', 'to', 'claimsBefore', 'created', 'submitted'],
  },
  {
    name: '/admin/members',
    as: 'staff',
    page: () => import('@/app/[locale]/admin/members/page'),
    query: ['q', 'status', 'tier', 'source', 'expiresWithin', 'sort', 'dir', 'after'],
  },
  {
    name: '/admin/members/[id]',
    as: 'staff',
    page: () => import('@/app/[locale]/admin/members/[id]/page'),
    segments: { id: randomUUID() },
    hostileSegments: ['id'],
    query: ['done', 'error'],
  },
  {
    name: '/admin/members/import/[id]',
    as: 'staff',
    page: () => import('@/app/[locale]/admin/members/import/[id]/page'),
    segments: { id: randomUUID() },
    hostileSegments: ['id'],
  },
  {
    name: '/admin/newsletters/[id]',
    as: 'staff',
    page: () => import('@/app/[locale]/admin/newsletters/[id]/page'),
    segments: { id: randomUUID() },
    hostileSegments: ['id'],
    query: ['test'],
  },
  {
    name: '/admin/pages/[slug]/[lang]',
    as: 'staff',
    page: () => import('@/app/[locale]/admin/pages/[slug]/[lang]/page'),
    segments: { slug: 'aims', lang: 'en' },
    hostileSegments: ['slug', 'lang'],
  },
  {
    name: '/admin/payments',
    as: 'staff',
    page: () => import('@/app/[locale]/admin/payments/page'),
    query: ['kind', 'status', 'method', 'from', 'to', 'q', 'after'],
  },
  {
    name: '/admin/payments/[id]',
    as: 'staff',
    page: () => import('@/app/[locale]/admin/payments/[id]/page'),
    segments: { id: randomUUID() },
    hostileSegments: ['id'],
    query: ['done'],
  },
  {
    name: '/admin/publications',
    as: 'staff',
    page: () => import('@/app/[locale]/admin/publications/page'),
    query: ['q', 'status', 'type', 'after', 'before', 'deleted'],
  },
  {
    name: '/admin/publications/[id]',
    as: 'staff',
    page: () => import('@/app/[locale]/admin/publications/[id]/page'),
    segments: { id: randomUUID() },
    hostileSegments: ['id'],
    query: ['saved', 'published', 'unpublished', 'delete'],
  },
  {
    name: '/admin/publications/topics',
    as: 'staff',
    page: () => import('@/app/[locale]/admin/publications/topics/page'),
    query: ['topic', 'error', 'count', 'deleted'],
  },
  { name: '/admin/settings', as: 'admin', page: () => import('@/app/[locale]/admin/settings/page'), query: ['tier'] },
  // Members
  { name: '/members/newsletters', as: 'member', page: () => import('@/app/[locale]/members/newsletters/page'), query: ['q', 'year'] },
  {
    name: '/members/newsletters/[number]',
    as: 'member',
    page: () => import('@/app/[locale]/members/newsletters/[number]/page'),
    segments: { number: '1' },
    hostileSegments: ['number'],
  },
  {
    name: '/account/receipts/[id]',
    as: 'member',
    page: () => import('@/app/[locale]/account/receipts/[id]/page'),
    segments: { id: randomUUID() },
    hostileSegments: ['id'],
  },
  { name: '/join/success', as: 'member', page: () => import('@/app/[locale]/join/success/page'), query: ['session_id'] },
  // Everyone
  // The query reaches the page as proxy.ts passes it on: normalised, in the key segment.
  {
    name: '/publications?… (search/[key])',
    as: 'anonymous',
    page: librarySearchPage,
    query: ['q', 'type', 'topic', 'year', 'lang', 'page'],
    segments: { key: '' },
    hostileSegments: ['key'],
  },
  {
    name: '/publications/[slug]',
    as: 'anonymous',
    page: () => import('@/app/[locale]/publications/[slug]/page'),
    segments: { slug: 'x' },
    hostileSegments: ['slug'],
  },
  {
    name: '/about/[slug]',
    as: 'anonymous',
    page: () => import('@/app/[locale]/about/[slug]/page'),
    segments: { slug: 'aims' },
    hostileSegments: ['slug'],
  },
  {
    name: '/[...rest]',
    as: 'anonymous',
    page: () => import('@/app/[locale]/[...rest]/page'),
    segments: { rest: 'x' },
    hostileSegments: ['rest'],
  },
  { name: '/donate', as: 'anonymous', page: () => import('@/app/[locale]/donate/page'), query: ['checkout'] },
  { name: '/donate/thanks', as: 'anonymous', page: () => import('@/app/[locale]/donate/thanks/page'), query: ['session_id'] },
  {
    name: '/join/[tier]',
    as: 'member',
    page: () => import('@/app/[locale]/join/[tier]/page'),
    segments: { tier: 'individual' },
    hostileSegments: ['tier'],
    query: ['checkout'],
  },
  {
    name: '/newsletter/unsubscribe',
    as: 'anonymous',
    page: () => import('@/app/[locale]/newsletter/unsubscribe/page'),
    query: ['u', 's', 'done'],
  },
  { name: '/signin', as: 'anonymous', page: () => import('@/app/[locale]/signin/page'), query: ['callbackUrl'] },
  { name: '/signin/check-email', as: 'anonymous', page: () => import('@/app/[locale]/signin/check-email/page'), query: ['email'] },
  {
    name: '/signin/confirm',
    as: 'anonymous',
    page: () => import('@/app/[locale]/signin/confirm/page'),
    query: ['email', 'token', 'callbackUrl'],
  },
  {
    name: '/signin/link-invalid',
    as: 'anonymous',
    page: () => import('@/app/[locale]/signin/link-invalid/page'),
    query: ['reason', 'email'],
  },
];

const ROUTES: Target[] = [
  {
    name: '/admin/members/export',
    as: 'staff',
    route: () => import('@/app/[locale]/admin/members/export/route'),
    path: '/admin/members/export',
    query: ['q', 'status', 'tier', 'source', 'expiresWithin'],
  },
  {
    name: '/admin/payments/export',
    as: 'staff',
    route: () => import('@/app/[locale]/admin/payments/export/route'),
    path: '/admin/payments/export',
    query: ['from', 'to', 'kind', 'status'],
  },
  {
    name: '/admin/gift-aid/claims/[id]/schedule',
    as: 'staff',
    route: () => import('@/app/[locale]/admin/gift-aid/claims/[id]/schedule/route'),
    path: '/admin/gift-aid/claims/x/schedule',
    segments: { id: randomUUID() },
    hostileSegments: ['id'],
  },
  {
    name: '/members/newsletters/[number]/pdf',
    as: 'member',
    route: () => import('@/app/[locale]/members/newsletters/[number]/pdf/route'),
    path: '/members/newsletters/1/pdf',
    segments: { number: '1' },
    hostileSegments: ['number'],
  },
  {
    name: '/files/publications/[id]/[name]',
    as: 'anonymous',
    route: () => import('@/app/files/publications/[id]/[name]/route'),
    path: '/files/publications/x/y.pdf',
    segments: { id: randomUUID(), name: 'a.pdf' },
    hostileSegments: ['id', 'name'],
  },
  {
    name: '/api/admin/newsletters/[id]/progress',
    as: 'staff',
    route: () => import('@/app/api/admin/newsletters/[id]/progress/route'),
    path: '/api/admin/newsletters/x/progress',
    segments: { id: randomUUID() },
    hostileSegments: ['id'],
  },
  {
    name: 'POST /api/newsletter/unsubscribe',
    as: 'anonymous',
    route: () => import('@/app/api/newsletter/unsubscribe/route'),
    path: '/api/newsletter/unsubscribe',
    method: 'POST',
    query: ['u', 's', 'locale'],
  },
  { name: '/feed.xml', as: 'anonymous', route: () => import('@/app/feed.xml/route'), path: '/feed.xml', query: ['q'] },
];

const sessions: Partial<Record<Visitor, string>> = {};
beforeAll(async () => {
  await seedDemoContent();
  for (const persona of ['member', 'staff', 'admin'] as const) sessions[persona] = (await createPersona(getSql(), persona)).sessionToken;
});

function signInAs(visitor: Visitor) {
  requestContext.reset();
  if (visitor !== 'anonymous') requestContext.cookies.set('authjs.session-token', sessions[visitor]!);
}

/** Each request: one parameter hostile at a time, then all of them at once. */
function requests(target: Target, value: string | string[]) {
  const query = target.query ?? [];
  const out: { query: Record<string, string | string[]>; segments: Record<string, string> }[] = [];
  for (const key of query) out.push({ query: { [key]: value }, segments: { ...target.segments } });
  if (query.length > 1) out.push({ query: Object.fromEntries(query.map((key) => [key, value])), segments: { ...target.segments } });
  const text = Array.isArray(value) ? value[0]! : value;
  for (const key of target.hostileSegments ?? [])
    out.push({ query: {}, segments: { ...target.segments, [key]: key === 'rest' ? ([text] as unknown as string) : text } });
  return out;
}

/** What the visitor would get, or the error that would have been a 500. */
async function attempt(target: Target, query: Record<string, string | string[]>, segments: Record<string, string>): Promise<string | null> {
  try {
    if ('page' in target) {
      const mod = await target.page();
      const props = { params: Promise.resolve({ locale: 'en', ...segments }), searchParams: Promise.resolve(query) } as never;
      await outcomeOf(async () => mod.default(props));
      if (mod.generateMetadata) await outcomeOf(async () => mod.generateMetadata!(props));
      return null;
    }
    const mod = await target.route();
    const url = new URL(`http://localhost:3000${target.path}`);
    for (const [key, value] of Object.entries(query)) for (const v of [value].flat()) url.searchParams.append(key, v);
    const handler = mod[target.method ?? 'GET']!;
    const { outcome, result } = await outcomeOf(() =>
      handler(new Request(url, { method: target.method ?? 'GET', headers: { origin: 'http://localhost:3000' } }), {
        params: Promise.resolve({ locale: 'en', ...segments }),
      } as never),
    );
    if (outcome !== 'ok' || !(result instanceof Response)) return null;
    if (result.status >= 500) return `status ${result.status}`;
    await result.arrayBuffer(); // a CSV streamed from the database fails while it is read
    return null;
  } catch (error) {
    return error instanceof Error ? error.message.split('\n')[0]!.slice(0, 160) : String(error);
  }
}

describe('no hostile query string or path segment gets a 500', () => {
  for (const target of [...PAGES, ...ROUTES]) {
    it(`${target.name} (as ${target.as})`, async () => {
      signInAs(target.as);
      const failures: string[] = [];
      for (const value of HOSTILE) {
        for (const { query, segments } of requests(target, value)) {
          const error = await attempt(target, query, segments);
          if (error) failures.push(`${JSON.stringify(query).slice(0, 80)} ${JSON.stringify(segments).slice(0, 80)} → ${error}`);
        }
      }
      expect(failures).toEqual([]);
    }, 120_000);
  }
});
