CREATE SEQUENCE "public"."stripe_read_tickets" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "stripe_object_reads" (
	"object_id" text PRIMARY KEY NOT NULL,
	"ticket" bigint NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL
);
