import { getTranslations } from 'next-intl/server';
import { Link } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { LanguageSwitcher } from './language-switcher';
import { NavLink } from './nav-link';

export async function SiteHeader({ locale }: { locale: AppLocale }) {
  const t = await getTranslations({ locale, namespace: 'nav' });
  const meta = await getTranslations({ locale, namespace: 'meta' });
  const items = [
    { href: '/publications', label: t('publications') },
    { href: '/about/aims', label: t('aims') },
    { href: '/about/history', label: t('history') },
    { href: '/about/human-rights', label: t('humanRights') },
  ] as const;
  return (
    <header className="border-b border-line bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-3 px-4 py-4 sm:px-6">
        <Link href="/" className="group flex flex-col leading-tight">
          <span className="font-serif text-xl font-semibold text-brand group-hover:text-brand-dark">{meta('siteName')}</span>
          <span className="text-xs text-muted">{meta('tagline')}</span>
        </Link>
        <LanguageSwitcher label={t('switchTo')} ariaLabel={t('switchToLabel')} />
      </div>
      <nav aria-label={t('main')} className="mx-auto max-w-6xl px-4 pb-3 sm:px-6">
        <ul className="flex flex-wrap items-center gap-x-1 gap-y-1 text-[0.95rem]">
          {items.map((item) => (
            <li key={item.href}>
              <NavLink href={item.href}>{item.label}</NavLink>
            </li>
          ))}
          <li className="ml-auto">
            <Link
              href="/join"
              className="inline-block rounded-md bg-brand px-4 py-2 font-medium text-white hover:bg-brand-dark"
            >
              {t('join')}
            </Link>
          </li>
        </ul>
      </nav>
    </header>
  );
}
