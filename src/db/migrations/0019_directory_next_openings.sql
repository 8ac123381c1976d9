CREATE TABLE "therapist_next_openings" (
	"clinic_id" uuid NOT NULL,
	"therapist_id" uuid NOT NULL,
	"openings" timestamp with time zone[] DEFAULT '{}' NOT NULL,
	"complete" boolean DEFAULT false NOT NULL,
	"span_start" timestamp with time zone,
	"span_end" timestamp with time zone,
	"min_notice_minutes" integer DEFAULT 0 NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"refresh_at" timestamp with time zone NOT NULL,
	"fresh_until" timestamp with time zone NOT NULL,
	"stale" boolean DEFAULT true NOT NULL,
	CONSTRAINT "therapist_next_openings_clinic_id_therapist_id_pk" PRIMARY KEY("clinic_id","therapist_id"),
	CONSTRAINT "therapist_next_openings_count" CHECK (cardinality("therapist_next_openings"."openings") <= 64),
	CONSTRAINT "therapist_next_openings_span" CHECK (("therapist_next_openings"."span_start" is null) = (cardinality("therapist_next_openings"."openings") = 0) and ("therapist_next_openings"."span_end" is null) = ("therapist_next_openings"."span_start" is null)),
	CONSTRAINT "therapist_next_openings_notice" CHECK ("therapist_next_openings"."min_notice_minutes" >= 0)
);
--> statement-breakpoint
ALTER TABLE "therapist_next_openings" ADD CONSTRAINT "therapist_next_openings_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "therapist_next_openings" ADD CONSTRAINT "therapist_next_openings_clinic_id_therapist_id_therapist_profiles_clinic_id_user_id_fk" FOREIGN KEY ("clinic_id","therapist_id") REFERENCES "public"."therapist_profiles"("clinic_id","user_id") ON DELETE no action ON UPDATE no action;