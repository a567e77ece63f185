// npm run fonts:subset: writes app/fonts/*.woff2, the one web font the site ships, from the
// @fontsource-variable package. Run it again after upgrading that package.
//
// Why (issue #16): the four files we used to preload weighed 233 KiB before the first
// paint on a phone. Body text now uses the system's sans-serif, and headings keep Source
// Serif 4, but only what they use: the 600 weight (every font-serif heading is
// font-semibold, so the variable axis is pinned there) and the characters English and
// Spanish are written with. Any other character falls back to Georgia, per character, by
// the @font-face unicode-range in app/fonts.ts, which this reads.
import fs from 'node:fs';
import path from 'node:path';
import subsetFont from 'subset-font';

function charactersOf(range: string): string {
  let text = '';
  for (const part of range.split(',')) {
    const [from = '', to = from] = part.trim().replace(/^U\+/i, '').split('-');
    for (let code = parseInt(from, 16); code <= parseInt(to, 16); code++) text += String.fromCodePoint(code);
  }
  return text;
}

async function main() {
  const range = /prop: 'unicode-range', value: '([^']+)'/.exec(fs.readFileSync('app/fonts.ts', 'utf8'))?.[1];
  if (!range) throw new Error('app/fonts.ts has no unicode-range declaration');
  const source = path.join('node_modules/@fontsource-variable/source-serif-4/files/source-serif-4-latin-wght-normal.woff2');
  const target = path.join('app/fonts/source-serif-4-semibold-en-es.woff2');
  const subset = await subsetFont(fs.readFileSync(source), charactersOf(range), {
    targetFormat: 'woff2',
    variationAxes: { wght: 600 },
  });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, subset);
  console.log(`${target}: ${(subset.length / 1024).toFixed(1)} KiB (from ${(fs.statSync(source).size / 1024).toFixed(1)} KiB)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
