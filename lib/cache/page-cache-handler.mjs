// Next's page and data cache (cacheHandler in next.config.ts), shared in meaning across
// several instances of the site. Next loads this file itself, uncompiled, so it is plain
// JavaScript.
//
// Each instance keeps its cached pages in its own memory, exactly as Next's default
// handler does (this class is that handler). What instances share is invalidation: when
// staff change content on one instance, revalidateTag/updateTag reach this handler, which
// records the tags in Postgres (page_cache_invalidations) and NOTIFYs every instance; each
// one, on hearing it, marks the tags expired in its own tag manifest, so its next request
// for a page built from them renders it afresh. An instance that lost its connection reads
// the table for what it missed when the listener reconnects, and expires those tags too.
//
// Why not a shared store (Redis, Postgres) for the pages themselves: every page view would
// then be a network round trip and a copy of the page, and a cache of 30-odd public pages
// fits in each instance's memory many times over. Measured in `npm run bench`.
//
// Chosen by configuration: PAGE_CACHE_SYNC=postgres (scripts/run.ts sets it whenever the
// site runs on a Postgres server; the embedded database has one instance by definition).
// Without it this is Next's own handler, unchanged.
//
// It leans on two of Next's internal modules, the file-system cache and its tag manifest,
// at the version pinned in package.json; tests/integration/page-cache-handler.test.ts and
// the cluster e2e project fail if an upgrade changes them.
import { createRequire } from 'node:module';
import postgres from 'postgres';
import { rootLogger } from '../log/core.mjs';

const require = createRequire(import.meta.url);
const FileSystemCache = require('next/dist/server/lib/incremental-cache/file-system-cache.js').default;
const { tagsManifest } = require('next/dist/server/lib/incremental-cache/tags-manifest.external.js');

const CHANNEL = 'page_cache_invalidated';

// Asked for at each use: the process's logger gets its level when lib/log is first imported.
const log = () => rootLogger().child({ area: 'cache' });

/** Marks tags as Next's own revalidateTag does, in this instance's manifest, at this instance's time. */
export function expireLocally(tags, durations) {
  const now = Date.now();
  for (const tag of tags) {
    const entry = tagsManifest.get(tag) ?? {};
    if (durations) {
      tagsManifest.set(tag, {
        ...entry,
        stale: now,
        ...(durations.expire !== undefined ? { expired: now + durations.expire * 1000 } : {}),
      });
    } else {
      tagsManifest.set(tag, { ...entry, expired: now });
    }
  }
}

// One listener per process (Next makes a handler per request). Its own connection:
// LISTEN holds a session.
let sync;

function startSync() {
  if (sync !== undefined) return sync;
  const url = process.env.DATABASE_URL;
  if (process.env.PAGE_CACHE_SYNC !== 'postgres' || !url) return (sync = null);
  const sql = postgres(url, { max: 2, idle_timeout: 0, connect_timeout: 10, onnotice: () => {} });
  // The last invalidation this instance has applied, by the database's clock.
  let seenUpTo = null;
  const catchUp = async () => {
    const rows = seenUpTo
      ? await sql`select tag, invalidated_at from page_cache_invalidations where invalidated_at > ${seenUpTo}`
      : await sql`select max(invalidated_at) as invalidated_at from page_cache_invalidations`;
    const missed = seenUpTo ? rows.map((row) => row.tag) : [];
    for (const row of rows) if (row.invalidated_at && (!seenUpTo || row.invalidated_at > seenUpTo)) seenUpTo = row.invalidated_at;
    seenUpTo ??= new Date(0);
    // What was invalidated while this instance was not listening: expire it outright.
    if (missed.length) expireLocally(missed, undefined);
  };
  const ready = sql
    .listen(
      CHANNEL,
      (payload) => {
        try {
          const { tags, durations, at } = JSON.parse(payload);
          expireLocally(tags, durations ?? undefined);
          if (at && (!seenUpTo || new Date(at) > seenUpTo)) seenUpTo = new Date(at);
        } catch (error) {
          log().error({ err: error }, 'a page cache invalidation could not be read');
        }
      },
      // Called on the first LISTEN and again after every reconnect.
      () => catchUp().catch((error) => log().error({ err: error }, 'could not catch up on page cache invalidations')),
    )
    .catch((error) => log().error({ err: error }, 'could not listen for page cache invalidations'));
  return (sync = { sql, ready });
}

export default class PageCacheHandler extends FileSystemCache {
  constructor(ctx) {
    super(ctx);
    startSync();
  }

  async revalidateTag(tags, durations) {
    const list = typeof tags === 'string' ? [tags] : [...tags];
    await super.revalidateTag(list, durations);
    const shared = startSync();
    if (!shared || list.length === 0) return;
    // Recorded and announced in one statement, so no instance hears of a change the table
    // does not hold. Awaited: the staff member's response goes out once every instance
    // has been told.
    await shared.sql`
      with recorded as (
        insert into page_cache_invalidations (tag, invalidated_at)
        select unnest(${list}::text[]), now()
        on conflict (tag) do update set invalidated_at = excluded.invalidated_at
        returning invalidated_at
      )
      select pg_notify(${CHANNEL}, json_build_object('tags', ${list}::text[], 'durations', ${durations ? JSON.stringify(durations) : null}::json, 'at', max(invalidated_at))::text)
        from recorded`;
  }
}
