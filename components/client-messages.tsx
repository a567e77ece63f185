import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';

/** Gives client components the message namespaces they use, and nothing more. */
export async function ClientMessages({ namespaces, children }: { namespaces: string[]; children: React.ReactNode }) {
  const all = (await getMessages()) as Record<string, unknown>;
  const messages = Object.fromEntries(namespaces.map((ns) => [ns, all[ns]]));
  return <NextIntlClientProvider messages={messages as never}>{children}</NextIntlClientProvider>;
}
