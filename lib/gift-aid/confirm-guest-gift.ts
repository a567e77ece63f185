import 'server-only';
import { getDb } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { claimGuestDonation, claimGuestPayments } from '@/db/queries/donations';
import { claimGuestDeclaration } from '@/db/queries/gift-aid';

/**
 * The signed-in person confirms on /account that a gift made under their (verified)
 * address without signing in was theirs: the gift, its payments and the Gift Aid
 * declaration made with it join their account. From then on that declaration is theirs
 * and, by its scope, may cover their other payments. One transaction, audited.
 */
export async function confirmGuestGift(input: { userId: string; email: string; donationId: string }): Promise<boolean> {
  return getDb().transaction(async (tx) => {
    const donation = await claimGuestDonation(tx, input);
    if (!donation) return false;
    await claimGuestPayments(tx, donation.id, input.userId);
    await recordAudit(
      { actorUserId: input.userId, action: 'donation.confirmed_by_donor', entityType: 'donation', entityId: donation.id },
      tx,
    );
    if (donation.declarationId && (await claimGuestDeclaration(tx, donation.declarationId, input.userId))) {
      await recordAudit(
        {
          actorUserId: input.userId,
          action: 'gift_aid.declaration_confirmed',
          entityType: 'gift_aid_declaration',
          entityId: donation.declarationId,
          data: { donationId: donation.id },
        },
        tx,
      );
    }
    return true;
  });
}
