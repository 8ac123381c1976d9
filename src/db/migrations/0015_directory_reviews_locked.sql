-- A patient's review is their words: the database refuses to change them or delete the review. Only `status`
-- may change (published ↔ hidden), and the app does that only with a logged moderation decision.
CREATE OR REPLACE FUNCTION palpa_review_words_locked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'reviews cannot be deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.body IS DISTINCT FROM OLD.body OR NEW.rating IS DISTINCT FROM OLD.rating
     OR NEW.therapist_id IS DISTINCT FROM OLD.therapist_id OR NEW.patient_id IS DISTINCT FROM OLD.patient_id
     OR NEW.appointment_id IS DISTINCT FROM OLD.appointment_id OR NEW.course_key IS DISTINCT FROM OLD.course_key
     OR NEW.clinic_id IS DISTINCT FROM OLD.clinic_id OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
    RAISE EXCEPTION 'a review''s words cannot be changed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER reviews_words_locked BEFORE UPDATE OR DELETE ON reviews
  FOR EACH ROW EXECUTE FUNCTION palpa_review_words_locked();
--> statement-breakpoint
-- Moderation decisions are a log: append-only.
CREATE OR REPLACE FUNCTION palpa_refuse_moderation_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'review_moderation_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER review_moderation_log_no_change BEFORE UPDATE OR DELETE ON review_moderation_log
  FOR EACH ROW EXECUTE FUNCTION palpa_refuse_moderation_log_change();
