-- Health history is never overwritten and clearances are never deleted: the database itself refuses it.
-- patient_id may still change, so a patient merge re-points records without losing them; a merged-in
-- version is then renumbered after the survivor's versions (its version number changes with its patient).
-- Everything it says (answers, signature, who and when) stays as it was.
CREATE OR REPLACE FUNCTION palpa_intake_version_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'submitted' THEN
      RAISE EXCEPTION 'intake_responses: a submitted health-history version is kept as it is: DELETE refused'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'submitted' AND (
    (NEW.clinic_id, NEW.id, NEW.questionnaire_version, NEW.kind, NEW.status, NEW.answers,
        CASE WHEN NEW.patient_id IS DISTINCT FROM OLD.patient_id THEN OLD.version ELSE NEW.version END,
        NEW.started_by, NEW.saved_at, NEW.submitted_at, NEW.submitted_by, NEW.submitted_via,
        NEW.consent_typed_name, NEW.consent_signed_at, NEW.consent_text_version, NEW.consent_text_hash,
        NEW.created_at)
      IS DISTINCT FROM
       (OLD.clinic_id, OLD.id, OLD.questionnaire_version, OLD.kind, OLD.status, OLD.answers, OLD.version,
        OLD.started_by, OLD.saved_at, OLD.submitted_at, OLD.submitted_by, OLD.submitted_via,
        OLD.consent_typed_name, OLD.consent_signed_at, OLD.consent_text_version, OLD.consent_text_hash,
        OLD.created_at)
  ) THEN
    RAISE EXCEPTION 'intake_responses: a submitted health-history version is kept as it is: UPDATE refused'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER intake_responses_version_kept BEFORE UPDATE OR DELETE ON intake_responses
  FOR EACH ROW EXECUTE FUNCTION palpa_intake_version_kept();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION palpa_confirmation_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'health_history_confirmations are kept as they are: DELETE refused'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (NEW.clinic_id, NEW.id, NEW.version_id, NEW.confirmed_at, NEW.confirmed_by, NEW.confirmed_via, NEW.note)
      IS DISTINCT FROM (OLD.clinic_id, OLD.id, OLD.version_id, OLD.confirmed_at, OLD.confirmed_by, OLD.confirmed_via, OLD.note)
  THEN
    RAISE EXCEPTION 'health_history_confirmations are kept as they are: UPDATE refused'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER health_history_confirmations_kept BEFORE UPDATE OR DELETE ON health_history_confirmations
  FOR EACH ROW EXECUTE FUNCTION palpa_confirmation_kept();
--> statement-breakpoint
-- A clearance is never deleted; the only change is revoking it once (revoked_at, revoked_by, revoke_reason).
CREATE OR REPLACE FUNCTION palpa_clearance_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'safety_clearances are never deleted, only revoked: DELETE refused'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (OLD.revoked_at IS NOT NULL AND (NEW.revoked_at, NEW.revoked_by, NEW.revoke_reason)
        IS DISTINCT FROM (OLD.revoked_at, OLD.revoked_by, OLD.revoke_reason))
    OR (NEW.clinic_id, NEW.id, NEW.rule_ids, NEW.regions, NEW.techniques, NEW.physician_name, NEW.physician_user_id,
        NEW.recorded_by, NEW.recorded_via, NEW.cleared_on, NEW.expires_on, NEW.attachment_id, NEW.note, NEW.created_at)
      IS DISTINCT FROM
       (OLD.clinic_id, OLD.id, OLD.rule_ids, OLD.regions, OLD.techniques, OLD.physician_name, OLD.physician_user_id,
        OLD.recorded_by, OLD.recorded_via, OLD.cleared_on, OLD.expires_on, OLD.attachment_id, OLD.note, OLD.created_at)
  THEN
    RAISE EXCEPTION 'safety_clearances are never changed, only revoked once: UPDATE refused'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER safety_clearances_kept BEFORE UPDATE OR DELETE ON safety_clearances
  FOR EACH ROW EXECUTE FUNCTION palpa_clearance_kept();
