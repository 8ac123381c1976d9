CREATE TABLE "appointment_series" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"referral_id" uuid,
	"occurrences" integer NOT NULL,
	"warnings_acknowledged" jsonb,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointment_series_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "appointments" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"therapist_id" uuid NOT NULL,
	"room_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone NOT NULL,
	"buffer_before_minutes" integer DEFAULT 0 NOT NULL,
	"buffer_after_minutes" integer DEFAULT 0 NOT NULL,
	"blocked_start" timestamp with time zone NOT NULL,
	"blocked_end" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"booked_by" uuid NOT NULL,
	"booked_via" text NOT NULL,
	"series_id" uuid,
	"referral_id" uuid,
	"confirmed_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"session_note_id" text,
	"no_show_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" uuid,
	"cancelled_by_role" text,
	"cancellation_reason" text,
	"cancelled_late" boolean,
	"rescheduled_to" uuid,
	"rescheduled_from" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointments_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "appointments_status" CHECK ("appointments"."status" in ('booked', 'confirmed', 'checked_in', 'completed', 'cancelled', 'no_show')),
	CONSTRAINT "appointments_order" CHECK ("appointments"."end_at" > "appointments"."start_at"),
	CONSTRAINT "appointments_blocked" CHECK ("appointments"."blocked_start" = "appointments"."start_at" - make_interval(mins => "appointments"."buffer_before_minutes") and "appointments"."blocked_end" = "appointments"."end_at" + make_interval(mins => "appointments"."buffer_after_minutes")),
	CONSTRAINT "appointments_cancel_complete" CHECK (("appointments"."status" = 'cancelled') = ("appointments"."cancelled_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"therapist_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"include_patient_names" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "calendar_feeds_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "calendar_feeds_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"clinic_id" uuid,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"dedupe_key" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"run_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 6 NOT NULL,
	"locked_until" timestamp with time zone,
	"locked_by" text,
	"last_error" text,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jobs_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "rooms" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"name" text NOT NULL,
	"equipment" text[] DEFAULT '{}' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rooms_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "scheduling_settings" (
	"clinic_id" uuid PRIMARY KEY NOT NULL,
	"min_notice_minutes" integer DEFAULT 120 NOT NULL,
	"max_days_ahead" integer DEFAULT 60 NOT NULL,
	"slot_granularity_minutes" integer DEFAULT 15 NOT NULL,
	"late_cancellation_hours" integer DEFAULT 24 NOT NULL,
	"reminder_offsets_minutes" integer[] DEFAULT '{2880,120}' NOT NULL,
	"what_to_bring" text,
	"self_care_tips" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scheduling_settings_notice" CHECK ("scheduling_settings"."min_notice_minutes" between 0 and 20160),
	CONSTRAINT "scheduling_settings_ahead" CHECK ("scheduling_settings"."max_days_ahead" between 1 and 365),
	CONSTRAINT "scheduling_settings_grid" CHECK ("scheduling_settings"."slot_granularity_minutes" in (5, 10, 15, 20, 30, 60)),
	CONSTRAINT "scheduling_settings_late" CHECK ("scheduling_settings"."late_cancellation_hours" between 0 and 168)
);
--> statement-breakpoint
CREATE TABLE "service_therapists" (
	"clinic_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"therapist_id" uuid NOT NULL,
	CONSTRAINT "service_therapists_clinic_id_service_id_therapist_id_pk" PRIMARY KEY("clinic_id","service_id","therapist_id")
);
--> statement-breakpoint
CREATE TABLE "services" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"duration_minutes" integer NOT NULL,
	"buffer_before_minutes" integer DEFAULT 0 NOT NULL,
	"buffer_after_minutes" integer DEFAULT 0 NOT NULL,
	"price_cents" integer DEFAULT 0 NOT NULL,
	"kind" text NOT NULL,
	"online_bookable" boolean DEFAULT true NOT NULL,
	"required_equipment" text[] DEFAULT '{}' NOT NULL,
	"room_ids" uuid[] DEFAULT '{}' NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "services_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "services_duration" CHECK ("services"."duration_minutes" between 15 and 180 and "services"."duration_minutes" % 5 = 0),
	CONSTRAINT "services_buffers" CHECK ("services"."buffer_before_minutes" between 0 and 60 and "services"."buffer_after_minutes" between 0 and 60),
	CONSTRAINT "services_price" CHECK ("services"."price_cents" >= 0),
	CONSTRAINT "services_kind" CHECK ("services"."kind" in ('new_patient', 'follow_up'))
);
--> statement-breakpoint
CREATE TABLE "therapist_breaks" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"therapist_id" uuid NOT NULL,
	"weekday" integer NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	CONSTRAINT "therapist_breaks_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "therapist_breaks_weekday" CHECK ("therapist_breaks"."weekday" between 1 and 7),
	CONSTRAINT "therapist_breaks_start" CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
	CONSTRAINT "therapist_breaks_end" CHECK (end_time ~ '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$')
);
--> statement-breakpoint
CREATE TABLE "therapist_exceptions" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"therapist_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"start_time" text,
	"end_time" text,
	"location_id" uuid,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "therapist_exceptions_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "therapist_exceptions_kind" CHECK ("therapist_exceptions"."kind" in ('time_off', 'holiday', 'extra_hours')),
	CONSTRAINT "therapist_exceptions_dates" CHECK ("therapist_exceptions"."end_date" >= "therapist_exceptions"."start_date"),
	CONSTRAINT "therapist_exceptions_extra_complete" CHECK ("therapist_exceptions"."kind" <> 'extra_hours' or ("therapist_exceptions"."location_id" is not null and "therapist_exceptions"."start_time" is not null and "therapist_exceptions"."end_time" is not null and "therapist_exceptions"."end_date" = "therapist_exceptions"."start_date"))
);
--> statement-breakpoint
CREATE TABLE "therapist_hours" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"therapist_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"weekday" integer NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	CONSTRAINT "therapist_hours_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "therapist_hours_weekday" CHECK ("therapist_hours"."weekday" between 1 and 7),
	CONSTRAINT "therapist_hours_start" CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
	CONSTRAINT "therapist_hours_end" CHECK (end_time ~ '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$')
);
--> statement-breakpoint
CREATE TABLE "waitlist_entries" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"therapist_id" uuid,
	"location_id" uuid,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"created_by" uuid NOT NULL,
	"appointment_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "waitlist_entries_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "waitlist_entries_window" CHECK ("waitlist_entries"."to_date" >= "waitlist_entries"."from_date")
);
--> statement-breakpoint
CREATE TABLE "waitlist_offers" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"opening_id" uuid NOT NULL,
	"therapist_id" uuid NOT NULL,
	"room_id" uuid NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"appointment_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "waitlist_offers_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
ALTER TABLE "appointment_series" ADD CONSTRAINT "appointment_series_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_series" ADD CONSTRAINT "appointment_series_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_series" ADD CONSTRAINT "appointment_series_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_series" ADD CONSTRAINT "appointment_series_clinic_id_service_id_services_clinic_id_id_fk" FOREIGN KEY ("clinic_id","service_id") REFERENCES "public"."services"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_series" ADD CONSTRAINT "appointment_series_clinic_id_referral_id_referrals_clinic_id_id_fk" FOREIGN KEY ("clinic_id","referral_id") REFERENCES "public"."referrals"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_therapist_id_users_id_fk" FOREIGN KEY ("therapist_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_booked_by_users_id_fk" FOREIGN KEY ("booked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_cancelled_by_users_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_clinic_id_service_id_services_clinic_id_id_fk" FOREIGN KEY ("clinic_id","service_id") REFERENCES "public"."services"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_clinic_id_room_id_rooms_clinic_id_id_fk" FOREIGN KEY ("clinic_id","room_id") REFERENCES "public"."rooms"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_clinic_id_location_id_locations_clinic_id_id_fk" FOREIGN KEY ("clinic_id","location_id") REFERENCES "public"."locations"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_clinic_id_series_id_appointment_series_clinic_id_id_fk" FOREIGN KEY ("clinic_id","series_id") REFERENCES "public"."appointment_series"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_clinic_id_referral_id_referrals_clinic_id_id_fk" FOREIGN KEY ("clinic_id","referral_id") REFERENCES "public"."referrals"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_clinic_id_rescheduled_from_appointments_clinic_id_id_fk" FOREIGN KEY ("clinic_id","rescheduled_from") REFERENCES "public"."appointments"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_therapist_id_users_id_fk" FOREIGN KEY ("therapist_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_clinic_id_location_id_locations_clinic_id_id_fk" FOREIGN KEY ("clinic_id","location_id") REFERENCES "public"."locations"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheduling_settings" ADD CONSTRAINT "scheduling_settings_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_therapists" ADD CONSTRAINT "service_therapists_therapist_id_users_id_fk" FOREIGN KEY ("therapist_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_therapists" ADD CONSTRAINT "service_therapists_clinic_id_service_id_services_clinic_id_id_fk" FOREIGN KEY ("clinic_id","service_id") REFERENCES "public"."services"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "therapist_breaks" ADD CONSTRAINT "therapist_breaks_therapist_id_users_id_fk" FOREIGN KEY ("therapist_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "therapist_exceptions" ADD CONSTRAINT "therapist_exceptions_therapist_id_users_id_fk" FOREIGN KEY ("therapist_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "therapist_exceptions" ADD CONSTRAINT "therapist_exceptions_clinic_id_location_id_locations_clinic_id_id_fk" FOREIGN KEY ("clinic_id","location_id") REFERENCES "public"."locations"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "therapist_hours" ADD CONSTRAINT "therapist_hours_therapist_id_users_id_fk" FOREIGN KEY ("therapist_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "therapist_hours" ADD CONSTRAINT "therapist_hours_clinic_id_location_id_locations_clinic_id_id_fk" FOREIGN KEY ("clinic_id","location_id") REFERENCES "public"."locations"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_therapist_id_users_id_fk" FOREIGN KEY ("therapist_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_clinic_id_service_id_services_clinic_id_id_fk" FOREIGN KEY ("clinic_id","service_id") REFERENCES "public"."services"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_offers" ADD CONSTRAINT "waitlist_offers_therapist_id_users_id_fk" FOREIGN KEY ("therapist_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_offers" ADD CONSTRAINT "waitlist_offers_clinic_id_entry_id_waitlist_entries_clinic_id_id_fk" FOREIGN KEY ("clinic_id","entry_id") REFERENCES "public"."waitlist_entries"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appointments_therapist_time_idx" ON "appointments" USING btree ("clinic_id","therapist_id","start_at");--> statement-breakpoint
CREATE INDEX "appointments_room_time_idx" ON "appointments" USING btree ("clinic_id","room_id","start_at");--> statement-breakpoint
CREATE INDEX "appointments_time_idx" ON "appointments" USING btree ("clinic_id","start_at");--> statement-breakpoint
CREATE INDEX "appointments_patient_idx" ON "appointments" USING btree ("clinic_id","patient_id","start_at");--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_rescheduled_from_unique" ON "appointments" USING btree ("clinic_id","rescheduled_from");--> statement-breakpoint
CREATE INDEX "calendar_feeds_therapist_idx" ON "calendar_feeds" USING btree ("clinic_id","therapist_id");--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "jobs" USING btree ("run_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "jobs_clinic_idx" ON "jobs" USING btree ("clinic_id");--> statement-breakpoint
CREATE INDEX "service_therapists_therapist_idx" ON "service_therapists" USING btree ("clinic_id","therapist_id");--> statement-breakpoint
CREATE INDEX "therapist_breaks_therapist_idx" ON "therapist_breaks" USING btree ("clinic_id","therapist_id");--> statement-breakpoint
CREATE INDEX "therapist_exceptions_range_idx" ON "therapist_exceptions" USING btree ("clinic_id","therapist_id","end_date");--> statement-breakpoint
CREATE INDEX "therapist_hours_therapist_idx" ON "therapist_hours" USING btree ("clinic_id","therapist_id");--> statement-breakpoint
CREATE INDEX "waitlist_entries_waiting_idx" ON "waitlist_entries" USING btree ("clinic_id","status","from_date");--> statement-breakpoint
CREATE INDEX "waitlist_offers_opening_idx" ON "waitlist_offers" USING btree ("clinic_id","opening_id");