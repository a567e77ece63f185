import { useTranslations } from 'next-intl';
import { Link } from '@/lib/i18n/navigation';
import { buttonClass } from '@/components/ui/styles';

export default function Forbidden() {
  const t = useTranslations('forbidden');
  return (
    <div className="mx-auto max-w-3xl px-4 py-16 sm:px-6">
      <h1 className="font-serif text-3xl font-semibold">{t('title')}</h1>
      <p className="mt-3 text-muted">{t('text')}</p>
      <Link href="/account" className={buttonClass({ size: 'md', className: 'mt-6 inline-block' })}>
        {t('account')}
      </Link>
    </div>
  );
}
