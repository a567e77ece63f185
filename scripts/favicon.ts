// Writes app/favicon.ico from app/icon.svg: browsers and feed readers ask for /favicon.ico
// whatever the page links to, and a 404 there is a console error on every page.
// Chromium draws the SVG at each size and the PNGs go into one .ico (PNG entries, which
// every browser since 2007 reads). Run it after changing the icon:
//   npx tsx scripts/favicon.ts
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { findChromium } from '../tests/support/chromium';

const SIZES = [16, 32, 48];
const root = path.join(import.meta.dirname, '..');

/** An .ico holding these PNGs, each `size` pixels square (ICONDIR, then ICONDIRENTRYs). */
function icoOf(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.png)]);
}

async function main() {
  const svg = fs.readFileSync(path.join(root, 'app/icon.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: findChromium() ?? undefined, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    const images = [];
    for (const size of SIZES) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(`<body style="margin:0">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body>`);
      images.push({ size, png: await page.screenshot({ omitBackground: true }) });
    }
    fs.writeFileSync(path.join(root, 'app/favicon.ico'), icoOf(images));
  } finally {
    await browser.close();
  }
}

await main();
