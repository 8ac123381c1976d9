CREATE TABLE "payments" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"appointment_id" uuid,
	"amount_cents" integer NOT NULL,
	"method" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"reference" text,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"voided_at" timestamp with time zone,
	"voided_by" uuid,
	"void_reason" text,
	CONSTRAINT "payments_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "payments_amount" CHECK ("payments"."amount_cents" > 0 and "payments"."amount_cents" <= 10000000),
	CONSTRAINT "payments_method" CHECK ("payments"."method" in ('card', 'cash', 'check', 'hsa_fsa', 'insurance', 'other')),
	CONSTRAINT "payments_void_complete" CHECK (("payments"."voided_at" is null) = ("payments"."voided_by" is null) and ("payments"."voided_at" is null) = ("payments"."void_reason" is null))
);
--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_voided_by_users_id_fk" FOREIGN KEY ("voided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_clinic_id_appointment_id_appointments_clinic_id_id_fk" FOREIGN KEY ("clinic_id","appointment_id") REFERENCES "public"."appointments"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payments_patient_idx" ON "payments" USING btree ("clinic_id","patient_id","received_at");--> statement-breakpoint
CREATE INDEX "payments_appointment_idx" ON "payments" USING btree ("clinic_id","appointment_id");--> statement-breakpoint
-- A payment is kept as it was taken: it may only be voided (once, with who and why) or follow its patient
-- in a merge. Deleting one is refused except when a whole clinic is removed (palpa_clinical_purging).
CREATE OR REPLACE FUNCTION palpa_payment_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF NOT palpa_clinical_purging(OLD.clinic_id) THEN
      RAISE EXCEPTION 'payments: a payment is kept (void it instead): DELETE refused' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
  END IF;
  IF (to_jsonb(NEW) - '{patient_id,voided_at,voided_by,void_reason}'::text[])
     IS DISTINCT FROM (to_jsonb(OLD) - '{patient_id,voided_at,voided_by,void_reason}'::text[])
     OR (OLD.voided_at IS NOT NULL AND (to_jsonb(NEW) - 'patient_id') IS DISTINCT FROM (to_jsonb(OLD) - 'patient_id')) THEN
    RAISE EXCEPTION 'payments: a payment is only ever voided: UPDATE refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER payments_kept BEFORE UPDATE OR DELETE ON payments
  FOR EACH ROW EXECUTE FUNCTION palpa_payment_kept();
