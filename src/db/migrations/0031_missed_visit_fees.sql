ALTER TABLE "appointments" ADD COLUMN "missed_fee_cents" integer;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "fee_waived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "fee_waived_by" uuid;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "fee_waive_reason" text;--> statement-breakpoint
ALTER TABLE "scheduling_settings" ADD COLUMN "late_cancellation_fee_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "scheduling_settings" ADD COLUMN "no_show_fee_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_fee_waived_by_users_id_fk" FOREIGN KEY ("fee_waived_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_missed_fee" CHECK ("appointments"."missed_fee_cents" is null or ("appointments"."missed_fee_cents" > 0 and "appointments"."status" in ('cancelled', 'no_show')));--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_fee_waived" CHECK (("appointments"."fee_waived_at" is null) = ("appointments"."fee_waived_by" is null) and ("appointments"."fee_waived_at" is null) = ("appointments"."fee_waive_reason" is null) and ("appointments"."fee_waived_at" is null or "appointments"."missed_fee_cents" is not null));--> statement-breakpoint
ALTER TABLE "scheduling_settings" ADD CONSTRAINT "scheduling_settings_fees" CHECK ("scheduling_settings"."late_cancellation_fee_cents" between 0 and 100000 and "scheduling_settings"."no_show_fee_cents" between 0 and 100000);