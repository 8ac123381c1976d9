ALTER TABLE "clinical_amendments" ADD COLUMN "contraindication_override" jsonb;--> statement-breakpoint
ALTER TABLE "session_notes" ADD COLUMN "contraindication_override" jsonb;--> statement-breakpoint
CREATE INDEX "clinical_amendments_override_idx" ON "clinical_amendments" USING btree ("clinic_id","at") WHERE "clinical_amendments"."contraindication_override" is not null;--> statement-breakpoint
CREATE INDEX "session_notes_override_idx" ON "session_notes" USING btree ("clinic_id","signed_at") WHERE "session_notes"."contraindication_override" is not null;--> statement-breakpoint
ALTER TABLE "session_notes" ADD CONSTRAINT "session_notes_override_signed" CHECK ("session_notes"."contraindication_override" is null or "session_notes"."status" = 'signed');