DROP INDEX "patients_first_key_idx";--> statement-breakpoint
DROP INDEX "patients_last_key_idx";--> statement-breakpoint
DROP INDEX "patients_last_word_key_idx";--> statement-breakpoint
DROP INDEX "patients_preferred_key_idx";--> statement-breakpoint
DROP INDEX "patients_email_key_idx";--> statement-breakpoint
DROP INDEX "patients_phone_key_idx";--> statement-breakpoint
CREATE INDEX "patients_first_key_idx" ON "patients" USING btree ("clinic_id","first_key" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "patients_last_key_idx" ON "patients" USING btree ("clinic_id","last_key" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "patients_last_word_key_idx" ON "patients" USING btree ("clinic_id","last_word_key" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "patients_preferred_key_idx" ON "patients" USING btree ("clinic_id","preferred_key" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "patients_email_key_idx" ON "patients" USING btree ("clinic_id","email_key" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "patients_phone_key_idx" ON "patients" USING btree ("clinic_id","phone_key" text_pattern_ops,"id");