CREATE TABLE "referral_claims" (
	"clinic_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"carrier" text,
	"claim_number" text,
	"adjuster_name" text,
	"adjuster_phone" text,
	"employer" text,
	"first_contact_date" date,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_claims_clinic_id_referral_id_pk" PRIMARY KEY("clinic_id","referral_id")
);
--> statement-breakpoint
ALTER TABLE "referral_claims" ADD CONSTRAINT "referral_claims_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_claims" ADD CONSTRAINT "referral_claims_clinic_id_referral_id_referrals_clinic_id_id_fk" FOREIGN KEY ("clinic_id","referral_id") REFERENCES "public"."referrals"("clinic_id","id") ON DELETE no action ON UPDATE no action;