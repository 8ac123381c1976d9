-- Signed clinical records are never changed and never deleted: corrections are amendments (their own rows).
-- patient_id may still change, so a patient merge moves records without losing them.
-- Escape hatch for removing a whole clinic (demo refresh): SET LOCAL palpa.purge_clinic = '<clinic id>'
-- allows DELETE of that clinic's rows, nothing else.
CREATE OR REPLACE FUNCTION palpa_clinical_purging(clinic uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('palpa.purge_clinic', true), '') = clinic::text
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION palpa_signed_record_locked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'signed' AND NOT palpa_clinical_purging(OLD.clinic_id) THEN
      RAISE EXCEPTION '%: a signed record is kept as it is: DELETE refused', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'signed' AND (to_jsonb(NEW) - 'patient_id') IS DISTINCT FROM (to_jsonb(OLD) - 'patient_id') THEN
    RAISE EXCEPTION '%: a signed record is kept as it is (amend it instead): UPDATE refused', TG_TABLE_NAME
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER session_notes_signed_locked BEFORE UPDATE OR DELETE ON session_notes
  FOR EACH ROW EXECUTE FUNCTION palpa_signed_record_locked();
--> statement-breakpoint
CREATE TRIGGER assessments_signed_locked BEFORE UPDATE OR DELETE ON assessments
  FOR EACH ROW EXECUTE FUNCTION palpa_signed_record_locked();
--> statement-breakpoint
-- Plan versions, plan signatures, amendments and addenda are append-only (patient_id may move on merge).
CREATE OR REPLACE FUNCTION palpa_clinical_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF NOT palpa_clinical_purging(OLD.clinic_id) THEN
      RAISE EXCEPTION '%: rows are kept as they are: DELETE refused', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
  END IF;
  IF (to_jsonb(NEW) - 'patient_id') IS DISTINCT FROM (to_jsonb(OLD) - 'patient_id') THEN
    RAISE EXCEPTION '%: rows are kept as they are (a change is a new row): UPDATE refused', TG_TABLE_NAME
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER treatment_plan_versions_append_only BEFORE UPDATE OR DELETE ON treatment_plan_versions
  FOR EACH ROW EXECUTE FUNCTION palpa_clinical_append_only();
--> statement-breakpoint
CREATE TRIGGER treatment_plan_signatures_append_only BEFORE UPDATE OR DELETE ON treatment_plan_signatures
  FOR EACH ROW EXECUTE FUNCTION palpa_clinical_append_only();
--> statement-breakpoint
CREATE TRIGGER clinical_amendments_append_only BEFORE UPDATE OR DELETE ON clinical_amendments
  FOR EACH ROW EXECUTE FUNCTION palpa_clinical_append_only();
--> statement-breakpoint
CREATE TRIGGER clinical_addenda_append_only BEFORE UPDATE OR DELETE ON clinical_addenda
  FOR EACH ROW EXECUTE FUNCTION palpa_clinical_append_only();
