CREATE TABLE "assessments" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"referral_id" uuid,
	"status" text DEFAULT 'draft' NOT NULL,
	"assessed_on" date NOT NULL,
	"content" jsonb NOT NULL,
	"author_id" uuid NOT NULL,
	"signed_at" timestamp with time zone,
	"signature_typed_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessments_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "assessments_kind" CHECK ("assessments"."kind" in ('initial', 're_evaluation', 'progress_report')),
	CONSTRAINT "assessments_signed_complete" CHECK (("assessments"."status" = 'draft' and "assessments"."signed_at" is null) or ("assessments"."status" = 'signed' and "assessments"."signed_at" is not null and length("assessments"."signature_typed_name") > 0))
);
--> statement-breakpoint
CREATE TABLE "clinic_instrument_texts" (
	"clinic_id" uuid NOT NULL,
	"instrument_id" text NOT NULL,
	"licence" text NOT NULL,
	"item_text" jsonb NOT NULL,
	"loaded_by" uuid NOT NULL,
	"loaded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "clinic_instrument_texts_clinic_id_instrument_id_pk" PRIMARY KEY("clinic_id","instrument_id"),
	CONSTRAINT "clinic_instrument_texts_licence" CHECK (length("clinic_instrument_texts"."licence") > 0)
);
--> statement-breakpoint
CREATE TABLE "clinical_addenda" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"assessment_id" uuid,
	"session_note_id" uuid,
	"author_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"text" text NOT NULL,
	CONSTRAINT "clinical_addenda_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "clinical_addenda_one_record" CHECK (num_nonnulls("clinical_addenda"."assessment_id", "clinical_addenda"."session_note_id") = 1),
	CONSTRAINT "clinical_addenda_text" CHECK (length("clinical_addenda"."text") > 0)
);
--> statement-breakpoint
CREATE TABLE "clinical_amendments" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"assessment_id" uuid,
	"session_note_id" uuid,
	"author_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"changes" jsonb NOT NULL,
	CONSTRAINT "clinical_amendments_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "clinical_amendments_one_record" CHECK (num_nonnulls("clinical_amendments"."assessment_id", "clinical_amendments"."session_note_id") = 1),
	CONSTRAINT "clinical_amendments_reason" CHECK (length("clinical_amendments"."reason") > 0)
);
--> statement-breakpoint
CREATE TABLE "outcome_administrations" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"instrument_id" text NOT NULL,
	"instrument_version" text NOT NULL,
	"answers" jsonb NOT NULL,
	"activities" jsonb,
	"score" double precision NOT NULL,
	"subscores" jsonb,
	"band" text,
	"missing_items" text[] NOT NULL,
	"method" text NOT NULL,
	"administered_on" date NOT NULL,
	"administered_by" uuid NOT NULL,
	"assessment_id" uuid,
	"session_note_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outcome_administrations_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "referral_clinical_settings" (
	"clinic_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"progress_every_visits" integer DEFAULT 10 NOT NULL,
	"progress_every_days" integer DEFAULT 30 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_clinical_settings_clinic_id_referral_id_pk" PRIMARY KEY("clinic_id","referral_id"),
	CONSTRAINT "referral_clinical_settings_visits" CHECK ("referral_clinical_settings"."progress_every_visits" between 1 and 60),
	CONSTRAINT "referral_clinical_settings_days" CHECK ("referral_clinical_settings"."progress_every_days" between 7 and 180)
);
--> statement-breakpoint
CREATE TABLE "session_notes" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"plan_id" uuid,
	"appointment_id" uuid,
	"author_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"visit_date" date NOT NULL,
	"content" jsonb NOT NULL,
	"carried_over" text[] DEFAULT '{}' NOT NULL,
	"source_note_id" uuid,
	"template_id" text,
	"total_minutes" integer DEFAULT 0 NOT NULL,
	"timed_minutes_by_cpt" jsonb NOT NULL,
	"billing" jsonb NOT NULL,
	"screening" jsonb,
	"signed_at" timestamp with time zone,
	"signature_typed_name" text,
	"referral_visit_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_notes_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "session_notes_total_minutes" CHECK ("session_notes"."total_minutes" between 0 and 600),
	CONSTRAINT "session_notes_signed_complete" CHECK (("session_notes"."status" = 'draft' and "session_notes"."signed_at" is null) or ("session_notes"."status" = 'signed' and "session_notes"."signed_at" is not null and length("session_notes"."signature_typed_name") > 0 and cardinality("session_notes"."carried_over") = 0))
);
--> statement-breakpoint
CREATE TABLE "treatment_plan_signatures" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"physician_user_id" uuid NOT NULL,
	"typed_name" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"signature_hash" text NOT NULL,
	CONSTRAINT "treatment_plan_signatures_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "treatment_plan_signatures_hash" CHECK ("treatment_plan_signatures"."signature_hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "treatment_plan_signatures_name" CHECK (length("treatment_plan_signatures"."typed_name") > 0)
);
--> statement-breakpoint
CREATE TABLE "treatment_plan_versions" (
	"clinic_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"techniques" text[] NOT NULL,
	"regions" text[] NOT NULL,
	"frequency_per_week" integer NOT NULL,
	"duration_weeks" integer NOT NULL,
	"planned_visits" integer NOT NULL,
	"session_minutes" integer NOT NULL,
	"start_date" date NOT NULL,
	"re_evaluation_date" date NOT NULL,
	"screening" jsonb NOT NULL,
	"precautions_acknowledged" jsonb NOT NULL,
	"change_reason" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "treatment_plan_versions_clinic_id_plan_id_version_pk" PRIMARY KEY("clinic_id","plan_id","version"),
	CONSTRAINT "treatment_plan_versions_version" CHECK ("treatment_plan_versions"."version" >= 1),
	CONSTRAINT "treatment_plan_versions_session_minutes" CHECK ("treatment_plan_versions"."session_minutes" between 30 and 90),
	CONSTRAINT "treatment_plan_versions_frequency" CHECK ("treatment_plan_versions"."frequency_per_week" between 1 and 7),
	CONSTRAINT "treatment_plan_versions_duration" CHECK ("treatment_plan_versions"."duration_weeks" between 1 and 52),
	CONSTRAINT "treatment_plan_versions_visits" CHECK ("treatment_plan_versions"."planned_visits" between 1 and 365),
	CONSTRAINT "treatment_plan_versions_dates" CHECK ("treatment_plan_versions"."re_evaluation_date" > "treatment_plan_versions"."start_date")
);
--> statement-breakpoint
CREATE TABLE "treatment_plans" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "treatment_plans_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_clinic_id_referral_id_referrals_clinic_id_id_fk" FOREIGN KEY ("clinic_id","referral_id") REFERENCES "public"."referrals"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinic_instrument_texts" ADD CONSTRAINT "clinic_instrument_texts_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinic_instrument_texts" ADD CONSTRAINT "clinic_instrument_texts_loaded_by_users_id_fk" FOREIGN KEY ("loaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_addenda" ADD CONSTRAINT "clinical_addenda_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_addenda" ADD CONSTRAINT "clinical_addenda_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_addenda" ADD CONSTRAINT "clinical_addenda_clinic_id_assessment_id_assessments_clinic_id_id_fk" FOREIGN KEY ("clinic_id","assessment_id") REFERENCES "public"."assessments"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_addenda" ADD CONSTRAINT "clinical_addenda_clinic_id_session_note_id_session_notes_clinic_id_id_fk" FOREIGN KEY ("clinic_id","session_note_id") REFERENCES "public"."session_notes"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_amendments" ADD CONSTRAINT "clinical_amendments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_amendments" ADD CONSTRAINT "clinical_amendments_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_amendments" ADD CONSTRAINT "clinical_amendments_clinic_id_assessment_id_assessments_clinic_id_id_fk" FOREIGN KEY ("clinic_id","assessment_id") REFERENCES "public"."assessments"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_amendments" ADD CONSTRAINT "clinical_amendments_clinic_id_session_note_id_session_notes_clinic_id_id_fk" FOREIGN KEY ("clinic_id","session_note_id") REFERENCES "public"."session_notes"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_administrations" ADD CONSTRAINT "outcome_administrations_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_administrations" ADD CONSTRAINT "outcome_administrations_administered_by_users_id_fk" FOREIGN KEY ("administered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_administrations" ADD CONSTRAINT "outcome_administrations_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_administrations" ADD CONSTRAINT "outcome_administrations_clinic_id_assessment_id_assessments_clinic_id_id_fk" FOREIGN KEY ("clinic_id","assessment_id") REFERENCES "public"."assessments"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_administrations" ADD CONSTRAINT "outcome_administrations_clinic_id_session_note_id_session_notes_clinic_id_id_fk" FOREIGN KEY ("clinic_id","session_note_id") REFERENCES "public"."session_notes"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_clinical_settings" ADD CONSTRAINT "referral_clinical_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_clinical_settings" ADD CONSTRAINT "referral_clinical_settings_clinic_id_referral_id_referrals_clinic_id_id_fk" FOREIGN KEY ("clinic_id","referral_id") REFERENCES "public"."referrals"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_notes" ADD CONSTRAINT "session_notes_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_notes" ADD CONSTRAINT "session_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_notes" ADD CONSTRAINT "session_notes_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_notes" ADD CONSTRAINT "session_notes_clinic_id_plan_id_treatment_plans_clinic_id_id_fk" FOREIGN KEY ("clinic_id","plan_id") REFERENCES "public"."treatment_plans"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_notes" ADD CONSTRAINT "session_notes_clinic_id_appointment_id_appointments_clinic_id_id_fk" FOREIGN KEY ("clinic_id","appointment_id") REFERENCES "public"."appointments"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_notes" ADD CONSTRAINT "session_notes_clinic_id_source_note_id_session_notes_clinic_id_id_fk" FOREIGN KEY ("clinic_id","source_note_id") REFERENCES "public"."session_notes"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_plan_signatures" ADD CONSTRAINT "treatment_plan_signatures_physician_user_id_users_id_fk" FOREIGN KEY ("physician_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_plan_signatures" ADD CONSTRAINT "treatment_plan_signatures_clinic_id_plan_id_version_treatment_plan_versions_clinic_id_plan_id_version_fk" FOREIGN KEY ("clinic_id","plan_id","version") REFERENCES "public"."treatment_plan_versions"("clinic_id","plan_id","version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_plan_versions" ADD CONSTRAINT "treatment_plan_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_plan_versions" ADD CONSTRAINT "treatment_plan_versions_clinic_id_plan_id_treatment_plans_clinic_id_id_fk" FOREIGN KEY ("clinic_id","plan_id") REFERENCES "public"."treatment_plans"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_plans" ADD CONSTRAINT "treatment_plans_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_plans" ADD CONSTRAINT "treatment_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_plans" ADD CONSTRAINT "treatment_plans_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_plans" ADD CONSTRAINT "treatment_plans_clinic_id_referral_id_referrals_clinic_id_id_fk" FOREIGN KEY ("clinic_id","referral_id") REFERENCES "public"."referrals"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessments_patient_idx" ON "assessments" USING btree ("clinic_id","patient_id","assessed_on");--> statement-breakpoint
CREATE INDEX "clinical_addenda_note_idx" ON "clinical_addenda" USING btree ("clinic_id","session_note_id");--> statement-breakpoint
CREATE INDEX "clinical_amendments_note_idx" ON "clinical_amendments" USING btree ("clinic_id","session_note_id");--> statement-breakpoint
CREATE INDEX "clinical_amendments_assessment_idx" ON "clinical_amendments" USING btree ("clinic_id","assessment_id");--> statement-breakpoint
CREATE INDEX "outcome_administrations_patient_idx" ON "outcome_administrations" USING btree ("clinic_id","patient_id","instrument_id","administered_on");--> statement-breakpoint
CREATE INDEX "session_notes_patient_idx" ON "session_notes" USING btree ("clinic_id","patient_id","visit_date");--> statement-breakpoint
CREATE INDEX "session_notes_author_status_idx" ON "session_notes" USING btree ("clinic_id","author_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "session_notes_appointment_unique" ON "session_notes" USING btree ("clinic_id","appointment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "treatment_plan_signatures_version_unique" ON "treatment_plan_signatures" USING btree ("clinic_id","plan_id","version");--> statement-breakpoint
CREATE INDEX "treatment_plans_patient_idx" ON "treatment_plans" USING btree ("clinic_id","patient_id","id");