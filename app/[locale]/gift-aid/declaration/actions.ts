'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { cancelDeclarationByLink } from '@/db/queries/gift-aid';
import { declarationLinkQuery, isDeclarationLinkValid } from '@/lib/gift-aid/declaration-link';
import { getPathname } from '@/lib/i18n/navigation';

const schema = z.object({ d: z.uuid(), s: z.string().min(20).max(100), locale: z.enum(['en', 'es']).catch('en') });

/**
 * "Cancel this declaration" on the page a guest donor's receipt links to. The signed link
 * is the guard: no account, and no way to cancel a declaration without its signature.
 */
export async function cancelDeclarationWithLink(formData: FormData): Promise<void> {
  const parsed = schema.safeParse({ d: formData.get('d'), s: formData.get('s'), locale: formData.get('locale') });
  if (!parsed.success || !isDeclarationLinkValid(parsed.data.d, parsed.data.s)) {
    redirect(getPathname({ href: '/', locale: parsed.success ? parsed.data.locale : 'en' }));
  }
  const { d, locale } = parsed.data;
  await cancelDeclarationByLink(d);
  redirect(`${getPathname({ href: '/gift-aid/declaration', locale })}?${declarationLinkQuery(d)}&done=1`);
}
