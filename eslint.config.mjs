import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// The import boundaries of shared/design/ARCHITECTURE.md, as lint rules, so that a change
// cannot cross one unnoticed. Type-only imports are allowed (they vanish at build time).
const restricted = (groups) => ['error', { patterns: groups.map(({ group, message }) => ({ group, message, allowTypeImports: true })) }];
const noDoubles = {
  group: ['**/stripe-double', '**/stripe-double/**', '@/stripe-double/**', '**/tests/**', '@/tests/**'],
  message: 'app/ and lib/ never import the Stripe double or tests: doubles are chosen by configuration.',
};
const noRules = {
  group: ['@/lib/**', '!@/lib/env', '!@/lib/log', '**/../lib/**', '@/app/**', '@/components/**'],
  message: 'db/ holds queries taking plain arguments and a tx: rules live in lib/ and are passed in (see db/queries/lifecycle-sql.ts).',
};
const noData = { group: ['@/db/**', '**/../db/**'], message: 'Components get data as props: no database access from components/.' };

// db/ may read the configuration (lib/env: validated environment variables, no rules) and
// write to the log (lib/log: the one logger, no rules either), and
// db/seed/ is a script that puts demo files into storage through lib/storage, as scripts/
// does; neither is a query reaching into a service.
const DB_ALLOWED = ['db/seed/**'];

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: ['.next/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.data/**', 'next-env.d.ts', 'db/migrations/**'] },
  // Type-aware: a promise nobody awaits (a write that may never happen, an error nobody
  // sees) and a promise where a callback's result is ignored fail the lint.
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  { files: ['app/**/*.{ts,tsx}', 'lib/**/*.{ts,tsx}'], rules: { '@typescript-eslint/no-restricted-imports': restricted([noDoubles]) } },
  { files: ['db/**/*.ts'], ignores: DB_ALLOWED, rules: { '@typescript-eslint/no-restricted-imports': restricted([noRules]) } },
  { files: ['components/**/*.{ts,tsx}'], rules: { '@typescript-eslint/no-restricted-imports': restricted([noData]) } },
];

export default config;
