import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { findChromium } from './tests/support/chromium';

// The e2e run is prepared by tests/support/run-e2e.ts (database, files), which then runs
// Playwright; the web server is the production build started by our own start script.
const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://localhost:${port}`;
const chromium = findChromium() ?? undefined;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]] : 'list',
  timeout: 60_000,
  use: {
    baseURL,
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
  projects: [
    // admin-settings changes a tier's price for a few seconds, which the join and donation
    // journeys would see: it runs after every other spec.
    { name: 'chromium', use: { ...devices['Desktop Chrome'] }, testIgnore: /admin-settings\.spec\.ts/ },
    {
      name: 'chromium-settings',
      use: { ...devices['Desktop Chrome'] },
      testMatch: /admin-settings\.spec\.ts/,
      dependencies: ['chromium', 'chromium-no-js'],
    },
    {
      name: 'chromium-no-js',
      use: { ...devices['Desktop Chrome'], javaScriptEnabled: false },
      testMatch: /library-journey\.spec\.ts/,
    },
  ],
  webServer: {
    // Its output goes to a file (run-e2e.ts sets E2E_LOG_DIR and scans the file for secrets
    // after the run); `exec`, so the process Playwright stops is the server's.
    command: process.env.E2E_LOG_DIR
      ? `exec node_modules/.bin/tsx scripts/run.ts start >> '${path.join(process.env.E2E_LOG_DIR, 'server.log')}' 2>&1`
      : 'node_modules/.bin/tsx scripts/run.ts start',
    url: `${baseURL}/api/ready`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: { PORT: String(port), SITE_URL: baseURL, NEXT_TELEMETRY_DISABLED: '1' },
  },
});
