import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;
const alias = {
  '@': root,
  'server-only': path.join(root, 'tests/support/server-only.ts'),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          // tests/security/ holds one test per attack found, read by reviewers as a list.
          include: ['tests/integration/**/*.test.ts', 'tests/security/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          setupFiles: ['tests/support/setup-file.ts'],
          testTimeout: 30_000,
          // The app's own info lines (each webhook ignored, each mail sent) would bury the
          // test report; warnings and errors stay. LOG_LEVEL=info npx vitest shows them all.
          env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
          // Inlined so that vi.mock('next/headers') reaches next-auth's own import of it.
          server: { deps: { inline: ['next-auth', 'next-intl'] } },
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
