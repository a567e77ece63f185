import { createRequire } from 'node:module';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { until } from '../support/wait';

// Several instances of the site each keep pages in memory; what they share is when a tag
// was invalidated (lib/cache/page-cache-handler.mjs). This process plays one instance; the
// test's own connection plays the others. Needs a Postgres server (LISTEN/NOTIFY across
// sessions); the embedded database runs one instance only and does not use it.
const serverUrl = inject('serverUrl');
const require = createRequire(import.meta.url);
const { tagsManifest } = require('next/dist/server/lib/incremental-cache/tags-manifest.external.js') as {
  tagsManifest: Map<string, { stale?: number; expired?: number }>;
};

describe.skipIf(!serverUrl)('the page cache across instances', async () => {
  process.env.PAGE_CACHE_SYNC = 'postgres';
  const { default: Handler } = await import('@/lib/cache/page-cache-handler.mjs');
  const other = postgres(process.env.DATABASE_URL!, { max: 2, onnotice: () => {} });
  afterAll(() => other.end());
  const handler = new Handler({ revalidatedTags: [], _requestHeaders: {} });
  const expiredAt = (tag: string) => tagsManifest.get(tag)?.expired ?? 0;

  it('an edit here is recorded and announced to the other instances, with its tags', async () => {
    const heard: string[] = [];
    const listening = await other.listen('page_cache_invalidated', (payload) => heard.push(payload));
    const before = Date.now();
    await handler.revalidateTag(['publications', 'topics']);
    expect(expiredAt('publications')).toBeGreaterThanOrEqual(before); // and here at once
    await until(() => heard.length > 0, 5_000, 'the announcement');
    expect(JSON.parse(heard[0]!)).toMatchObject({ tags: ['publications', 'topics'], durations: null });
    const rows = await other`select tag from page_cache_invalidations where invalidated_at >= now() - interval '1 minute' order by tag`;
    expect(rows.map((row) => row.tag)).toEqual(['publications', 'topics']);
    await listening.unlisten();
  });

  it("another instance's edit expires the tag here", async () => {
    const before = Date.now();
    await other`select pg_notify('page_cache_invalidated', ${JSON.stringify({ tags: ['pages'], durations: null, at: new Date().toISOString() })})`;
    await until(() => expiredAt('pages') >= before, 5_000, 'the tag expired here');
  });

  it('an edit made while this instance had lost its connection is applied when it reconnects', async () => {
    const before = Date.now();
    // The listener's session is cut (a database restart, a network blip)…
    await other`select pg_terminate_backend(pid) from pg_stat_activity where query like 'listen%' and pid <> pg_backend_pid() and datname = current_database()`;
    // …and meanwhile another instance records an edit whose NOTIFY this one cannot hear.
    await other`insert into page_cache_invalidations (tag, invalidated_at) values ('tiers', now())
                on conflict (tag) do update set invalidated_at = excluded.invalidated_at`;
    await until(() => expiredAt('tiers') >= before, 20_000, 'the missed edit applied on reconnect');
  });
});
