-- A patient-portal invitation points at a patient of the same clinic (composite key: never another clinic).
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_patient_fk"
  FOREIGN KEY ("clinic_id", "patient_id") REFERENCES "patients" ("clinic_id", "id");
