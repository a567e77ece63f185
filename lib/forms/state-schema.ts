import { z } from 'zod';
import type { FormState } from './state';

// A FormState read back from where it was kept (a draft for a browser without JavaScript,
// lib/storage/drafts.ts). The codes are given as a map with every code once, which the
// type checks against the form's union: a code left out would drop every draft holding it.

/** Every code of a form, each mapped to itself ('invalid' included: every form has it). */
export type ErrorCodes<Code extends string> = { [C in Code | 'invalid']: C };

/** The zod schema of a form's state, from its codes and what it can say it did. */
export function formStateSchema<Code extends string, Done extends string>(
  codes: ErrorCodes<Code>,
  done: readonly [Done, ...Done[]],
): z.ZodType<FormState<Code, Done>> {
  const code = z.enum(codes as Record<string, string>) as unknown as z.ZodType<Code | 'invalid'>;
  return z.object({
    values: z.record(z.string(), z.string()),
    fieldErrors: z.record(z.string(), code).optional(),
    error: code.optional(),
    done: z.enum(done).optional(),
    vars: z.record(z.string(), z.string()).optional(),
  }) as unknown as z.ZodType<FormState<Code, Done>>;
}
