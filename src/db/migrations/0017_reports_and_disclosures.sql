CREATE TABLE "clinical_reports" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"referral_id" uuid,
	"plan_id" uuid,
	"kind" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"content" jsonb NOT NULL,
	"author_id" uuid NOT NULL,
	"signed_at" timestamp with time zone,
	"signature_typed_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clinical_reports_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "clinical_reports_kind" CHECK ("clinical_reports"."kind" in ('progress_report', 'discharge_summary')),
	CONSTRAINT "clinical_reports_period" CHECK ("clinical_reports"."period_end" >= "clinical_reports"."period_start"),
	CONSTRAINT "clinical_reports_signed_complete" CHECK (("clinical_reports"."status" = 'draft' and "clinical_reports"."signed_at" is null) or ("clinical_reports"."status" = 'signed' and "clinical_reports"."signed_at" is not null and length("clinical_reports"."signature_typed_name") > 0))
);
--> statement-breakpoint
CREATE TABLE "disclosures" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"disclosed_at" timestamp with time zone NOT NULL,
	"recipient_name" text NOT NULL,
	"recipient_user_id" uuid,
	"description" text NOT NULL,
	"purpose" text NOT NULL,
	"source_type" text NOT NULL,
	"source_id" uuid,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disclosures_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "disclosures_text" CHECK (length("disclosures"."recipient_name") > 0 and length("disclosures"."description") > 0)
);
--> statement-breakpoint
CREATE TABLE "home_care_logs" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"plan_id" uuid,
	"exercise_id" text NOT NULL,
	"performed_on" date NOT NULL,
	"done" boolean NOT NULL,
	"sets" integer,
	"note" text,
	"logged_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "home_care_logs_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "home_care_logs_sets" CHECK ("home_care_logs"."sets" is null or "home_care_logs"."sets" between 0 and 50)
);
--> statement-breakpoint
CREATE TABLE "records_requests" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"requested_on" date NOT NULL,
	"requester_name" text NOT NULL,
	"requester_relationship" text NOT NULL,
	"format" text NOT NULL,
	"deliver_to" text,
	"notes" text,
	"due_on" date NOT NULL,
	"extended_due_on" date,
	"extension_reason" text,
	"extended_at" timestamp with time zone,
	"status" text DEFAULT 'open' NOT NULL,
	"fulfilled_at" timestamp with time zone,
	"fulfilled_by" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "records_requests_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "records_requests_due" CHECK ("records_requests"."due_on" = "records_requests"."requested_on" + 30),
	CONSTRAINT "records_requests_extension" CHECK (("records_requests"."extended_due_on" is null and "records_requests"."extension_reason" is null) or ("records_requests"."extended_due_on" = "records_requests"."due_on" + 30 and length("records_requests"."extension_reason") > 0)),
	CONSTRAINT "records_requests_fulfilled" CHECK (("records_requests"."status" = 'open') = ("records_requests"."fulfilled_at" is null))
);
--> statement-breakpoint
CREATE TABLE "report_deliveries" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"recipient_user_id" uuid NOT NULL,
	"delivered_at" timestamp with time zone NOT NULL,
	"delivered_by" uuid,
	"email_id" uuid,
	"opened_at" timestamp with time zone,
	"last_opened_at" timestamp with time zone,
	"open_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_deliveries_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
ALTER TABLE "clinical_reports" ADD CONSTRAINT "clinical_reports_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_reports" ADD CONSTRAINT "clinical_reports_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_reports" ADD CONSTRAINT "clinical_reports_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_reports" ADD CONSTRAINT "clinical_reports_clinic_id_referral_id_referrals_clinic_id_id_fk" FOREIGN KEY ("clinic_id","referral_id") REFERENCES "public"."referrals"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_reports" ADD CONSTRAINT "clinical_reports_clinic_id_plan_id_treatment_plans_clinic_id_id_fk" FOREIGN KEY ("clinic_id","plan_id") REFERENCES "public"."treatment_plans"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "home_care_logs" ADD CONSTRAINT "home_care_logs_logged_by_users_id_fk" FOREIGN KEY ("logged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "home_care_logs" ADD CONSTRAINT "home_care_logs_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "home_care_logs" ADD CONSTRAINT "home_care_logs_clinic_id_plan_id_treatment_plans_clinic_id_id_fk" FOREIGN KEY ("clinic_id","plan_id") REFERENCES "public"."treatment_plans"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "records_requests" ADD CONSTRAINT "records_requests_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "records_requests" ADD CONSTRAINT "records_requests_fulfilled_by_users_id_fk" FOREIGN KEY ("fulfilled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "records_requests" ADD CONSTRAINT "records_requests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "records_requests" ADD CONSTRAINT "records_requests_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_deliveries" ADD CONSTRAINT "report_deliveries_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_deliveries" ADD CONSTRAINT "report_deliveries_delivered_by_users_id_fk" FOREIGN KEY ("delivered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_deliveries" ADD CONSTRAINT "report_deliveries_clinic_id_report_id_clinical_reports_clinic_id_id_fk" FOREIGN KEY ("clinic_id","report_id") REFERENCES "public"."clinical_reports"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clinical_reports_patient_idx" ON "clinical_reports" USING btree ("clinic_id","patient_id","id");--> statement-breakpoint
CREATE INDEX "disclosures_patient_idx" ON "disclosures" USING btree ("clinic_id","patient_id","disclosed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "home_care_logs_day_unique" ON "home_care_logs" USING btree ("clinic_id","patient_id","exercise_id","performed_on");--> statement-breakpoint
CREATE INDEX "records_requests_status_idx" ON "records_requests" USING btree ("clinic_id","status","due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "report_deliveries_recipient_unique" ON "report_deliveries" USING btree ("clinic_id","report_id","recipient_user_id");--> statement-breakpoint
CREATE INDEX "report_deliveries_recipient_idx" ON "report_deliveries" USING btree ("clinic_id","recipient_user_id");