-- Bacs Direct Debit payments through Stripe were recorded as 'card', so receipts and staff
-- said "Card". Rows already written are corrected by the next sync of their invoice.
ALTER TYPE "public"."payment_method" ADD VALUE 'bacs_debit' BEFORE 'bank_transfer';
