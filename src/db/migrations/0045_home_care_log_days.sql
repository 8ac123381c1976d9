DROP INDEX "home_care_logs_day_unique";--> statement-breakpoint
ALTER TABLE "home_care_logs" ADD COLUMN "occurrence" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "home_care_logs_occurrence_unique" ON "home_care_logs" USING btree ("clinic_id","patient_id","exercise_id","performed_on","occurrence");--> statement-breakpoint
ALTER TABLE "home_care_logs" ADD CONSTRAINT "home_care_logs_occurrence" CHECK ("home_care_logs"."occurrence" >= 1);