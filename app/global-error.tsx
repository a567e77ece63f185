'use client';

import { usePathname } from 'next/navigation';
import { Trouble, troubleMessages } from '@/components/trouble';
import { serif } from './fonts';
import './globals.css';

/** When even the layout failed: the whole document, in the language of the address. */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const pathname = usePathname() ?? '';
  const locale = pathname === '/es' || pathname.startsWith('/es/') ? 'es' : 'en';
  const t = troubleMessages(locale);
  return (
    <html lang={locale} className={serif.variable}>
      <head>
        <title>{`${t.title} · ${t.siteName}`}</title>
      </head>
      <body className="min-h-screen font-sans antialiased">
        <main>
          <Trouble locale={locale} reset={reset} />
        </main>
      </body>
    </html>
  );
}
