'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { cancelDeclaration } from '@/lib/gift-aid/cancel-declaration';
import { formCommand, guards } from '@/lib/forms/action';
import { declarationLinkQuery, isDeclarationLinkValid } from '@/lib/gift-aid/declaration-link';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';

const schema = z.object({ d: z.uuid(), s: z.string().min(20).max(100) });
const home = ({ locale }: { locale: AppLocale }) => redirect(getPathname({ href: '/', locale }));

/**
 * "Cancel this declaration" on the page a guest donor's receipt links to. The signed link
 * is the guard: no account, and no way to cancel a declaration without its signature.
 * A link that is not one of ours goes to the home page, and cancels nothing.
 */
export const cancelDeclarationWithLink = formCommand({ schema, guard: guards.anyone(), refused: home }, async ({ d, s }, context) => {
  if (!isDeclarationLinkValid(d, s)) return home(context);
  await cancelDeclaration(d, 'signed link');
  redirect(`${getPathname({ href: '/gift-aid/declaration', locale: context.locale })}?${declarationLinkQuery(d)}&done=1`);
});
