import { getTranslations } from 'next-intl/server';
import { Link } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';

export async function SiteFooter({ locale }: { locale: AppLocale }) {
  const t = await getTranslations({ locale, namespace: 'footer' });
  const nav = await getTranslations({ locale, namespace: 'nav' });
  const meta = await getTranslations({ locale, namespace: 'meta' });
  return (
    <footer className="mt-16 border-t border-line bg-white">
      <div className="mx-auto grid max-w-6xl gap-8 px-4 py-10 text-sm sm:grid-cols-3 sm:px-6">
        <div>
          <p className="font-serif text-lg font-semibold text-brand">{meta('siteName')}</p>
          <p className="mt-2 text-muted">{t('charity')}</p>
        </div>
        <nav aria-label={t('about')}>
          <h2 className="font-semibold">{t('about')}</h2>
          <ul className="mt-2 space-y-1">
            <li>
              <Link className="underline-offset-2 hover:underline" href="/about/aims">
                {nav('aims')}
              </Link>
            </li>
            <li>
              <Link className="underline-offset-2 hover:underline" href="/about/history">
                {nav('history')}
              </Link>
            </li>
            <li>
              <Link className="underline-offset-2 hover:underline" href="/about/human-rights">
                {nav('humanRights')}
              </Link>
            </li>
            <li>
              <Link className="underline-offset-2 hover:underline" href="/join">
                {nav('join')}
              </Link>
            </li>
          </ul>
        </nav>
        <nav aria-label={t('library')}>
          <h2 className="font-semibold">{t('library')}</h2>
          <ul className="mt-2 space-y-1">
            <li>
              <Link className="underline-offset-2 hover:underline" href="/publications">
                {nav('publications')}
              </Link>
            </li>
            <li>
              <a className="underline-offset-2 hover:underline" href="/feed.xml">
                {t('feed')}
              </a>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
