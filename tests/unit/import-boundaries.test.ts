// The architecture's import boundaries are lint rules (eslint.config.mjs). This lints a
// line of code as if it sat in each part, so that the rules cannot be switched off or
// loosened unnoticed: each forbidden import is refused, and what is allowed passes.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { firstRow } from '../support/rows';

// The probes are not files of the TypeScript project, so the type-aware rules (which need
// one) are off for them; the boundaries do not need types.
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: [
    {
      files: ['**/*.{ts,tsx}'],
      languageOptions: { parserOptions: { projectService: false } },
      rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
    },
  ],
});
async function refused(filePath: string, code: string): Promise<boolean> {
  const result = firstRow(await eslint.lintText(code, { filePath }));
  return result.messages.some((m) => m.ruleId === '@typescript-eslint/no-restricted-imports');
}

describe('import boundaries', { timeout: 60_000 }, () => {
  it('app/ and lib/ never import the Stripe double or tests', async () => {
    expect(
      await refused(
        'lib/payments/new-file.ts',
        "import { startStripeDouble } from '../../stripe-double/server';\nexport const x = startStripeDouble;\n",
      ),
    ).toBe(true);
    expect(
      await refused('app/api/new/route.ts', "import { createPersona } from '@/tests/support/personas';\nexport const x = createPersona;\n"),
    ).toBe(true);
    expect(await refused('lib/payments/new-file.ts', "import { getStripe } from './stripe';\nexport const x = getStripe;\n")).toBe(false);
  });

  it('db/ never imports rules from lib/, nor app/ or components/', async () => {
    expect(
      await refused(
        'db/queries/new-file.ts',
        "import { memberAccess } from '@/lib/membership/lifecycle';\nexport const x = memberAccess;\n",
      ),
    ).toBe(true);
    expect(
      await refused('db/queries/new-file.ts', "import { JoinForm } from '@/components/join-form';\nexport const x = JoinForm;\n"),
    ).toBe(true);
    expect(
      await refused(
        'db/queries/new-file.ts',
        "import type { MemberAccess } from '@/lib/membership/lifecycle';\nexport type X = MemberAccess;\n",
      ),
    ).toBe(false);
    expect(await refused('db/queries/new-file.ts', "import { getDb } from '../client';\nexport const x = getDb;\n")).toBe(false);
    // The configuration and the logger hold no rules.
    expect(await refused('db/embedded-server.ts', "import { logFor } from '@/lib/log';\nexport const x = logFor;\n")).toBe(false);
  });

  it('components/ never read the database at run time (types are fine)', async () => {
    expect(await refused('components/new-file.tsx', "import { getDb } from '@/db/client';\nexport const x = getDb;\n")).toBe(true);
    expect(await refused('components/new-file.tsx', "import type { Membership } from '@/db/schema';\nexport type X = Membership;\n")).toBe(
      false,
    );
  });
});
