ALTER TABLE "clinics" ADD COLUMN "tax_id" text;--> statement-breakpoint
ALTER TABLE "clinics" ADD COLUMN "npi" text;--> statement-breakpoint
ALTER TABLE "clinics" ADD CONSTRAINT "clinics_tax_id" CHECK ("clinics"."tax_id" ~ '^[0-9]{2}-[0-9]{7}$');--> statement-breakpoint
ALTER TABLE "clinics" ADD CONSTRAINT "clinics_npi" CHECK ("clinics"."npi" ~ '^[0-9]{10}$');