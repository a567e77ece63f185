import { z } from 'zod';

// Server configuration, validated on first use, one section per concern so that a
// script that only needs the database does not need mail or auth settings.

const blankAsUndefined = (v: unknown) => (v === '' ? undefined : v);

const serverSchema = z.object({
  // The run scripts (scripts/run.ts) point this at the embedded database when unset.
  DATABASE_URL: z.string().url({ message: 'DATABASE_URL must be a postgres:// URL' }),
  SITE_URL: z.string().url().default('http://localhost:3000'),
  // 'local': a folder (STORAGE_DIR); 's3': a bucket of an S3-compatible store (s3Schema).
  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  STORAGE_DIR: z.string().min(1).default('.data/files'),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  // Only the default: once an admin sets the grace period in /admin/settings, that wins
  // (read through getMembershipGraceDays() in db/queries/settings.ts).
  MEMBERSHIP_GRACE_DAYS: z.coerce.number().int().min(0).max(365).default(30),
  // How long a stopping process (SIGTERM) may take to finish its requests and its current
  // job before it exits anyway. Below the supervisor's own limit: systemd waits 90 s,
  // Kubernetes 30 s, before it kills.
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(25),
});

// Read only when STORAGE_DRIVER=s3, so that a site on local files needs none of it.
const s3Schema = z
  .object({
    // Unset: AWS S3 itself. Otherwise the store's URL, e.g. https://s3.example.org:7480.
    S3_ENDPOINT: z.preprocess(
      blankAsUndefined,
      z
        .string()
        .url()
        .regex(/^https?:\/\//, 'must be an http:// or https:// URL')
        .optional(),
    ),
    // AWS's region; other stores mostly take any value (us-east-1), some want their own (R2: auto).
    S3_REGION: z.preprocess(
      blankAsUndefined,
      z
        .string()
        .regex(/^[a-z0-9-]{1,32}$/, 'must be a region name such as eu-west-2')
        .default('us-east-1'),
    ),
    S3_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name: 3 to 63 lower-case letters, digits, dots and hyphens'),
    S3_ACCESS_KEY_ID: z.preprocess(blankAsUndefined, z.string().max(128).optional()),
    S3_SECRET_ACCESS_KEY: z.preprocess(blankAsUndefined, z.string().max(256).optional()),
    // Put before every key, so that one bucket can serve several sites or environments.
    S3_KEY_PREFIX: z.preprocess(
      blankAsUndefined,
      z
        .string()
        .max(200)
        // No segment of dots only: a proxy or store that normalises URL paths would read
        // ../ as a step out of the prefix, or out of the bucket.
        .regex(/^((?!\.+\/)[A-Za-z0-9._-]+\/)*$/, 'must be folder names each ending in /, such as psg/ or sites/psg/')
        .default(''),
    ),
  })
  .refine((s) => !s.S3_ACCESS_KEY_ID === !s.S3_SECRET_ACCESS_KEY, {
    message: "set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither to use the AWS SDK's own credentials (a role)",
    path: ['S3_SECRET_ACCESS_KEY'],
  });

const mailSchema = z.object({
  // Any SMTP server (smtp://user:pass@host:587, smtps://...). Unset: mails are printed to
  // the server console instead of sent (development).
  SMTP_URL: z.preprocess(blankAsUndefined, z.string().url().optional()),
  EMAIL_FROM: z.string().min(3).default('Peru Support Group <no-reply@localhost>'),
});

const authSchema = z.object({
  // Auth.js reads it as well; signs sessions and hashes magic-link tokens.
  AUTH_SECRET: z.string().min(16, { message: 'AUTH_SECRET must be at least 16 characters (npx auth secret)' }),
});

const paymentsSchema = z.object({
  // 'off' turns payments off explicitly (the site then only shows tiers and prices).
  PAYMENTS: z.enum(['on', 'off']).default('on'),
  STRIPE_SECRET_KEY: z.preprocess(
    blankAsUndefined,
    z
      .string()
      .regex(/^sk_(test|live)_/, 'must start with sk_test_ or sk_live_')
      .optional(),
  ),
  STRIPE_WEBHOOK_SECRET: z.preprocess(
    blankAsUndefined,
    z
      .string()
      .regex(/^whsec_/, 'must start with whsec_')
      .optional(),
  ),
  // Where the Stripe SDK sends requests; set to the Stripe double's URL in development and tests.
  STRIPE_API_BASE: z.preprocess(blankAsUndefined, z.string().url().optional()),
});

const proxySchema = z.object({
  // How many proxies in front of the app append to X-Forwarded-For (nginx, a load
  // balancer, a CDN). 0: the app faces the internet and uses the socket address; any
  // X-Forwarded-For is the client's own invention and ignored. With N, the client is the
  // address the outermost of those N proxies saw.
  TRUSTED_PROXY_HOPS: z.preprocess(blankAsUndefined, z.coerce.number().int().min(0).max(10).default(0)),
});

const jobsSchema = z.object({
  // 'external': a separate `npm run worker` runs the job queue; the web servers only send jobs.
  JOBS: z.preprocess(blankAsUndefined, z.enum(['in-process', 'external']).default('in-process')),
  // Newsletter mails in flight per worker.
  WORKER_CONCURRENCY: z.preprocess(blankAsUndefined, z.coerce.number().int().min(1).max(200).default(20)),
  // When the time-based tasks run (newsletter time-release, lapsing offline memberships,
  // stuck refunds, erasing expired Gift Aid records): a cron expression in UK time, run by
  // the job queue's scheduler once across every worker (lib/jobs/scheduled.ts).
  SCHEDULED_TASKS_CRON: z.preprocess(
    blankAsUndefined,
    z
      .string()
      .regex(/^\S+( \S+){4}$/, 'SCHEDULED_TASKS_CRON must be a five-field cron expression, such as */10 * * * *')
      .default('*/10 * * * *'),
  ),
  // Where a worker reaches a web server, for the tasks that refresh cached pages (which
  // only a request can do). Behind a load balancer, any one instance will do.
  APP_INTERNAL_URL: z.preprocess(blankAsUndefined, z.string().url().optional()),
  // A newsletter delivery claimed this long ago by a sender that is gone is sent again.
  NEWSLETTER_ABANDONED_SECONDS: z.preprocess(blankAsUndefined, z.coerce.number().int().min(1).max(3600).default(30)),
  PORT: z.preprocess(blankAsUndefined, z.coerce.number().int().min(1).max(65_535).default(3000)),
});

const logSchema = z.object({
  // How much the server and the worker log (lib/log/): JSON lines on standard output.
  // 'debug' adds detail for a hunt; 'silent' writes nothing (pino's own level names).
  LOG_LEVEL: z.preprocess(blankAsUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
});

function section<T extends z.ZodTypeAny>(name: string, schema: T): () => z.infer<T> {
  let cached: z.infer<T> | undefined;
  return () => {
    if (cached) return cached;
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
      throw new Error(`Invalid ${name} configuration:\n${problems}\nSee "Configuration" in README.md.`);
    }
    cached = parsed.data;
    return cached!;
  };
}

export const serverEnv = section('server', serverSchema);
export const s3Env = section('S3 storage', s3Schema);
export const mailEnv = section('mail', mailSchema);
export const authEnv = section('auth', authSchema);
export const paymentsEnv = section('payments', paymentsSchema);
export const proxyEnv = section('proxy', proxySchema);
export const jobsEnv = section('jobs', jobsSchema);
export const logEnv = section('log', logSchema);

/** The public origin, without a trailing slash; safe to call during the build. */
export function siteUrl(): string {
  return (process.env.SITE_URL ?? 'http://localhost:3000').replace(/\/$/, '');
}
