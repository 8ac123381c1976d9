ALTER TABLE "patients" ADD COLUMN "address" jsonb;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "insurance" jsonb;