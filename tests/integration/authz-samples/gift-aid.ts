// A valid submission for each /admin (gift-aid) action in the matrix, so "ok" means it really ran.
// Imported by ../authorization-actions.test.ts after next/headers and next/cache are mocked.
import { getSql } from '@/db/client';
import type { PersonaUser } from '../../support/personas';
import { form } from '../../support/forms';
import { insertGiftAidedGift, randomPastDay } from '../../support/gift-aid-fixtures';
import { firstRow } from '../../support/rows';

const actions = await import('@/app/[locale]/admin/gift-aid/actions');
const { previewClaim } = await import('@/lib/gift-aid/claims/preview-claim');

export const samples: Record<string, (user: PersonaUser | null) => () => Promise<unknown>> = {
  // A claimable gift on a day of its own, and the fingerprint of what staff would see.
  '[locale]/admin/gift-aid/actions.ts#createGiftAidClaim': () => async () => {
    const day = randomPastDay();
    await insertGiftAidedGift(getSql(), { day });
    const { fingerprint } = await previewClaim({ from: day, to: day });
    return actions.createGiftAidClaim({ values: {} }, form({ locale: 'en', from: day, to: day, fingerprint, confirm: 'on' }));
  },
  '[locale]/admin/gift-aid/actions.ts#markGiftAidClaimSubmitted': () => async () => {
    const claim = firstRow(
      await getSql()<
        { id: string }[]
      >`insert into gift_aid_claims (period_from, period_to) values ('2020-01-01', '2020-03-31') returning id`,
    );
    return actions.markGiftAidClaimSubmitted({ values: {} }, form({ locale: 'en', claimId: claim.id, confirm: 'on' }));
  },
};
