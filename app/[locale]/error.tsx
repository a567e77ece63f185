'use client';

import { useParams } from 'next/navigation';
import { Trouble } from '@/components/trouble';

/** A page that failed (the database is down, say), inside the site's header and footer. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const { locale } = useParams<{ locale: string }>();
  return <Trouble locale={locale} reset={reset} />;
}
