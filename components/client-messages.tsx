import { getLocale, getMessages } from 'next-intl/server';
import { ClientTranslations } from './client-translations';

/** Gives client components the message namespaces they use, and nothing more. */
export async function ClientMessages({ namespaces, children }: { namespaces: string[]; children: React.ReactNode }) {
  const all = (await getMessages()) as Record<string, unknown>;
  const messages = Object.fromEntries(namespaces.map((ns) => [ns, all[ns]]));
  return (
    <ClientTranslations locale={await getLocale()} messages={messages}>
      {children}
    </ClientTranslations>
  );
}
