/** Cache tags for public content; revalidate the matching tag after a staff edit. */
export const CONTENT_TAGS = {
  publications: 'publications',
  topics: 'topics',
  pages: 'pages',
  tiers: 'tiers',
} as const;
