ALTER TABLE "credentials" DROP CONSTRAINT "credentials_kind";--> statement-breakpoint
CREATE UNIQUE INDEX "credentials_one_npi" ON "credentials" USING btree ("clinic_id","therapist_id") WHERE "credentials"."kind" = 'npi';--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_npi_number" CHECK ("credentials"."kind" <> 'npi' or "credentials"."number" ~ '^[0-9]{10}$');--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_kind" CHECK ("credentials"."kind" in ('state_license', 'camtc', 'ncbtmb', 'other_certification', 'npi'));