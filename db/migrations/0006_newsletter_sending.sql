ALTER TYPE "public"."delivery_status" ADD VALUE 'sending' BEFORE 'sent';--> statement-breakpoint
ALTER TYPE "public"."publication_type" ADD VALUE 'newsletter';--> statement-breakpoint
ALTER TABLE "newsletter_deliveries" ADD COLUMN "next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "newsletter_issues" ADD COLUMN "released_publication_id" uuid;--> statement-breakpoint
ALTER TABLE "newsletter_issues" ADD COLUMN "send_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "newsletter_issues" ADD COLUMN "send_requested_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "newsletter_issues" ADD CONSTRAINT "newsletter_issues_released_publication_id_publications_id_fk" FOREIGN KEY ("released_publication_id") REFERENCES "public"."publications"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "newsletter_issues" ADD CONSTRAINT "newsletter_issues_send_requested_by_user_id_users_id_fk" FOREIGN KEY ("send_requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "newsletter_deliveries_due_idx" ON "newsletter_deliveries" USING btree ("issue_id","status","next_attempt_at");