import { getTranslations } from 'next-intl/server';
import { Link } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { LanguageSwitcher } from './language-switcher';
import { MenuDisclosure } from './menu-disclosure';
import { NavLink } from './nav-link';

export async function SiteHeader({ locale }: { locale: AppLocale }) {
  const t = await getTranslations({ locale, namespace: 'nav' });
  const meta = await getTranslations({ locale, namespace: 'meta' });
  const items = [
    { href: '/publications', label: t('publications') },
    { href: '/about/aims', label: t('aims') },
    { href: '/about/history', label: t('history') },
    { href: '/about/human-rights', label: t('humanRights') },
    { href: '/donate', label: t('donate') },
  ] as const;
  const switcher = <LanguageSwitcher label={t('switchTo')} ariaLabel={t('switchToLabel')} />;
  return (
    <header className="border-b border-line bg-white">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-3 px-4 pt-4 pb-2 sm:gap-4 sm:px-6">
        <Link href="/" className="group flex min-w-0 flex-col leading-tight">
          <span className="font-serif text-xl font-semibold text-brand group-hover:text-brand-dark">{meta('siteName')}</span>
          <span className="hidden text-xs text-muted sm:block">{meta('tagline')}</span>
        </Link>
        <div className="flex shrink-0 items-center gap-2">
          <div className="hidden md:block">{switcher}</div>
          <Link
            href="/join"
            className="rounded-md bg-brand px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-dark sm:px-4 sm:py-2 sm:text-base"
          >
            {t('join')}
          </Link>
        </div>
      </div>
      {/* Phones and small tablets: the six sections do not fit on one line in either
          language, so they sit behind a Menu, with the language beside it. */}
      <div className="relative px-4 pb-3 sm:px-6 md:hidden">
        <MenuDisclosure label={t('menu')}>
          {/* Its own name: the desktop navigation below is the other "Main" landmark of the
              page (only one is shown at a time, but landmarks must be told apart). */}
          <nav aria-label={t('mainInMenu')} className="pt-2">
            <ul className="grid grid-cols-2 gap-x-2 text-[0.95rem]">
              {items.map((item) => (
                <li key={item.href}>
                  <NavLink href={item.href}>{item.label}</NavLink>
                </li>
              ))}
              <li>
                <NavLink href="/account">{t('account')}</NavLink>
              </li>
            </ul>
          </nav>
        </MenuDisclosure>
        <div className="absolute top-0 right-4 sm:right-6">{switcher}</div>
      </div>
      <nav aria-label={t('main')} className="mx-auto hidden max-w-6xl px-4 pb-2 md:block">
        <ul className="flex flex-wrap items-center gap-x-1 text-[0.95rem]">
          {items.map((item) => (
            <li key={item.href}>
              <NavLink href={item.href}>{item.label}</NavLink>
            </li>
          ))}
          <li className="ml-auto">
            <NavLink href="/account">{t('account')}</NavLink>
          </li>
        </ul>
      </nav>
    </header>
  );
}
