CREATE TABLE "page_cache_invalidations" (
	"tag" text PRIMARY KEY NOT NULL,
	"invalidated_at" timestamp with time zone DEFAULT now() NOT NULL
);
