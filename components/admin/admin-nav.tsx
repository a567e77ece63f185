import { getTranslations } from 'next-intl/server';
import { NavLink } from '@/components/nav-link';
import type { Role } from '@/db/schema';
import type { AppLocale } from '@/lib/i18n/routing';

const SECTIONS = [
  { href: '/admin', key: 'overview', exact: true },
  { href: '/admin/members', key: 'members' },
  { href: '/admin/payments', key: 'payments' },
  { href: '/admin/gift-aid', key: 'giftAid' },
  { href: '/admin/publications', key: 'publications' },
  { href: '/admin/pages', key: 'pages' },
  { href: '/admin/newsletters', key: 'newsletters' },
  { href: '/admin/audit', key: 'audit' },
  { href: '/admin/settings', key: 'settings', adminOnly: true },
] as const;

/** The staff sections; Settings only for admins. Wraps onto several lines on a phone. */
export async function AdminNav({ locale, role }: { locale: AppLocale; role: Role }) {
  const t = await getTranslations({ locale, namespace: 'adminNav' });
  return (
    <nav aria-label={t('label')} className="border-b border-line bg-white">
      <ul className="mx-auto flex max-w-6xl flex-wrap gap-x-1 px-2 py-1 text-sm sm:px-4">
        {SECTIONS.filter((s) => !('adminOnly' in s) || role === 'admin').map((s) => (
          <li key={s.href}>
            <NavLink href={s.href} exact={'exact' in s}>
              {t(s.key)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
