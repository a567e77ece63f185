// Authorization rows for /admin (gift-aid): routes and server actions, merged into ../matrix.ts.
import type { Expectation } from '../expectations';

export const routes: Record<string, { path: string; expect: Expectation }> = {};
export const actions: Record<string, Expectation> = {};
