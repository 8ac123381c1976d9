ALTER TABLE "safety_clearances" ADD COLUMN "answer" text DEFAULT 'cleared' NOT NULL;--> statement-breakpoint
ALTER TABLE "safety_clearances" ADD COLUMN "limits" text;--> statement-breakpoint
ALTER TABLE "safety_clearances" ADD CONSTRAINT "safety_clearances_answer_valid" CHECK ("safety_clearances"."answer" in ('cleared', 'cleared-with-limits', 'not-cleared'));--> statement-breakpoint
ALTER TABLE "safety_clearances" ADD CONSTRAINT "safety_clearances_limits" CHECK (("safety_clearances"."answer" = 'cleared-with-limits' and length("safety_clearances"."limits") > 0) or ("safety_clearances"."answer" <> 'cleared-with-limits' and "safety_clearances"."limits" is null));--> statement-breakpoint
ALTER TABLE "safety_clearances" ADD CONSTRAINT "safety_clearances_refusal_no_expiry" CHECK ("safety_clearances"."answer" <> 'not-cleared' or "safety_clearances"."expires_on" is null);--> statement-breakpoint
-- The answer and its limits are part of the record: like every other column, only revoking may change a row.
CREATE OR REPLACE FUNCTION palpa_clearance_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'safety_clearances are never deleted, only revoked: DELETE refused'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (OLD.revoked_at IS NOT NULL AND (NEW.revoked_at, NEW.revoked_by, NEW.revoke_reason)
        IS DISTINCT FROM (OLD.revoked_at, OLD.revoked_by, OLD.revoke_reason))
    OR (NEW.clinic_id, NEW.id, NEW.rule_ids, NEW.regions, NEW.techniques, NEW.physician_name, NEW.physician_user_id,
        NEW.recorded_by, NEW.recorded_via, NEW.cleared_on, NEW.expires_on, NEW.attachment_id, NEW.note, NEW.created_at,
        NEW.answer, NEW.limits)
      IS DISTINCT FROM
       (OLD.clinic_id, OLD.id, OLD.rule_ids, OLD.regions, OLD.techniques, OLD.physician_name, OLD.physician_user_id,
        OLD.recorded_by, OLD.recorded_via, OLD.cleared_on, OLD.expires_on, OLD.attachment_id, OLD.note, OLD.created_at,
        OLD.answer, OLD.limits)
  THEN
    RAISE EXCEPTION 'safety_clearances are never changed, only revoked once: UPDATE refused'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
