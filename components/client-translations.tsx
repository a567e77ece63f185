'use client';

import type { useTranslations as NextIntlUseTranslations } from 'next-intl';
import { createContext, useContext, type ReactNode } from 'react';
import { formatMessage, type MessageValues } from '@/lib/i18n/message-format';

// The texts of client components (forms), given by components/client-messages.tsx: the
// namespaces a form uses, in the page's language. In place of next-intl's client provider
// and hook, whose ICU runtime is most of a public page's JavaScript of our own (issue #16);
// the same keys and types (the English catalogue's, as next-intl types them).

type Catalogue = { locale: string; messages: Record<string, unknown> };

const Messages = createContext<Catalogue | null>(null);

export function ClientTranslations({ locale, messages, children }: Catalogue & { children: ReactNode }) {
  return <Messages.Provider value={{ locale, messages }}>{children}</Messages.Provider>;
}

function lookup(messages: Record<string, unknown>, path: string): unknown {
  let node: unknown = messages;
  for (const part of path.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  return node;
}

function useClientTranslations(namespace?: string) {
  const catalogue = useContext(Messages);
  if (!catalogue) throw new Error('useTranslations needs <ClientMessages> around the client component');
  return (key: string, values?: MessageValues) => {
    const path = namespace ? `${namespace}.${key}` : key;
    const template = lookup(catalogue.messages, path);
    // As next-intl does: a missing text shows its key (the type check catches most).
    return typeof template === 'string' ? formatMessage(catalogue.locale, template, values) : path;
  };
}

/** next-intl's `useTranslations`, typed the same, for `t(key)` and `t(key, values)`. */
export const useTranslations = useClientTranslations as unknown as typeof NextIntlUseTranslations;
