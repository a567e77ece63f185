import 'server-only';
import { eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { payments, users, type Payment, type User } from '../schema';
import { oneRow } from './rows';

// What recording an offline payment (lib/payments/offline.ts) reads and writes inside the
// transaction it owns.

/** The account an offline payment is for, locked; null when unknown or deleted. */
export async function lockUserByEmail(tx: Tx, email: string): Promise<User | null> {
  const [user] = await tx.select().from(users).where(eq(users.email, email.toLowerCase())).for('update');
  return user && !user.deletedAt ? user : null;
}

export async function insertPayment(tx: Tx, values: typeof payments.$inferInsert): Promise<Payment> {
  const payment = oneRow(await tx.insert(payments).values(values).returning(), 'the inserted payment');
  return payment;
}
