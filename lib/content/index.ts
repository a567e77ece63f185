import 'server-only';
import { unstable_cache } from 'next/cache';
import { getPage } from '@/db/queries/pages';
import {
  getLibraryFacets,
  getPublishedPublication,
  listLatestPublications,
  listPublishedForIndex,
  searchPublications,
  type LibraryQuery,
} from '@/db/queries/publications';
import type { Locale } from '@/db/schema';
import { LIBRARY_PAGE_SIZE } from '@/lib/library/params';
import { listActiveTiers } from '@/db/queries/tiers';
import { CONTENT_TAGS } from './tags';

// Public reads, cached and tagged: staff edits call revalidateTag(tag, 'max') and the
// cached pages that used the data are rebuilt on their next request.

export const cachedLatestPublications = unstable_cache(listLatestPublications, ['latest-publications'], {
  tags: [CONTENT_TAGS.publications],
});

export const cachedPublication = unstable_cache(getPublishedPublication, ['publication'], {
  tags: [CONTENT_TAGS.publications],
});

export const cachedLibraryFacets = unstable_cache(getLibraryFacets, ['library-facets'], {
  tags: [CONTENT_TAGS.publications, CONTENT_TAGS.topics],
});

export const cachedLibraryFirstPage = unstable_cache(
  (locale: Locale) => searchPublications(locale, { page: 1, pageSize: LIBRARY_PAGE_SIZE }),
  ['library-first-page'],
  { tags: [CONTENT_TAGS.publications, CONTENT_TAGS.topics] },
);

// Searches and filtered views, per language and normalised query (librarySearchQuery), so
// that the thousandth visitor searching "minería" costs no query (issue #16). The same tags
// as the pages: a staff edit empties them all at once.
export const cachedLibrarySearch = unstable_cache(
  (locale: Locale, query: LibraryQuery) => searchPublications(locale, query),
  ['library-search'],
  { tags: [CONTENT_TAGS.publications, CONTENT_TAGS.topics] },
);

export const cachedPublicationIndex = unstable_cache(listPublishedForIndex, ['publication-index'], {
  tags: [CONTENT_TAGS.publications],
});

export const cachedPage = unstable_cache(getPage, ['page'], { tags: [CONTENT_TAGS.pages] });

export const cachedTiers = unstable_cache(listActiveTiers, ['tiers'], { tags: [CONTENT_TAGS.tiers] });
