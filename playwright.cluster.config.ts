import { defineConfig, devices } from '@playwright/test';
import { findChromium } from './tests/support/chromium';

// The cluster project: the specs in e2e-cluster/ start the production topology themselves
// (tests/support/cluster.ts: nginx, two standalone instances, a worker, Postgres, S3, the
// Stripe double, an SMTP sink) and drive it through nginx and each instance. One worker:
// they stop and start instances of the one cluster.
const chromium = findChromium() ?? undefined;

export default defineConfig({
  testDir: 'e2e-cluster',
  outputDir: 'test-results/e2e-cluster',
  workers: 1,
  retries: 0,
  reporter: 'list',
  timeout: 120_000,
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'cluster', use: { ...devices['Desktop Chrome'] } }],
});
