// A valid submission for each /admin (payments) action in the matrix, so "ok" means it really ran.
// Imported by ../authorization-actions.test.ts after next/headers and next/cache are mocked.
import type { PersonaUser } from '../../support/personas';

export const samples: Record<string, (user: PersonaUser | null) => () => Promise<unknown>> = {};
