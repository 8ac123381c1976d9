CREATE TABLE "health_history_confirmations" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"confirmed_at" timestamp with time zone NOT NULL,
	"confirmed_by" uuid NOT NULL,
	"confirmed_via" text NOT NULL,
	"note" text,
	CONSTRAINT "health_history_confirmations_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "intake_links" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"intake_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"sent_to" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "intake_links_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "intake_links_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "intake_responses" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"questionnaire_version" integer NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"answers" jsonb NOT NULL,
	"version" integer,
	"started_by" uuid,
	"saved_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"submitted_via" text,
	"consent_typed_name" text,
	"consent_signed_at" timestamp with time zone,
	"consent_text_version" text,
	"consent_text_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intake_responses_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "intake_responses_kind_valid" CHECK ("intake_responses"."kind" in ('intake', 'update')),
	CONSTRAINT "intake_responses_status_valid" CHECK (("intake_responses"."status" = 'draft' and "intake_responses"."version" is null and "intake_responses"."submitted_at" is null and "intake_responses"."submitted_via" is null)
        or ("intake_responses"."status" = 'submitted' and "intake_responses"."version" >= 1 and "intake_responses"."submitted_at" is not null and "intake_responses"."submitted_via" in ('staff', 'self', 'link'))),
	CONSTRAINT "intake_responses_consent_complete" CHECK (("intake_responses"."consent_signed_at" is null and "intake_responses"."consent_typed_name" is null and "intake_responses"."consent_text_version" is null and "intake_responses"."consent_text_hash" is null)
        or ("intake_responses"."consent_signed_at" is not null and length("intake_responses"."consent_typed_name") > 0 and "intake_responses"."consent_text_version" is not null and "intake_responses"."consent_text_hash" ~ '^[0-9a-f]{64}$'))
);
--> statement-breakpoint
CREATE TABLE "safety_clearances" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"rule_ids" text[] NOT NULL,
	"regions" text[],
	"techniques" text[],
	"physician_name" text NOT NULL,
	"physician_user_id" uuid,
	"recorded_by" uuid,
	"recorded_via" text NOT NULL,
	"cleared_on" date NOT NULL,
	"expires_on" date,
	"attachment_id" uuid,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"revoke_reason" text,
	CONSTRAINT "safety_clearances_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "safety_clearances_has_rule" CHECK (cardinality("safety_clearances"."rule_ids") >= 1),
	CONSTRAINT "safety_clearances_expiry" CHECK ("safety_clearances"."expires_on" is null or "safety_clearances"."expires_on" >= "safety_clearances"."cleared_on"),
	CONSTRAINT "safety_clearances_revocation" CHECK (("safety_clearances"."revoked_at" is null and "safety_clearances"."revoke_reason" is null) or ("safety_clearances"."revoked_at" is not null and length("safety_clearances"."revoke_reason") > 0)),
	CONSTRAINT "safety_clearances_via_valid" CHECK ("safety_clearances"."recorded_via" in ('staff', 'physician', 'import'))
);
--> statement-breakpoint
ALTER TABLE "health_history_confirmations" ADD CONSTRAINT "health_history_confirmations_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_history_confirmations" ADD CONSTRAINT "health_history_confirmations_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_history_confirmations" ADD CONSTRAINT "health_history_confirmations_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_history_confirmations" ADD CONSTRAINT "health_history_confirmations_clinic_id_version_id_intake_responses_clinic_id_id_fk" FOREIGN KEY ("clinic_id","version_id") REFERENCES "public"."intake_responses"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_links" ADD CONSTRAINT "intake_links_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_links" ADD CONSTRAINT "intake_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_links" ADD CONSTRAINT "intake_links_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_links" ADD CONSTRAINT "intake_links_clinic_id_intake_id_intake_responses_clinic_id_id_fk" FOREIGN KEY ("clinic_id","intake_id") REFERENCES "public"."intake_responses"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_responses" ADD CONSTRAINT "intake_responses_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_responses" ADD CONSTRAINT "intake_responses_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_responses" ADD CONSTRAINT "intake_responses_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_responses" ADD CONSTRAINT "intake_responses_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_clearances" ADD CONSTRAINT "safety_clearances_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_clearances" ADD CONSTRAINT "safety_clearances_physician_user_id_users_id_fk" FOREIGN KEY ("physician_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_clearances" ADD CONSTRAINT "safety_clearances_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_clearances" ADD CONSTRAINT "safety_clearances_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_clearances" ADD CONSTRAINT "safety_clearances_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_clearances" ADD CONSTRAINT "safety_clearances_clinic_id_attachment_id_attachments_clinic_id_id_fk" FOREIGN KEY ("clinic_id","attachment_id") REFERENCES "public"."attachments"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "health_history_confirmations_patient_idx" ON "health_history_confirmations" USING btree ("clinic_id","patient_id","id");--> statement-breakpoint
CREATE INDEX "intake_links_intake_idx" ON "intake_links" USING btree ("clinic_id","intake_id");--> statement-breakpoint
CREATE UNIQUE INDEX "intake_responses_version_unique" ON "intake_responses" USING btree ("clinic_id","patient_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "intake_responses_one_draft" ON "intake_responses" USING btree ("clinic_id","patient_id") WHERE "intake_responses"."status" = 'draft';--> statement-breakpoint
CREATE INDEX "intake_responses_patient_idx" ON "intake_responses" USING btree ("clinic_id","patient_id","id");--> statement-breakpoint
CREATE INDEX "safety_clearances_patient_idx" ON "safety_clearances" USING btree ("clinic_id","patient_id","id");