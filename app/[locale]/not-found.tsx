import { useTranslations } from 'next-intl';
import { Link } from '@/lib/i18n/navigation';
import { buttonClass } from '@/components/ui/styles';

export default function NotFound() {
  const t = useTranslations('notFound');
  return (
    <div className="mx-auto max-w-3xl px-4 py-16 sm:px-6">
      <h1 className="font-serif text-3xl font-semibold">{t('title')}</h1>
      <p className="mt-3 text-muted">{t('text')}</p>
      <ul className="mt-6 flex flex-wrap gap-3">
        <li><Link href="/" className={buttonClass({ size: 'md', className: 'inline-block' })}>{t('home')}</Link></li>
        <li><Link href="/publications" className="inline-block rounded-md border border-brand px-4 py-2 font-medium text-brand">{t('library')}</Link></li>
      </ul>
    </div>
  );
}
