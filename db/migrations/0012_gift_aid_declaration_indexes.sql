-- The payments and gifts a Gift Aid declaration covers are looked up by it: claims, a
-- retried form reusing its unused declaration (lib/gift-aid/declare.ts), and erasing records
-- HMRC no longer needs (lib/gift-aid/records.ts). Without these, each is a full scan.
CREATE INDEX "donations_gift_aid_declaration_idx" ON "donations" USING btree ("gift_aid_declaration_id");--> statement-breakpoint
CREATE INDEX "payments_gift_aid_declaration_idx" ON "payments" USING btree ("gift_aid_declaration_id");