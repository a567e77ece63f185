// Time-release: issues marked "public after N months" join the public library once due.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getSql } from '@/db/client';
import { getPublishedPublication, searchPublications } from '@/db/queries/publications';
import { getStorage, newStorageKey } from '@/lib/storage';
import { scheduledJobsToken } from '@/lib/jobs/token';
import { releaseDueIssues } from '@/lib/newsletter/release';
import { seedDemoContent } from '../support/seed';
import { firstRow } from '../support/rows';

const revalidated = vi.hoisted(() => [] as unknown[]);
vi.mock('next/cache', async (original) => ({
  ...(await original<typeof import('next/cache')>()),
  revalidateTag: (...args: unknown[]) => void revalidated.push(args),
}));
const { POST } = await import('@/app/api/jobs/scheduled/route');

const call = (token?: string) =>
  POST(new Request('http://localhost/api/jobs/scheduled', { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {} }));

async function issue(number: number, opts: { monthsAgo: number; publicAfter: number | null; published?: boolean; pdf?: boolean }) {
  let key: string | null = null;
  if (opts.pdf !== false) {
    key = newStorageKey('newsletters', 'pdf');
    await getStorage().put(key, new TextEncoder().encode(`%PDF-1.4 issue ${number}`));
  }
  await getSql()`insert into newsletter_issues (number, title, issued_on, summary, published, published_at, public_after_months, pdf_storage_key, pdf_byte_size)
    values (${number}, ${`Issue ${number} on land rights`}, current_date - make_interval(months => ${opts.monthsAgo}), 'Summary for the library.',
            ${opts.published ?? true}, now() - make_interval(months => ${opts.monthsAgo}), ${opts.publicAfter}, ${key}, ${key ? 20 : null})`;
}

beforeAll(async () => {
  await seedDemoContent(); // issue 140 is already past its 24-month release date
  await issue(901, { monthsAgo: 13, publicAfter: 12 }); // due
  await issue(902, { monthsAgo: 11, publicAfter: 12 }); // due next month
  await issue(903, { monthsAgo: 60, publicAfter: null }); // never public
  await issue(904, { monthsAgo: 30, publicAfter: 12, published: false }); // withdrawn
  await issue(905, { monthsAgo: 13, publicAfter: 0, pdf: false }); // due, no PDF
});

describe('newsletter time-release', () => {
  it('refuses callers without the scheduled-jobs token and releases nothing', async () => {
    expect((await call()).status).toBe(401);
    expect((await call('not-the-token')).status).toBe(401);
    const { count } = firstRow(await getSql()`select count(*)::int as count from publications where type = 'newsletter'`);
    expect(count).toBe(0);
  });

  it('publishes exactly the issues that are due, and refreshes the cached library', async () => {
    const response = await call(scheduledJobsToken());
    expect(response.status).toBe(200);
    expect((await response.json()).released.sort()).toEqual(['newsletter-140', 'newsletter-901', 'newsletter-905']);
    expect(revalidated).toEqual([['publications', { expire: 0 }]]);
  });

  it('shows a released issue in the public library in both languages, with its PDF under a new public key', async () => {
    const en = await getPublishedPublication('en', 'newsletter-901');
    expect(en).toMatchObject({
      type: 'newsletter',
      title: 'Newsletter 901: Issue 901 on land rights',
      summary: 'Summary for the library.',
    });
    expect(en!.files).toHaveLength(1);
    const es = await getPublishedPublication('es', 'newsletter-901');
    expect(es?.title).toBe('Newsletter 901: Issue 901 on land rights');

    const found = await searchPublications('en', { q: 'land rights', page: 1, pageSize: 20 });
    expect(found.items.map((i) => i.slug)).toContain('newsletter-901');
    expect(found.items.map((i) => i.slug)).not.toContain('newsletter-902');

    const row = firstRow(
      await getSql()`select f.storage_key, i.pdf_storage_key from newsletter_issues i
      join publication_files f on f.publication_id = i.released_publication_id where i.number = 901`,
    );
    expect(row.storage_key).toMatch(/^publications\//);
    expect(row.storage_key).not.toBe(row.pdf_storage_key);
    const copied = await getStorage().read(row.storage_key);
    expect(await new Response(copied!.stream).text()).toBe('%PDF-1.4 issue 901');

    expect(await getPublishedPublication('en', 'newsletter-905')).toMatchObject({ files: [] });
  });

  it('records each release in the audit log', async () => {
    const rows = await getSql()`select data->>'number' as number from audit_log where action = 'newsletter.released' order by 1`;
    expect(rows.map((r) => r.number)).toEqual(['140', '901', '905']);
  });

  it('releases each issue once, even when two processes run at the same moment', async () => {
    await getSql()`update newsletter_issues set published_at = now() - interval '13 months' where number = 902`;
    const [a, b] = await Promise.all([releaseDueIssues(), releaseDueIssues()]);
    expect([...a, ...b]).toEqual(['newsletter-902']);
    const { count } = firstRow(await getSql()`select count(*)::int as count from publications where slug = 'newsletter-902'`);
    expect(count).toBe(1);
    const again = await call(scheduledJobsToken());
    expect((await again.json()).released).toEqual([]);
  });
});
