-- A signed report to the physician is kept as it is, like a signed note (patient_id may still change on a
-- merge): the same trigger function as session notes and assessments (migration clinical_records_locked).
CREATE TRIGGER clinical_reports_signed_locked BEFORE UPDATE OR DELETE ON clinical_reports
  FOR EACH ROW EXECUTE FUNCTION palpa_signed_record_locked();
--> statement-breakpoint
-- The accounting of disclosures is append-only.
CREATE TRIGGER disclosures_append_only BEFORE UPDATE OR DELETE ON disclosures
  FOR EACH ROW EXECUTE FUNCTION palpa_clinical_append_only();
--> statement-breakpoint
-- A delivery records who received a report and when; afterwards only the e-mail sent (once) and the
-- opening (first opening kept) may be recorded.
CREATE OR REPLACE FUNCTION palpa_report_delivery_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF NOT palpa_clinical_purging(OLD.clinic_id) THEN
      RAISE EXCEPTION 'report_deliveries: a delivery is kept: DELETE refused' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
  END IF;
  IF (to_jsonb(NEW) - '{opened_at,last_opened_at,open_count,email_id}'::text[])
     IS DISTINCT FROM (to_jsonb(OLD) - '{opened_at,last_opened_at,open_count,email_id}'::text[])
     OR (OLD.opened_at IS NOT NULL AND NEW.opened_at IS DISTINCT FROM OLD.opened_at)
     OR (OLD.email_id IS NOT NULL AND NEW.email_id IS DISTINCT FROM OLD.email_id) THEN
    RAISE EXCEPTION 'report_deliveries: only the opening of a delivery is recorded: UPDATE refused'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER report_deliveries_kept BEFORE UPDATE OR DELETE ON report_deliveries
  FOR EACH ROW EXECUTE FUNCTION palpa_report_delivery_kept();
