-- No double-booking, ever: a therapist, and a room, can never hold two overlapping live appointments.
-- The blocked interval is the treatment plus the service buffers ([blocked_start, blocked_end), half-open, so
-- back-to-back bookings touch without overlapping). btree_gist (migration 0001) lets gist compare clinic_id
-- and the user/room uuids with "=". Cancelled and no-show appointments free the time.
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_no_therapist_overlap"
  EXCLUDE USING gist (
    "clinic_id" WITH =,
    "therapist_id" WITH =,
    tstzrange("blocked_start", "blocked_end", '[)') WITH &&
  ) WHERE ("status" IN ('booked', 'confirmed', 'checked_in', 'completed'));
--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_no_room_overlap"
  EXCLUDE USING gist (
    "clinic_id" WITH =,
    "room_id" WITH =,
    tstzrange("blocked_start", "blocked_end", '[)') WITH &&
  ) WHERE ("status" IN ('booked', 'confirmed', 'checked_in', 'completed'));
--> statement-breakpoint
-- A job that claims a lease finishes in the same transaction as its effect; the worker looks up due jobs here.
CREATE INDEX IF NOT EXISTS "jobs_lease_idx" ON "jobs" ("locked_until") WHERE "status" = 'pending';
