CREATE TABLE "billing_accounts" (
	"practice_id" uuid PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"currency" text DEFAULT 'AUD' NOT NULL,
	"status" text DEFAULT 'trialing' NOT NULL,
	"trial_started_at" timestamp with time zone NOT NULL,
	"trial_ends_at" timestamp with time zone NOT NULL,
	"past_due_since" timestamp with time zone,
	"current_period_end" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"stripe_customer_id" text,
	"stripe_subscription_id" text,
	"last_event_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_accounts_stripe_customer" UNIQUE("stripe_customer_id"),
	CONSTRAINT "billing_accounts_stripe_subscription" UNIQUE("stripe_subscription_id"),
	CONSTRAINT "billing_accounts_status" CHECK ("billing_accounts"."status" in ('trialing', 'active', 'past_due', 'cancelled')),
	CONSTRAINT "billing_accounts_currency" CHECK ("billing_accounts"."currency" in ('AUD', 'NZD')),
	CONSTRAINT "billing_accounts_trial" CHECK ("billing_accounts"."trial_ends_at" > "billing_accounts"."trial_started_at")
);
--> statement-breakpoint
CREATE TABLE "billing_connected_files" (
	"practice_id" uuid NOT NULL,
	"day" date NOT NULL,
	"interface_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"provider" text NOT NULL,
	"display_name" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_connected_files_day" UNIQUE("practice_id","day","interface_id"),
	CONSTRAINT "billing_connected_files_kind" CHECK ("billing_connected_files"."kind" in ('api', 'file'))
);
--> statement-breakpoint
CREATE TABLE "billing_stripe_events" (
	"event_id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"practice_id" uuid,
	"outcome" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billing_usage_monthly" (
	"practice_id" uuid NOT NULL,
	"month" date NOT NULL,
	"kind" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_usage_monthly_kind" UNIQUE("practice_id","month","kind"),
	CONSTRAINT "billing_usage_monthly_kind_check" CHECK ("billing_usage_monthly"."kind" in ('invoice_pushed', 'invoice_exported')),
	CONSTRAINT "billing_usage_monthly_count" CHECK ("billing_usage_monthly"."count" >= 0),
	CONSTRAINT "billing_usage_monthly_first_day" CHECK (extract(day from "billing_usage_monthly"."month") = 1)
);
--> statement-breakpoint
ALTER TABLE "billing_accounts" ADD CONSTRAINT "billing_accounts_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_connected_files" ADD CONSTRAINT "billing_connected_files_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_stripe_events" ADD CONSTRAINT "billing_stripe_events_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_usage_monthly" ADD CONSTRAINT "billing_usage_monthly_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;