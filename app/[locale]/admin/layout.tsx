import { AdminNav } from '@/components/admin/admin-nav';
import { currentUser } from '@/lib/auth/guards';
import { asLocale } from '@/lib/i18n/params';

// The staff section bar. Each page still calls requireRole itself: a layout is not a guard
// (it does not re-run on every navigation), so it only decides whether to show the bar.
export default async function AdminLayout({ children, params }: LayoutProps<'/[locale]/admin'>) {
  const locale = asLocale((await params).locale);
  const user = await currentUser();
  const staff = user && (user.role === 'staff' || user.role === 'admin');
  return (
    <>
      {staff && <AdminNav locale={locale} role={user.role} />}
      {children}
    </>
  );
}
