import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router';
import { type PatientPatch, patientCreate } from '../../../../src/modules/patients/schemas.ts';
import { useClinic } from '../../app/session.tsx';
import { applyApiError } from '../../components/forms.ts';
import { Page } from '../../components/Page.tsx';
import { Alert, LoadError, Loading } from '../../components/Status.tsx';
import { clinical, type Patient } from './api.ts';
import { todayIn } from './labels.tsx';
import {
  emptyPatient,
  isMinor,
  PATIENT_FIELDS,
  PatientFields,
  type PatientFormValues,
  type PatientOutput,
  patientResolver,
  toRequest,
} from './PatientFields.tsx';
import { usePatientTitle } from './usePatientTitle.ts';
import './clinical.css';

/** The form's values for a record as stored (an absent value is an empty box). */
function formValuesOf(p: Patient): PatientFormValues {
  const person = (c: Patient['guardian']) => ({
    name: c?.name ?? '',
    relationship: c?.relationship ?? '',
    phone: c?.phone ?? '',
    email: c?.email ?? '',
  });
  return {
    ...emptyPatient,
    legalFirstName: p.legalFirstName,
    legalLastName: p.legalLastName,
    preferredName: p.preferredName ?? '',
    pronouns: p.pronouns ?? '',
    sexAssignedAtBirth: p.sexAssignedAtBirth ?? '',
    genderIdentity: p.genderIdentity ?? '',
    dateOfBirth: p.dateOfBirth,
    language: p.language,
    email: p.email ?? '',
    phone: p.phone ?? '',
    contactPreferences: {
      channel: p.contactPreferences?.channel ?? '',
      reminders: p.contactPreferences?.reminders ?? true,
    },
    emergencyContact: person(p.emergencyContact),
    guardian: person(p.guardian),
    notes: p.notes ?? '',
  };
}

/** Only what changed, with an emptied field sent as null (PATCH clears it). */
export function changedFields(before: PatientOutput, after: PatientOutput): PatientPatch {
  const patch: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof PatientOutput>) {
    if (key === 'confirmNotDuplicate') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) patch[key] = after[key] ?? null;
  }
  return patch as PatientPatch;
}

/** Correct a patient's details: name, identity, contact, emergency contact, guardian, notes. */
export function EditPatientPage() {
  const clinic = useClinic();
  const { patientId = '' } = useParams();
  const titled = usePatientTitle(patientId);
  const patient = useQuery({
    queryKey: ['patient', clinic.id, patientId],
    queryFn: () => clinical.patient(clinic.id, patientId),
  });
  return (
    <Page title={titled('Edit details')} intro={<Link to={`/patients/${patientId}`}>Back to the chart</Link>}>
      {patient.isPending ? (
        <Loading />
      ) : patient.isError ? (
        <LoadError error={patient.error} retry={() => patient.refetch()} />
      ) : patient.data.mergedIntoId ? (
        <Alert tone="warning">
          This record was merged: change the{' '}
          <Link to={`/patients/${patient.data.mergedIntoId}`}>surviving record</Link> instead.
        </Alert>
      ) : (
        <EditForm patient={patient.data} />
      )}
    </Page>
  );
}

function EditForm({ patient }: { patient: Patient }) {
  const clinic = useClinic();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const today = todayIn(clinic.timeZone);
  const initial = formValuesOf(patient);
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<PatientFormValues, unknown, PatientOutput>({
    resolver: patientResolver(today),
    defaultValues: initial,
  });
  const minor = isMinor(watch('dateOfBirth'), today);

  const save = handleSubmit(async (values) => {
    setFormError(null);
    // Compared as the server reads them (trimmed, normalised), so an untouched field is never sent.
    const before = patientCreate.safeParse(toRequest(initial, today));
    const patch = changedFields(
      before.success ? before.data : (toRequest(initial, today) as PatientOutput),
      values,
    );
    if (Object.keys(patch).length === 0) {
      setFormError('Nothing was changed.');
      return;
    }
    try {
      const updated = await clinical.updatePatient(clinic.id, patient.id, patch);
      queryClient.setQueryData(['patient', clinic.id, patient.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['chart', clinic.id, patient.id] });
      navigate(`/patients/${patient.id}`, {
        state: { notice: `${updated.displayName}’s details were saved.` },
      });
    } catch (error) {
      setFormError(applyApiError(error, setError, PATIENT_FIELDS));
    }
  });

  return (
    <form className="form" noValidate onSubmit={save} aria-label="Patient details">
      <Alert>{formError}</Alert>
      <PatientFields register={register} errors={errors} minor={minor} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : 'Save details'}
        </button>
        <Link to={`/patients/${patient.id}`}>Cancel</Link>
      </div>
    </form>
  );
}
