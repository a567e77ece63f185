import { getTranslations } from 'next-intl/server';
import {
  addNote,
  cancelMemberMembership,
  changeMemberTier,
  extendMemberMembership,
  grantComplimentary,
  recordMemberPayment,
  resendSignInLink,
} from '@/app/[locale]/admin/members/actions';
import type { AppLocale } from '@/lib/i18n/routing';
import { MemberActionForm } from './member-action-form';

type Live = { source: 'stripe' | 'offline' | 'complimentary'; status: string; tierSlug: string } | null;

const card = 'rounded-lg border border-line bg-white p-4';

/** The staff actions on one member, each its own confirmed form; Stripe-run memberships say why some are not offered. */
export async function MemberActions({
  locale,
  userId,
  live,
  tiers,
  today,
}: {
  locale: AppLocale;
  userId: string;
  live: Live;
  tiers: { value: string; label: string }[];
  today: string;
}) {
  const t = await getTranslations({ locale, namespace: 'adminMembers.actions' });
  const stripeRun = live?.source === 'stripe' && live.status !== 'pending';
  const running = live && live.status !== 'pending';
  const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const methods = (['cheque', 'bank_transfer', 'standing_order', 'cash'] as const).map((m) => ({ value: m, label: t(`methods.${m}`) }));
  const common = { locale, userId };
  return (
    <div className="mt-4 grid gap-4">
      <div className={card}>
        {stripeRun ? (
          <p>{t('payment.paysByCard')}</p>
        ) : (
          <MemberActionForm
            id="payment"
            action={recordMemberPayment}
            {...common}
            initial={{ paidOn: today, method: 'cheque' }}
            fields={[
              { name: 'amount', kind: 'text', hint: true, required: true },
              { name: 'paidOn', kind: 'date', max: today, required: true },
              { name: 'method', kind: 'select', options: methods },
              { name: 'tier', kind: 'select', options: [{ value: '', label: t('payment.keepTier') }, ...tiers] },
              { name: 'reference', kind: 'text' },
            ]}
          />
        )}
      </div>
      <div className={card}>
        {stripeRun ? (
          <p>{t('complimentary.stripeLive')}</p>
        ) : (
          <MemberActionForm
            id="complimentary"
            action={grantComplimentary}
            {...common}
            initial={{ tier: live?.tierSlug ?? tiers[0]?.value ?? '' }}
            fields={[
              { name: 'tier', kind: 'select', options: tiers },
              { name: 'endsOn', kind: 'date', min: tomorrow, required: true },
              ...(live ? [{ name: 'replaceLive' as const, kind: 'checkbox' as const }] : []),
            ]}
          />
        )}
      </div>
      {running && (
        <div className={card}>
          {stripeRun ? (
            <>
              <h3 className="font-serif text-lg font-semibold">{t('extend.title')}</h3>
              <p className="mt-2">{t('extend.stripeControls')}</p>
            </>
          ) : (
            <MemberActionForm
              id="extend"
              action={extendMemberMembership}
              {...common}
              fields={[
                { name: 'months', kind: 'number', min: '1', max: '60', step: '1', hint: true },
                { name: 'until', kind: 'date', min: tomorrow },
              ]}
            />
          )}
        </div>
      )}
      {live && (
        <div className={card}>
          {stripeRun ? (
            <>
              <h3 className="font-serif text-lg font-semibold">{t('tier.title')}</h3>
              <p className="mt-2">{t('tier.stripeControls')}</p>
            </>
          ) : (
            <MemberActionForm
              id="tier"
              action={changeMemberTier}
              {...common}
              initial={{ tier: live.tierSlug }}
              fields={[{ name: 'tier', kind: 'select', options: tiers }]}
            />
          )}
        </div>
      )}
      {live && (
        <div className={card}>
          {stripeRun && <p className="mb-3 text-sm text-muted">{t('cancel.stripeNote')}</p>}
          <MemberActionForm id="cancel" action={cancelMemberMembership} {...common} fields={[]} />
        </div>
      )}
      <div className={card}>
        <MemberActionForm id="signInLink" action={resendSignInLink} {...common} fields={[]} />
      </div>
      <div className={card}>
        <MemberActionForm
          id="note"
          action={addNote}
          {...common}
          confirm={false}
          fields={[{ name: 'body', kind: 'textarea', required: true }]}
        />
      </div>
    </div>
  );
}
