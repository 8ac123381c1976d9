CREATE TABLE "attachments" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"referral_id" uuid,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attachments_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "attachments_content_type" CHECK ("attachments"."content_type" in ('application/pdf', 'image/jpeg', 'image/png'))
);
--> statement-breakpoint
CREATE TABLE "referring_providers" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"credentials" text,
	"practice_name" text,
	"npi" text,
	"phone" text,
	"fax" text,
	"email" text,
	"address_line1" text,
	"address_line2" text,
	"city" text,
	"region" text,
	"postal_code" text,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"name_key" text GENERATED ALWAYS AS (public.palpa_search_key(last_name || ' ' || first_name || ' ' || coalesce(practice_name, ''))) STORED,
	CONSTRAINT "referring_providers_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "referring_providers_kind_valid" CHECK ("referring_providers"."kind" in ('physician', 'chiropractor', 'physical_therapist', 'other')),
	CONSTRAINT "referring_providers_npi_shape" CHECK ("referring_providers"."npi" ~ '^[0-9]{10}$')
);
--> statement-breakpoint
CREATE TABLE "referral_visits" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"visit_date" date NOT NULL,
	"source_type" text NOT NULL,
	"source_id" uuid,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_visits_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"provider_id" uuid,
	"source" text NOT NULL,
	"referral_date" date NOT NULL,
	"diagnoses" jsonb NOT NULL,
	"techniques" text[] NOT NULL,
	"body_regions" text[] NOT NULL,
	"frequency_per_week" integer,
	"duration_weeks" integer,
	"authorized_visits" integer,
	"session_minutes" integer,
	"precautions" text,
	"valid_from" date NOT NULL,
	"valid_until" date,
	"renews_referral_id" uuid,
	"signed_by_user_id" uuid,
	"signature_typed_name" text,
	"signed_at" timestamp with time zone,
	"signature_hash" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referrals_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "referrals_session_minutes" CHECK ("referrals"."session_minutes" between 30 and 90),
	CONSTRAINT "referrals_frequency" CHECK ("referrals"."frequency_per_week" between 1 and 7),
	CONSTRAINT "referrals_duration" CHECK ("referrals"."duration_weeks" between 1 and 52),
	CONSTRAINT "referrals_visits" CHECK ("referrals"."authorized_visits" between 1 and 365),
	CONSTRAINT "referrals_validity" CHECK ("referrals"."valid_until" is null or "referrals"."valid_until" >= "referrals"."valid_from"),
	CONSTRAINT "referrals_signature_complete" CHECK ("referrals"."source" = 'paper' or ("referrals"."signature_hash" is not null and "referrals"."signed_at" is not null and "referrals"."signature_typed_name" is not null and "referrals"."signed_by_user_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "first_key" text GENERATED ALWAYS AS (public.palpa_search_key(legal_first_name)) STORED;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "last_key" text GENERATED ALWAYS AS (public.palpa_search_key(legal_last_name)) STORED;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "last_word_key" text GENERATED ALWAYS AS (substring(public.palpa_search_key(legal_last_name) from ' ([^ ]+)$')) STORED;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "preferred_key" text GENERATED ALWAYS AS (public.palpa_search_key(preferred_name)) STORED;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "email_key" text GENERATED ALWAYS AS (lower(btrim(email))) STORED;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "phone_key" text GENERATED ALWAYS AS (public.palpa_phone_key(phone)) STORED;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_clinic_id_referral_id_referrals_clinic_id_id_fk" FOREIGN KEY ("clinic_id","referral_id") REFERENCES "public"."referrals"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referring_providers" ADD CONSTRAINT "referring_providers_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referring_providers" ADD CONSTRAINT "referring_providers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_visits" ADD CONSTRAINT "referral_visits_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_visits" ADD CONSTRAINT "referral_visits_clinic_id_referral_id_referrals_clinic_id_id_fk" FOREIGN KEY ("clinic_id","referral_id") REFERENCES "public"."referrals"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_signed_by_user_id_users_id_fk" FOREIGN KEY ("signed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_clinic_id_provider_id_referring_providers_clinic_id_id_fk" FOREIGN KEY ("clinic_id","provider_id") REFERENCES "public"."referring_providers"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_clinic_id_renews_referral_id_referrals_clinic_id_id_fk" FOREIGN KEY ("clinic_id","renews_referral_id") REFERENCES "public"."referrals"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_patient_idx" ON "attachments" USING btree ("clinic_id","patient_id","id");--> statement-breakpoint
CREATE INDEX "attachments_referral_idx" ON "attachments" USING btree ("clinic_id","referral_id");--> statement-breakpoint
CREATE UNIQUE INDEX "referring_providers_npi_unique" ON "referring_providers" USING btree ("clinic_id","npi");--> statement-breakpoint
CREATE INDEX "referring_providers_name_idx" ON "referring_providers" USING btree ("clinic_id","name_key");--> statement-breakpoint
CREATE INDEX "referring_providers_email_idx" ON "referring_providers" USING btree ("clinic_id",lower("email"));--> statement-breakpoint
CREATE INDEX "referring_providers_user_idx" ON "referring_providers" USING btree ("clinic_id","user_id");--> statement-breakpoint
CREATE INDEX "referral_visits_referral_idx" ON "referral_visits" USING btree ("clinic_id","referral_id");--> statement-breakpoint
CREATE INDEX "referrals_patient_idx" ON "referrals" USING btree ("clinic_id","patient_id","id");--> statement-breakpoint
CREATE INDEX "referrals_renews_idx" ON "referrals" USING btree ("clinic_id","renews_referral_id");--> statement-breakpoint
CREATE INDEX "patients_first_key_idx" ON "patients" USING btree ("clinic_id","first_key" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "patients_last_key_idx" ON "patients" USING btree ("clinic_id","last_key" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "patients_last_word_key_idx" ON "patients" USING btree ("clinic_id","last_word_key" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "patients_preferred_key_idx" ON "patients" USING btree ("clinic_id","preferred_key" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "patients_email_key_idx" ON "patients" USING btree ("clinic_id","email_key" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "patients_phone_key_idx" ON "patients" USING btree ("clinic_id","phone_key" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "patients_dob_idx" ON "patients" USING btree ("clinic_id","date_of_birth");--> statement-breakpoint
CREATE INDEX "patients_name_order_idx" ON "patients" USING btree ("clinic_id","last_key","first_key","id");--> statement-breakpoint
CREATE INDEX "patients_user_idx" ON "patients" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "physician_patient_links_user_idx" ON "physician_patient_links" USING btree ("clinic_id","user_id");