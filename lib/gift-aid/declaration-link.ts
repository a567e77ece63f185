import { siteUrl } from '@/lib/env';
import type { AppLocale } from '@/lib/i18n/routing';
import { hasValidSignature, signFor } from '@/lib/security/signatures';

// A guest donor has no account to manage their Gift Aid declaration from, so their
// receipt and thank-you page carry this signed link instead: it shows the declaration and
// lets them cancel it, with no sign-in. Only whoever got the receipt has it.

export function declarationLinkQuery(declarationId: string): URLSearchParams {
  return new URLSearchParams({ d: declarationId, s: signFor('gift-aid-declaration', declarationId) });
}

export function declarationLink(declarationId: string, locale: AppLocale): string {
  return `${siteUrl()}${locale === 'es' ? '/es' : ''}/gift-aid/declaration?${declarationLinkQuery(declarationId)}`;
}

export function isDeclarationLinkValid(declarationId: string, signature: string): boolean {
  return hasValidSignature('gift-aid-declaration', declarationId, signature);
}
