// Finds a Chromium for the browser tests, so that `npm install && npm test` needs nothing
// else on an ordinary laptop: CHROMIUM_PATH, then the system's Chromium (Debian and
// Ubuntu packages), then Playwright's own browser cache. With none, it installs
// Playwright's Chromium (which needs the internet), and failing that says what to run.
//   tsx tests/support/chromium.ts   prints the path on stdout, or exits 1 with the command
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const SYSTEM = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

const runnable = (file: string | undefined): file is string => Boolean(file) && fs.existsSync(file!) && fs.statSync(file!).isFile();

/** Playwright's own Chromium, where `npx playwright install chromium` puts it. */
function playwrightChromium(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

export function findChromium(opts: { configured?: string; system?: readonly string[]; playwright?: string } = {}): string | null {
  const configured = 'configured' in opts ? opts.configured : process.env.CHROMIUM_PATH;
  if (configured) return runnable(configured) ? configured : null;
  return (opts.system ?? SYSTEM).find(runnable) ?? [opts.playwright ?? playwrightChromium()].find(runnable) ?? null;
}

function main(): number {
  if (process.env.CHROMIUM_PATH && !runnable(process.env.CHROMIUM_PATH)) {
    console.error(`CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, which is not a file. Unset it, or point it at a Chromium binary.`);
    return 1;
  }
  let found = findChromium();
  if (!found) {
    console.error("No Chromium found for the browser tests; installing Playwright's (npx playwright install chromium)...");
    const install = spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: ['ignore', 2, 2] });
    found = install.status === 0 ? findChromium() : null;
  }
  if (!found) {
    console.error('Could not install Chromium (no internet?). Run this once, then npm test again:');
    console.error('  npx playwright install chromium        (or on Debian/Ubuntu: sudo apt-get install -y chromium)');
    return 1;
  }
  process.stdout.write(found);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exit(main());
