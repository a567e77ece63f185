import { z } from 'zod';

// Server configuration, validated once on first use. The run scripts (scripts/run.ts)
// set DATABASE_URL to the embedded database when none is given.
const serverEnvSchema = z.object({
  DATABASE_URL: z.string().url({ message: 'DATABASE_URL must be a postgres:// URL' }),
  SITE_URL: z.string().url().default('http://localhost:3000'),
  STORAGE_DRIVER: z.enum(['local']).default('local'),
  STORAGE_DIR: z.string().min(1).default('.data/files'),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
});

export type ServerEnv = z.infer<typeof serverEnvSchema>;

let cached: ServerEnv | undefined;

export function serverEnv(): ServerEnv {
  if (cached) return cached;
  const parsed = serverEnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid server configuration:\n${problems}\nStart the site with "npm run dev" or "npm start", which provide an embedded database when DATABASE_URL is unset.`);
  }
  cached = parsed.data;
  return cached;
}

/** The public origin, without a trailing slash; safe to call during the build. */
export function siteUrl(): string {
  return (process.env.SITE_URL ?? 'http://localhost:3000').replace(/\/$/, '');
}
