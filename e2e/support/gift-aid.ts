import { db } from './db';
import * as fixtures from '../../tests/support/gift-aid-fixtures';

// Gift Aid rows for the browser tests, written straight into the e2e server's database
// (Postgres only, like every fixture in e2e/support/db.ts).

export const { onDay, randomPastDay, uniqueEmail } = fixtures;

export const insertUser = (name?: string) => fixtures.insertUser(db(), name);
export const insertDeclaration = (d: Parameters<typeof fixtures.insertDeclaration>[1]) => fixtures.insertDeclaration(db(), d);
export const insertPayment = (p: Parameters<typeof fixtures.insertPayment>[1]) => fixtures.insertPayment(db(), p);
export const insertTier = (newsletterOnly: boolean) => fixtures.insertTier(db(), newsletterOnly);
export const insertMembership = (userId: string, tierId: string) => fixtures.insertMembership(db(), userId, tierId);
export const insertGiftAidedGift = (opts: Parameters<typeof fixtures.insertGiftAidedGift>[1]) => fixtures.insertGiftAidedGift(db(), opts);

/** Marks a payment refunded in part, as the Stripe webhook would. */
export async function refundInPart(paymentId: string, pence: number) {
  await db()`update payments set status = 'partially_refunded', refunded_pence = ${pence} where id = ${paymentId}`;
}
