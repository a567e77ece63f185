import type { MetadataRoute } from 'next';
import { siteUrl } from '@/lib/env';

// Per request, so the sitemap address follows SITE_URL at run time rather than at build.
export const dynamic = 'force-dynamic';

export default function robots(): MetadataRoute.Robots {
  return {
    rules: [{ userAgent: '*', allow: '/', disallow: ['/account', '/members', '/admin', '/api/'] }],
    sitemap: `${siteUrl()}/sitemap.xml`,
  };
}
