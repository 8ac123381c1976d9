CREATE TABLE "treatment_plan_drafts" (
	"clinic_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"plan_id" uuid,
	"author_id" uuid NOT NULL,
	"content" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "treatment_plan_drafts_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "treatment_plan_drafts_one_per_author" UNIQUE NULLS NOT DISTINCT("clinic_id","patient_id","author_id","plan_id")
);
--> statement-breakpoint
ALTER TABLE "treatment_plan_drafts" ADD CONSTRAINT "treatment_plan_drafts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_plan_drafts" ADD CONSTRAINT "treatment_plan_drafts_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_plan_drafts" ADD CONSTRAINT "treatment_plan_drafts_clinic_id_plan_id_treatment_plans_clinic_id_id_fk" FOREIGN KEY ("clinic_id","plan_id") REFERENCES "public"."treatment_plans"("clinic_id","id") ON DELETE no action ON UPDATE no action;