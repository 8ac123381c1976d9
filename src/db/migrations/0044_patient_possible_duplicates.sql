CREATE TABLE "patient_possible_duplicates" (
	"clinic_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"existing_patient_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dismissed_at" timestamp with time zone,
	"dismissed_by" uuid,
	CONSTRAINT "patient_possible_duplicates_pk" PRIMARY KEY("clinic_id","patient_id","existing_patient_id"),
	CONSTRAINT "patient_possible_duplicates_pair" CHECK ("patient_possible_duplicates"."patient_id" <> "patient_possible_duplicates"."existing_patient_id")
);
--> statement-breakpoint
ALTER TABLE "patient_possible_duplicates" ADD CONSTRAINT "patient_possible_duplicates_dismissed_by_users_id_fk" FOREIGN KEY ("dismissed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_possible_duplicates" ADD CONSTRAINT "patient_possible_duplicates_patient_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_possible_duplicates" ADD CONSTRAINT "patient_possible_duplicates_existing_fk" FOREIGN KEY ("clinic_id","existing_patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "patient_possible_duplicates_existing_idx" ON "patient_possible_duplicates" USING btree ("clinic_id","existing_patient_id");