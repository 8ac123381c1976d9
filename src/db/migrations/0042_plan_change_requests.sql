CREATE TABLE "treatment_plan_change_requests" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"physician_user_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	CONSTRAINT "treatment_plan_change_requests_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "treatment_plan_change_requests_reason" CHECK (length("treatment_plan_change_requests"."reason") between 1 and 2000)
);
--> statement-breakpoint
ALTER TABLE "treatment_plan_change_requests" ADD CONSTRAINT "treatment_plan_change_requests_physician_user_id_users_id_fk" FOREIGN KEY ("physician_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_plan_change_requests" ADD CONSTRAINT "treatment_plan_change_requests_version_fk" FOREIGN KEY ("clinic_id","plan_id","version") REFERENCES "public"."treatment_plan_versions"("clinic_id","plan_id","version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "treatment_plan_change_requests_version_idx" ON "treatment_plan_change_requests" USING btree ("clinic_id","plan_id","version","requested_at");--> statement-breakpoint
-- A physician's answer is a clinical record: kept as written, like plan signatures (0010_clinical_records_locked).
CREATE TRIGGER treatment_plan_change_requests_append_only BEFORE UPDATE OR DELETE ON treatment_plan_change_requests
  FOR EACH ROW EXECUTE FUNCTION palpa_clinical_append_only();
