CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"expire" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "batch_items_one_open_batch" ON "batch_items" USING btree ("invoice_id") WHERE "batch_items"."status" in ('pending', 'sending');