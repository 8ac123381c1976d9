-- The directory's stored next openings (therapist_next_openings) are marked stale by the database itself, in
-- the statement that changes what they depend on: no extra round trip for a booking, and no code path (API,
-- demo seeding, import) can forget it.
--
-- Races: a change takes its clinic's advisory lock (shared, until its transaction ends) before marking; a
-- refresh takes it exclusively without waiting (pg_try_advisory_xact_lock, skipping a busy clinic). So a
-- refresh never reads data older than a change whose mark it then overwrites, and a change that waits for a
-- refresh evaluates its condition against the refreshed row.
CREATE OR REPLACE FUNCTION palpa_next_openings_lock_key(p_clinic uuid) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$
  SELECT hashtextextended('palpa.next_openings:' || p_clinic::text, 0);
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION palpa_next_openings_invalidate(p_clinic uuid, p_therapist uuid) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(palpa_next_openings_lock_key(p_clinic));
  UPDATE therapist_next_openings SET stale = true
  WHERE clinic_id = p_clinic AND (p_therapist IS NULL OR therapist_id = p_therapist) AND NOT stale;
END;
$$;
--> statement-breakpoint
-- Bookings. A live appointment (booked, confirmed, checked in, completed) only removes time, so it can only
-- take a stored start: rows whose padded span overlaps its blocked interval are stale (any therapist of the
-- clinic, as the room it takes may have been the one a colleague's start needed). Freeing time (cancelled,
-- no-show, moved, deleted) can only add starts: a start earlier than the last one listed (or, for a complete
-- list, anywhere) whose padded interval overlaps the freed one. Starts are never before computed_at (minus at
-- most 60 minutes of buffer), so freeing time that ended before then changes nothing (a no-show marked after
-- the visit, for one).
CREATE OR REPLACE FUNCTION palpa_next_openings_appointment_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_live boolean := false;
  new_live boolean := false;
  moved boolean := false;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    old_live := OLD.status IN ('booked', 'confirmed', 'checked_in', 'completed');
  END IF;
  IF TG_OP <> 'DELETE' THEN
    new_live := NEW.status IN ('booked', 'confirmed', 'checked_in', 'completed');
  END IF;
  IF TG_OP = 'UPDATE' THEN
    moved := NEW.clinic_id IS DISTINCT FROM OLD.clinic_id OR NEW.therapist_id IS DISTINCT FROM OLD.therapist_id
      OR NEW.room_id IS DISTINCT FROM OLD.room_id OR NEW.blocked_start IS DISTINCT FROM OLD.blocked_start
      OR NEW.blocked_end IS DISTINCT FROM OLD.blocked_end;
  END IF;
  IF old_live AND (NOT new_live OR moved) THEN
    PERFORM pg_advisory_xact_lock_shared(palpa_next_openings_lock_key(OLD.clinic_id));
    UPDATE therapist_next_openings SET stale = true
    WHERE clinic_id = OLD.clinic_id AND NOT stale
      AND OLD.blocked_end > computed_at - interval '60 minutes'
      AND (complete OR OLD.blocked_start < span_end);
  END IF;
  IF new_live AND (NOT old_live OR moved) THEN
    PERFORM pg_advisory_xact_lock_shared(palpa_next_openings_lock_key(NEW.clinic_id));
    UPDATE therapist_next_openings SET stale = true
    WHERE clinic_id = NEW.clinic_id AND NOT stale
      AND span_start < NEW.blocked_end AND span_end > NEW.blocked_start;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER appointments_next_openings AFTER INSERT OR DELETE OR UPDATE OF status, clinic_id, therapist_id, room_id, blocked_start, blocked_end
  ON appointments FOR EACH ROW EXECUTE FUNCTION palpa_next_openings_appointment_changed();
--> statement-breakpoint
-- Set-up: TG_ARGV[0] names the clinic column; TG_ARGV[1], when given, the therapist column (a change that
-- concerns one therapist), otherwise the whole clinic's rows are stale (rules, services, rooms, time zone).
CREATE OR REPLACE FUNCTION palpa_next_openings_setup_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_row jsonb;
  new_row jsonb;
  old_therapist uuid;
  new_therapist uuid;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    old_row := to_jsonb(OLD);
    IF TG_NARGS > 1 THEN old_therapist := (old_row ->> TG_ARGV[1])::uuid; END IF;
    PERFORM palpa_next_openings_invalidate((old_row ->> TG_ARGV[0])::uuid, old_therapist);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    new_row := to_jsonb(NEW);
    IF TG_NARGS > 1 THEN new_therapist := (new_row ->> TG_ARGV[1])::uuid; END IF;
    IF old_row IS NULL OR (old_row ->> TG_ARGV[0]) IS DISTINCT FROM (new_row ->> TG_ARGV[0])
       OR old_therapist IS DISTINCT FROM new_therapist THEN
      PERFORM palpa_next_openings_invalidate((new_row ->> TG_ARGV[0])::uuid, new_therapist);
    END IF;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER scheduling_settings_next_openings AFTER INSERT OR DELETE OR UPDATE OF min_notice_minutes, max_days_ahead, slot_granularity_minutes
  ON scheduling_settings FOR EACH ROW EXECUTE FUNCTION palpa_next_openings_setup_changed('clinic_id');
--> statement-breakpoint
CREATE TRIGGER services_next_openings AFTER INSERT OR DELETE OR UPDATE OF duration_minutes, buffer_before_minutes, buffer_after_minutes, online_bookable, required_equipment, room_ids, archived_at
  ON services FOR EACH ROW EXECUTE FUNCTION palpa_next_openings_setup_changed('clinic_id');
--> statement-breakpoint
CREATE TRIGGER rooms_next_openings AFTER INSERT OR DELETE OR UPDATE OF location_id, equipment, sort_order, archived_at
  ON rooms FOR EACH ROW EXECUTE FUNCTION palpa_next_openings_setup_changed('clinic_id');
--> statement-breakpoint
CREATE TRIGGER clinics_next_openings AFTER UPDATE OF time_zone
  ON clinics FOR EACH ROW EXECUTE FUNCTION palpa_next_openings_setup_changed('id');
--> statement-breakpoint
CREATE TRIGGER service_therapists_next_openings AFTER INSERT OR DELETE OR UPDATE
  ON service_therapists FOR EACH ROW EXECUTE FUNCTION palpa_next_openings_setup_changed('clinic_id', 'therapist_id');
--> statement-breakpoint
CREATE TRIGGER therapist_hours_next_openings AFTER INSERT OR DELETE OR UPDATE
  ON therapist_hours FOR EACH ROW EXECUTE FUNCTION palpa_next_openings_setup_changed('clinic_id', 'therapist_id');
--> statement-breakpoint
CREATE TRIGGER therapist_breaks_next_openings AFTER INSERT OR DELETE OR UPDATE
  ON therapist_breaks FOR EACH ROW EXECUTE FUNCTION palpa_next_openings_setup_changed('clinic_id', 'therapist_id');
--> statement-breakpoint
CREATE TRIGGER therapist_exceptions_next_openings AFTER INSERT OR DELETE OR UPDATE
  ON therapist_exceptions FOR EACH ROW EXECUTE FUNCTION palpa_next_openings_setup_changed('clinic_id', 'therapist_id');
--> statement-breakpoint
CREATE TRIGGER memberships_next_openings AFTER INSERT OR DELETE OR UPDATE OF role, disabled_at
  ON memberships FOR EACH ROW EXECUTE FUNCTION palpa_next_openings_setup_changed('clinic_id', 'user_id');
