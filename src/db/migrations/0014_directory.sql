CREATE TABLE "clinic_profiles" (
	"clinic_id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"tagline" text,
	"about" text,
	"public_phone" text,
	"public_email" text,
	"website" text,
	"accepts_referrals" boolean DEFAULT true NOT NULL,
	"accepts_insurance" boolean DEFAULT false NOT NULL,
	"accepts_auto_accident" boolean DEFAULT false NOT NULL,
	"inclusive_lgbtq" boolean DEFAULT false NOT NULL,
	"inclusive_trauma_informed" boolean DEFAULT false NOT NULL,
	"inclusive_accessible" boolean DEFAULT false NOT NULL,
	"inclusive_statement" text,
	"referral_fax" text,
	"referral_email" text,
	"referral_notes" text,
	"photo_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clinic_profiles_slug" CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) between 3 and 80)
);
--> statement-breakpoint
CREATE TABLE "credential_expiry_notices" (
	"clinic_id" uuid NOT NULL,
	"credential_id" uuid NOT NULL,
	"threshold_days" integer NOT NULL,
	"expires_on" date NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"recipients" integer NOT NULL,
	CONSTRAINT "credential_expiry_notices_clinic_id_credential_id_threshold_days_expires_on_pk" PRIMARY KEY("clinic_id","credential_id","threshold_days","expires_on")
);
--> statement-breakpoint
CREATE TABLE "credentials" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"therapist_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"issuer" text NOT NULL,
	"number" text,
	"certified_name" text NOT NULL,
	"region" text,
	"status" text DEFAULT 'active' NOT NULL,
	"issued_on" date,
	"expires_on" date,
	"show_publicly" boolean DEFAULT true NOT NULL,
	"verification_url" text,
	"verified_at" timestamp with time zone,
	"verified_by" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credentials_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "credentials_kind" CHECK ("credentials"."kind" in ('state_license', 'camtc', 'ncbtmb', 'other_certification')),
	CONSTRAINT "credentials_status" CHECK ("credentials"."status" in ('active', 'pending', 'inactive', 'suspended', 'revoked')),
	CONSTRAINT "credentials_dates" CHECK ("credentials"."expires_on" is null or "credentials"."issued_on" is null or "credentials"."expires_on" >= "credentials"."issued_on"),
	CONSTRAINT "credentials_verified" CHECK (("credentials"."verified_at" is null) = ("credentials"."verified_by" is null))
);
--> statement-breakpoint
CREATE TABLE "directory_photos" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"content_type" text NOT NULL,
	"data_base64" text NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "directory_photos_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "directory_photos_content_type" CHECK ("directory_photos"."content_type" in ('image/png', 'image/jpeg'))
);
--> statement-breakpoint
CREATE TABLE "review_moderation_log" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"review_id" uuid NOT NULL,
	"report_id" uuid,
	"decision" text NOT NULL,
	"reason" text NOT NULL,
	"decided_by" uuid NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	CONSTRAINT "review_moderation_log_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "review_moderation_log_decision" CHECK ("review_moderation_log"."decision" in ('keep', 'hide', 'restore')),
	CONSTRAINT "review_moderation_log_reason" CHECK (length("review_moderation_log"."reason") > 0)
);
--> statement-breakpoint
CREATE TABLE "review_replies" (
	"clinic_id" uuid NOT NULL,
	"review_id" uuid NOT NULL,
	"body" text NOT NULL,
	"author_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_replies_clinic_id_review_id_pk" PRIMARY KEY("clinic_id","review_id"),
	CONSTRAINT "review_replies_body" CHECK (length("review_replies"."body") between 1 and 2000)
);
--> statement-breakpoint
CREATE TABLE "review_reports" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"review_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"reported_by" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "review_reports_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "review_reports_status" CHECK ("review_reports"."status" in ('open', 'resolved'))
);
--> statement-breakpoint
CREATE TABLE "reviews" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"therapist_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"appointment_id" uuid NOT NULL,
	"referral_id" uuid,
	"course_key" text NOT NULL,
	"rating" integer NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'published' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reviews_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "reviews_rating" CHECK ("reviews"."rating" between 1 and 5),
	CONSTRAINT "reviews_body" CHECK (length("reviews"."body") between 1 and 2000),
	CONSTRAINT "reviews_status" CHECK ("reviews"."status" in ('published', 'hidden'))
);
--> statement-breakpoint
CREATE TABLE "therapist_profiles" (
	"clinic_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"display_name" text NOT NULL,
	"post_nominals" text,
	"bio" text,
	"pronouns" text,
	"languages" text[] DEFAULT '{en}' NOT NULL,
	"gender" text,
	"gender_description" text,
	"conditions" text[] DEFAULT '{}' NOT NULL,
	"techniques" text[] DEFAULT '{}' NOT NULL,
	"public_email" text,
	"photo_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "therapist_profiles_clinic_id_user_id_pk" PRIMARY KEY("clinic_id","user_id"),
	CONSTRAINT "therapist_profiles_slug" CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) between 3 and 80),
	CONSTRAINT "therapist_profiles_gender" CHECK ("therapist_profiles"."gender" in ('woman', 'man', 'nonbinary', 'another'))
);
--> statement-breakpoint
ALTER TABLE "clinic_profiles" ADD CONSTRAINT "clinic_profiles_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinic_profiles" ADD CONSTRAINT "clinic_profiles_clinic_id_photo_id_directory_photos_clinic_id_id_fk" FOREIGN KEY ("clinic_id","photo_id") REFERENCES "public"."directory_photos"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credential_expiry_notices" ADD CONSTRAINT "credential_expiry_notices_clinic_id_credential_id_credentials_clinic_id_id_fk" FOREIGN KEY ("clinic_id","credential_id") REFERENCES "public"."credentials"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_therapist_id_users_id_fk" FOREIGN KEY ("therapist_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_photos" ADD CONSTRAINT "directory_photos_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_photos" ADD CONSTRAINT "directory_photos_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_moderation_log" ADD CONSTRAINT "review_moderation_log_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_moderation_log" ADD CONSTRAINT "review_moderation_log_clinic_id_review_id_reviews_clinic_id_id_fk" FOREIGN KEY ("clinic_id","review_id") REFERENCES "public"."reviews"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_moderation_log" ADD CONSTRAINT "review_moderation_log_clinic_id_report_id_review_reports_clinic_id_id_fk" FOREIGN KEY ("clinic_id","report_id") REFERENCES "public"."review_reports"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_replies" ADD CONSTRAINT "review_replies_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_replies" ADD CONSTRAINT "review_replies_clinic_id_review_id_reviews_clinic_id_id_fk" FOREIGN KEY ("clinic_id","review_id") REFERENCES "public"."reviews"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_reports" ADD CONSTRAINT "review_reports_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_reports" ADD CONSTRAINT "review_reports_clinic_id_review_id_reviews_clinic_id_id_fk" FOREIGN KEY ("clinic_id","review_id") REFERENCES "public"."reviews"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_therapist_id_users_id_fk" FOREIGN KEY ("therapist_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_clinic_id_appointment_id_appointments_clinic_id_id_fk" FOREIGN KEY ("clinic_id","appointment_id") REFERENCES "public"."appointments"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_clinic_id_referral_id_referrals_clinic_id_id_fk" FOREIGN KEY ("clinic_id","referral_id") REFERENCES "public"."referrals"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "therapist_profiles" ADD CONSTRAINT "therapist_profiles_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "therapist_profiles" ADD CONSTRAINT "therapist_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "therapist_profiles" ADD CONSTRAINT "therapist_profiles_clinic_id_photo_id_directory_photos_clinic_id_id_fk" FOREIGN KEY ("clinic_id","photo_id") REFERENCES "public"."directory_photos"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "clinic_profiles_slug_unique" ON "clinic_profiles" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "credentials_therapist_idx" ON "credentials" USING btree ("clinic_id","therapist_id");--> statement-breakpoint
CREATE INDEX "credentials_expiry_idx" ON "credentials" USING btree ("expires_on");--> statement-breakpoint
CREATE INDEX "review_moderation_log_review_idx" ON "review_moderation_log" USING btree ("clinic_id","review_id");--> statement-breakpoint
CREATE INDEX "review_reports_open_idx" ON "review_reports" USING btree ("clinic_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "review_reports_one_open" ON "review_reports" USING btree ("clinic_id","review_id") WHERE status = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_course_unique" ON "reviews" USING btree ("clinic_id","therapist_id","patient_id","course_key");--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_appointment_unique" ON "reviews" USING btree ("clinic_id","appointment_id");--> statement-breakpoint
CREATE INDEX "reviews_therapist_idx" ON "reviews" USING btree ("clinic_id","therapist_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "therapist_profiles_slug_unique" ON "therapist_profiles" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "therapist_profiles_published_idx" ON "therapist_profiles" USING btree ("published","clinic_id");