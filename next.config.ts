import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { isHttps, securityHeaders, staticPolicy } from './lib/http/csp';
import { siteUrl } from './lib/env';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

// Paths that are not pages of a locale: never rewritten to /en.
const NOT_LOCALISED = '(?!es(?:/|$)|en(?:/|$)|_next/|api/|files/|feed\\.xml|sitemap\\.xml|robots\\.txt|favicon\\.ico|icon)';

const LIBRARY_QUERY_KEYS = ['q', 'type', 'topic', 'year', 'lang', 'page'];

// SITE_URL is read when the build runs: build with the production value (scripts/run.ts
// refuses to start an https site from a build made without it).
const https = isHttps(siteUrl());

const headersForAll = securityHeaders(https);

// proxy.ts sets a per-request nonce policy on these paths (lib/http/csp.ts); every other
// path gets the static one.
const PROXIED = '(?:es/)?(?:account|members|admin)(?:/|$)';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // A server with only the files it needs (.next/standalone/server.js), which `npm start`
  // and production run; scripts/standalone.ts completes it after the build.
  output: 'standalone',
  // Read from disk at run time, so file tracing cannot see them: the migrations (the
  // readiness check compares the database with them).
  outputFileTracingIncludes: { '/**': ['./db/migrations/**/*'] },
  // Instances built apart (one per server) must agree on this, or their pages and server
  // actions do not work across them; one build copied everywhere needs nothing.
  deploymentId: process.env.DEPLOYMENT_ID || undefined,
  // Next's own page cache, telling every instance when staff change content (PAGE_CACHE_SYNC=postgres).
  cacheHandler: fileURLToPath(new URL('./lib/cache/page-cache-handler.mjs', import.meta.url)),
  // @aws-sdk/lib-storage (the S3 driver's uploads) is loaded from node_modules as Next
  // already loads @aws-sdk/client-s3, so both use the one copy of the SDK.
  serverExternalPackages: ['@electric-sql/pglite', 'rate-limiter-flexible', '@aws-sdk/lib-storage'],
  experimental: {
    // Keep the runtime page cache in memory: a restart against another database never
    // serves pages rendered from the old one.
    isrFlushToDisk: false,
    // forbidden() renders app/[locale]/forbidden.tsx with a 403.
    authInterrupts: true,
    // Every server action, public ones included, has its body read in full before any code
    // of ours runs, so the limit is kept to what a form of text needs (the pages editor's
    // 100,000-character Markdown). Files go to staff-only route handlers that check the
    // role first and stream (lib/http/staff-form-route.ts).
    serverActions: { bodySizeLimit: '500kb' },
    // Next copies the body of every POST that proxy.ts sees (/admin, /account, /members),
    // holding up to this much in memory until the body ends. Just above the action limit,
    // so an action that is too large is still refused by its own check.
    proxyClientMaxBodySize: '600kb',
  },
  async headers() {
    return [
      { source: '/:path*', headers: headersForAll },
      { source: `/:path((?!${PROXIED}).*)`, headers: [{ key: 'Content-Security-Policy', value: staticPolicy(https) }] },
    ];
  },
  async redirects() {
    return [
      { source: '/en', destination: '/', permanent: true },
      { source: '/en/:path*', destination: '/:path*', permanent: true },
    ];
  },
  async rewrites() {
    // The library with no query string is the same for everyone: serve its cached twin.
    const noLibraryQuery = LIBRARY_QUERY_KEYS.map((key) => ({ type: 'query' as const, key }));
    return {
      beforeFiles: [],
      afterFiles: [
        { source: '/publications', missing: noLibraryQuery, destination: '/en/publications/all' },
        { source: '/es/publications', missing: noLibraryQuery, destination: '/es/publications/all' },
        { source: '/', destination: '/en' },
        { source: `/:path(${NOT_LOCALISED}.*)`, destination: '/en/:path' },
      ],
      fallback: [],
    };
  },
};

export default withNextIntl(nextConfig);
