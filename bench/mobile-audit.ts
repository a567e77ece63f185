// Lighthouse's mobile performance audit (its default: a mid-range phone, 4x CPU slowdown,
// simulated slow 4G) of the public pages issue #16 names, against a running server. The
// Debian Chromium, driven over the DevTools port; everything stays on this machine.
// Prints figures; never fails on a score or a time (scores are noisy on 2 shared cores:
// each page is audited RUNS times and the median run is shown).
import type { Browser } from '@playwright/test';
import { chromium } from '@playwright/test';
import { findChromium } from '../tests/support/chromium';

const DEBUG_PORT = Number(process.env.BENCH_DEVTOOLS_PORT ?? 3324);
const RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3);

export const AUDITED_PAGES = [
  { name: 'home', path: '/' },
  { name: 'library', path: '/publications' },
  { name: 'publication', path: '/publications/eiti-global-meeting-lima-2016' },
  { name: 'join', path: '/join' },
  { name: 'home (es)', path: '/es' },
  { name: 'library search (es)', path: '/es/publications?q=mineria' },
] as const;

type Audit = { score: number; lcp: number; tbt: number; fcp: number; cls: number; si: number };

async function audit(url: string): Promise<Audit> {
  const { default: lighthouse } = await import('lighthouse');
  const result = await lighthouse(url, { port: DEBUG_PORT, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
  if (!result) throw new Error(`lighthouse gave no result for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`lighthouse: ${lhr.runtimeError.message}`);
  const value = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
  return {
    score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    lcp: value('largest-contentful-paint'),
    tbt: value('total-blocking-time'),
    fcp: value('first-contentful-paint'),
    cls: value('cumulative-layout-shift'),
    si: value('speed-index'),
  };
}

export async function mobileAudit(base: string): Promise<void> {
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: findChromium() ?? undefined,
      args: [
        `--remote-debugging-port=${DEBUG_PORT}`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    console.log(
      `\nmobile audit (Lighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version}, simulated mid-range phone: 4x CPU, slow 4G; median of ${RUNS}; goal: score >= 95, LCP < 2.0 s)`,
    );
    console.log(`  ${'page'.padEnd(44)} score   LCP       TBT      FCP       CLS`);
    for (const page of AUDITED_PAGES) {
      const runs: Audit[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await audit(base + page.path));
      runs.sort((a, b) => a.score - b.score);
      const m = runs[Math.floor(runs.length / 2)];
      if (!m) continue;
      const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
      console.log(
        `  ${`${page.name} ${page.path}`.padEnd(44)} ${String(m.score).padStart(3)}   ${s(m.lcp).padEnd(9)} ${`${m.tbt.toFixed(0)} ms`.padEnd(8)} ${s(m.fcp).padEnd(9)} ${m.cls.toFixed(3)}   (scores ${runs.map((r) => r.score).join(', ')})`,
      );
    }
  } catch (error) {
    console.log(`  mobile audit failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await browser?.close();
  }
}

if (process.argv[1]?.endsWith('mobile-audit.ts')) {
  void mobileAudit(process.argv[2] ?? 'http://localhost:3310').then(() => process.exit(0));
}
