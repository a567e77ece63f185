// Who may download a newsletter PDF, in every membership state, checked on each request.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getSql } from '@/db/client';
import { newStorageKey } from '@/lib/storage';
import { createPersona } from '../support/personas';
import { nextHeadersMock, outcomeOf, requestContext } from '../support/request-context';
import { seedDemoContent } from '../support/seed';
import { firstRow } from '../support/rows';

vi.mock('next/headers', () => nextHeadersMock);
const { GET } = await import('@/app/[locale]/members/newsletters/[number]/pdf/route');
const { getStorage } = await import('@/lib/storage');

const NUMBER = 4242;
beforeAll(async () => {
  await seedDemoContent();
  const key = newStorageKey('newsletters', 'pdf');
  await getStorage().put(key, new TextEncoder().encode('%PDF-1.4 test newsletter'));
  await getSql()`insert into newsletter_issues (number, title, issued_on, published, published_at, pdf_storage_key, pdf_byte_size)
                 values (${NUMBER}, 'Members only', '2026-10-01', true, now(), ${key}, 24)`;
});

async function asMember(status: string | null, endInDays: number) {
  requestContext.reset();
  const user = await createPersona(getSql(), 'staff');
  await getSql()`update users set role = 'member' where id = ${user.userId}`;
  if (status) {
    const tier = firstRow(await getSql()`select id from membership_tiers where slug = 'individual'`);
    await getSql()`insert into memberships (user_id, tier_id, status, source, current_period_end)
                   values (${user.userId}, ${tier.id}, ${status}::membership_status, 'offline', now() + make_interval(days => ${endInDays}))`;
  }
  requestContext.cookies.set('authjs.session-token', user.sessionToken);
}

const download = (number = String(NUMBER)) =>
  outcomeOf(() => GET(new Request('http://localhost/members/newsletters/x/pdf'), { params: Promise.resolve({ locale: 'en', number }) }));

describe('newsletter PDFs', () => {
  const cases: [string, string | null, number, number][] = [
    ['an active member', 'active', 100, 200],
    ['a member in the grace period', 'lapsed', -10, 200],
    ['a member whose renewal is being retried (past_due)', 'past_due', -5, 200],
    ['a lapsed member past the grace period', 'lapsed', -40, 403],
    ['a member who cancelled, after the paid period', 'cancelled', -1, 403],
    ['a member waiting for an offline payment (pending)', 'pending', 365, 403],
    ['a signed-in user who never joined', null, 0, 403],
  ];
  for (const [who, status, days, expected] of cases) {
    it(`${who} gets ${expected}`, async () => {
      await asMember(status, days);
      const { outcome, result } = await download();
      expect(outcome).toBe('ok');
      const response = result as Response;
      expect(response.status).toBe(expected);
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      if (expected === 200) expect(await response.text()).toContain('%PDF-');
    });
  }

  it('anonymous visitors are sent to sign in', async () => {
    requestContext.reset();
    expect((await download()).outcome).toBe('signin');
  });

  it('a guessed number or path for a non-member is refused, never a file', async () => {
    await asMember(null, 0);
    for (const number of [String(NUMBER), '1', '../../etc/passwd', '%2e%2e']) {
      const { result } = await download(number);
      expect((result as Response).status).toBe(403);
    }
  });
});
