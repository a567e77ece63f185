// Hole 3: serverActions.bodySizeLimit was 105 MB for every server action, public ones
// included, and Next reads an action's whole body before any code of ours runs: three
// anonymous 100 MB posts took the server from 190 MB to 1 GB. Now the action limit is
// small and the staff forms with files post to route handlers that check the Origin and
// the role before reading a byte, refuse a declared length over the form's cap, and stream
// the rest (files to storage) with the cap counted as it arrives.
// (e2e/upload-limits.spec.ts makes the same attack on a production server and measures its memory.)
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getSql } from '@/db/client';
import nextConfig from '@/next.config';
import { createPersona, type PersonaUser } from '../support/personas';
import { nextHeadersMock, requestContext } from '../support/request-context';
import { storedKeys } from '../support/stored-files';

vi.mock('next/headers', () => nextHeadersMock);
vi.mock('next/cache', () => ({
  revalidatePath: () => {},
  revalidateTag: () => {},
  updateTag: () => {},
  unstable_cache: (fn: unknown) => fn,
}));

const publications = await import('@/app/api/admin/publications/route');
const newsletters = await import('@/app/api/admin/newsletters/route');
const memberImport = await import('@/app/api/admin/members/import/route');
const { takeFormDraft } = await import('@/lib/storage/drafts');
const { issueFormStateSchema } = await import('@/lib/newsletter/issue-form');
const { MAX_UPLOAD_BYTES } = await import('@/lib/storage/upload');

const MB = 1024 * 1024;
const ORIGIN = 'http://localhost:3000';
const ROUTES = [
  { name: 'publications', POST: publications.POST, path: '/api/admin/publications', file: 'file_en' },
  { name: 'newsletters', POST: newsletters.POST, path: '/api/admin/newsletters', file: 'pdf' },
  { name: 'member import', POST: memberImport.POST, path: '/api/admin/members/import', file: 'file' },
];

/**
 * A multipart body made as it is read, never held: the text fields, then `fileBytes` of a
 * "PDF" in one file part. `pulled()` says how much of it the server has read.
 */
function lazyForm(fields: Record<string, string>, fileField: string, fileBytes: number) {
  const boundary = '----psgSecurityTest';
  const encoder = new TextEncoder();
  const head = encoder.encode(
    Object.entries(fields)
      .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join('') +
      `--${boundary}\r\nContent-Disposition: form-data; name="${fileField}"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-`,
  );
  const tail = encoder.encode(`\r\n--${boundary}--\r\n`);
  const chunk = new Uint8Array(256 * 1024).fill(0x41);
  let pulled = 0;
  let sentFile = 0;
  let stage: 'head' | 'file' | 'tail' | 'done' = 'head';
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (stage === 'head') {
          stage = 'file';
          pulled += head.length;
          return controller.enqueue(head);
        }
        if (stage === 'file' && sentFile < fileBytes) {
          const part = chunk.subarray(0, Math.min(chunk.length, fileBytes - sentFile));
          sentFile += part.length;
          pulled += part.length;
          return controller.enqueue(part);
        }
        if (stage !== 'done') {
          stage = 'done';
          pulled += tail.length;
          controller.enqueue(tail);
        }
        controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  return {
    stream,
    contentType: `multipart/form-data; boundary=${boundary}`,
    length: head.length + fileBytes + tail.length,
    pulled: () => pulled,
  };
}

function post(route: (typeof ROUTES)[number], body: ReturnType<typeof lazyForm>, headers: Record<string, string> = {}) {
  return route.POST(
    new Request(`${ORIGIN}${route.path}?locale=en`, {
      method: 'POST',
      body: body.stream,
      duplex: 'half',
      headers: { 'content-type': body.contentType, origin: ORIGIN, accept: 'application/json', ...headers },
    } as RequestInit),
  );
}

const personas: Partial<Record<'member' | 'lapsed' | 'staff' | 'admin', PersonaUser>> = {};
beforeAll(async () => {
  for (const p of ['member', 'lapsed', 'staff', 'admin'] as const) personas[p] = await createPersona(getSql(), p);
});
function as(persona: 'anonymous' | keyof typeof personas) {
  requestContext.reset();
  if (persona !== 'anonymous') requestContext.cookies.set('authjs.session-token', personas[persona]!.sessionToken);
}
beforeEach(() => requestContext.reset());

const storedNow = async () => [...(await storedKeys('publications')), ...(await storedKeys('newsletters'))];

describe('the server action body limit', () => {
  it('is a few hundred KB for every action, and the proxy copies no more than that of a body', async () => {
    const units: Record<string, number> = { b: 1, kb: 1024, mb: MB };
    const parse = (size: string) => {
      const [, n, unit] = /^(\d+)\s*(b|kb|mb)$/i.exec(size) ?? [];
      return Number(n) * (units[unit?.toLowerCase() ?? ''] ?? NaN);
    };
    const experimental = (nextConfig as { experimental: { serverActions: { bodySizeLimit: string }; proxyClientMaxBodySize: string } })
      .experimental;
    expect(parse(experimental.serverActions.bodySizeLimit)).toBeLessThanOrEqual(512 * 1024);
    expect(parse(experimental.proxyClientMaxBodySize)).toBeLessThanOrEqual(1 * MB);
  });
});

describe.each(ROUTES)('POST $path (the $name form)', (route) => {
  for (const persona of ['anonymous', 'member', 'lapsed'] as const) {
    it(`refuses ${persona === 'anonymous' ? 'an anonymous' : `a ${persona}`} 100 MB post without reading its body`, async () => {
      as(persona);
      const body = lazyForm({ locale: 'en' }, route.file, 100 * MB);
      const response = await post(route, body);
      expect(response.status).toBe(persona === 'anonymous' ? 401 : 403);
      expect(await response.json()).toEqual({
        redirect:
          persona === 'anonymous' ? expect.stringMatching(/^\/signin\?callbackUrl=%2Fadmin%2F/) : expect.stringMatching(/^\/admin\//),
      });
      expect(response.headers.get('connection')).toBe('close');
      expect(body.pulled()).toBe(0);
    });
  }

  it('refuses a post from another site, even with a staff session, without reading its body', async () => {
    as('staff');
    const attempts: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: '', 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of attempts) {
      const body = lazyForm({ locale: 'en' }, route.file, 10 * MB);
      const response = await post(route, body, headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(body.pulled()).toBe(0);
    }
  });

  it('refuses a declared length over the form’s cap before reading it, with a message for the form', async () => {
    as('staff');
    const before = await storedNow();
    const body = lazyForm({ locale: 'en' }, route.file, 150 * MB);
    const response = await post(route, body, { 'content-length': String(body.length) });
    expect(response.status).toBe(413);
    // Refused as a whole on the publication and import forms, on the PDF's field on the newsletter's.
    const refusal: Record<string, object> = {
      publications: { error: 'requestTooLarge' },
      newsletters: { fieldErrors: expect.any(Object) },
      'member import': { error: 'tooLarge' },
    };
    expect((await response.json()).state).toMatchObject(refusal[route.name]!);
    expect(body.pulled()).toBe(0);
    expect(await storedNow()).toEqual(before);
  });

  it('stops reading a body with no declared length once it passes the cap, and keeps nothing', async () => {
    as('staff');
    const before = await storedNow();
    const body = lazyForm({ locale: 'en' }, route.file, 300 * MB);
    const response = await post(route, body);
    expect(response.status).toBe(413);
    // Read no further than the largest form (two 50 MB PDFs and their fields) and a chunk.
    expect(body.pulled()).toBeLessThan(2 * MAX_UPLOAD_BYTES + 2 * MB);
    expect(await storedNow()).toEqual(before);
  });
});

describe('a staff member’s PDF over 50 MB', () => {
  it('is refused on its field with the rest of the form kept, and nothing is stored', async () => {
    as('staff');
    const before = await storedNow();
    const body = lazyForm(
      { locale: 'en', id: '', number: '424242', title: 'Too big', issuedOn: '2026-05-01' },
      'pdf',
      MAX_UPLOAD_BYTES + MB,
    );
    const response = await post(ROUTES[1]!, body);
    expect(response.status).toBe(200);
    expect((await response.json()).state).toMatchObject({
      fieldErrors: { pdf: 'tooLarge' },
      values: { title: 'Too big', number: '424242' },
    });
    expect(await storedNow()).toEqual(before);
    expect((await getSql()`select count(*)::int as n from newsletter_issues where number = 424242`)[0]!.n).toBe(0);
  });

  it('without JavaScript, comes back to the form with the input and the error, for that staff member only, once', async () => {
    as('staff');
    const body = lazyForm(
      { locale: 'en', id: '', number: '424243', title: 'Too big, no JS', issuedOn: '2026-05-01' },
      'pdf',
      MAX_UPLOAD_BYTES + MB,
    );
    const response = await post(ROUTES[1]!, body, { accept: 'text/html' });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!, ORIGIN);
    expect(location.pathname).toBe('/admin/newsletters');
    const draft = location.searchParams.get('draft');
    expect(await takeFormDraft(personas.admin!.userId, 'newsletter', draft, issueFormStateSchema)).toBeNull();
    expect(await takeFormDraft(personas.staff!.userId, 'newsletter', draft, issueFormStateSchema)).toMatchObject({
      values: { title: 'Too big, no JS' },
      fieldErrors: { pdf: 'tooLarge' },
    });
    expect(await takeFormDraft(personas.staff!.userId, 'newsletter', draft, issueFormStateSchema)).toBeNull();
  });
});
