ALTER TABLE "attachments" ALTER COLUMN "uploaded_by" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "intake_link_id" uuid;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_clinic_id_intake_link_id_intake_links_clinic_id_id_fk" FOREIGN KEY ("clinic_id","intake_link_id") REFERENCES "public"."intake_links"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploader" CHECK (("attachments"."uploaded_by" is null) <> ("attachments"."intake_link_id" is null));