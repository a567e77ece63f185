import localFont from 'next/font/local';

// Issue #16 (a phone's first paint): body text is the system's sans-serif (globals.css),
// which costs no download and never swaps. Headings keep Source Serif 4, self-hosted (no
// font CDN: the site must build offline) as one preloaded file of about 20 KiB: the 600
// weight (every font-serif heading is font-semibold) and the characters of English and
// Spanish, cut from @fontsource-variable/source-serif-4 by scripts/subset-fonts.ts, which
// reads the unicode-range below. No heading is italic; the browser slants a rare <em>.
export const serif = localFont({
  src: [{ path: './fonts/source-serif-4-semibold-en-es.woff2', weight: '600', style: 'normal' }],
  variable: '--font-serif-face',
  display: 'swap',
  // Georgia stands in until the file arrives (Next sizes the fallback on Times New Roman,
  // so the swap moves nothing) and for any character outside the range.
  adjustFontFallback: 'Times New Roman',
  fallback: ['Georgia', 'serif'],
  // ASCII, Latin-1 (á é í ó ú ñ ü ¿ ¡ « » £ ·), dashes, quotes, bullet, ellipsis, euro.
  declarations: [
    { prop: 'unicode-range', value: 'U+0020-007E, U+00A0-00FF, U+2013-2014, U+2018-2019, U+201C-201D, U+2022, U+2026, U+20AC' },
  ],
});
