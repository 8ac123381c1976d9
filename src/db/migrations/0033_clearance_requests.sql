CREATE TABLE "clearance_requests" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"rule_ids" text[] NOT NULL,
	"provider_id" uuid NOT NULL,
	"question" text NOT NULL,
	"requested_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clearance_requests_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "clearance_requests_has_rule" CHECK (cardinality("clearance_requests"."rule_ids") >= 1),
	CONSTRAINT "clearance_requests_question" CHECK (length("clearance_requests"."question") between 1 and 2000)
);
--> statement-breakpoint
ALTER TABLE "clearance_requests" ADD CONSTRAINT "clearance_requests_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clearance_requests" ADD CONSTRAINT "clearance_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clearance_requests" ADD CONSTRAINT "clearance_requests_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clearance_requests" ADD CONSTRAINT "clearance_requests_clinic_id_provider_id_referring_providers_clinic_id_id_fk" FOREIGN KEY ("clinic_id","provider_id") REFERENCES "public"."referring_providers"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clearance_requests_patient_idx" ON "clearance_requests" USING btree ("clinic_id","patient_id","id");--> statement-breakpoint
CREATE INDEX "clearance_requests_provider_idx" ON "clearance_requests" USING btree ("clinic_id","provider_id");--> statement-breakpoint
-- A clearance request is kept as sent: only a patient merge moves it, and only removing a whole clinic deletes it.
CREATE OR REPLACE FUNCTION palpa_clearance_request_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF NOT palpa_clinical_purging(OLD.clinic_id) THEN
      RAISE EXCEPTION 'clearance_requests: a request is kept as sent: DELETE refused' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
  END IF;
  IF (to_jsonb(NEW) - 'patient_id') IS DISTINCT FROM (to_jsonb(OLD) - 'patient_id') THEN
    RAISE EXCEPTION 'clearance_requests: a request is kept as sent: UPDATE refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER clearance_requests_kept BEFORE UPDATE OR DELETE ON clearance_requests
  FOR EACH ROW EXECUTE FUNCTION palpa_clearance_request_kept();
