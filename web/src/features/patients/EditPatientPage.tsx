import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { type PatientPatch, patientCreate } from '../../../../src/modules/patients/schemas.ts';
import { useClinic } from '../../app/session.tsx';
import { applyApiError } from '../../components/forms.ts';
import { Page } from '../../components/Page.tsx';
import { Alert, LoadError, Loading } from '../../components/Status.tsx';
import { clinical, type Patient } from './api.ts';
import { todayIn } from './labels.tsx';
import {
  changedFields,
  formValuesOf,
  PATIENT_FIELDS,
  PatientFields,
  type PatientOutput,
  toRequest,
  usePatientForm,
} from './PatientFields.tsx';
import { usePatientTitle } from './usePatientTitle.ts';
import './clinical.css';

/** Correct a patient's details: name, identity, contact, address, insurance, emergency contact, guardian, notes. */
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
    control,
    handleSubmit,
    setError,
    minor,
    formState: { errors, isSubmitting },
  } = usePatientForm(initial, today);

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
      // The values passed the same schema, so each changed field holds what the API takes (or null).
      const updated = await clinical.updatePatient(clinic.id, patient.id, patch as PatientPatch);
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
      <PatientFields register={register} control={control} errors={errors} minor={minor} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : 'Save details'}
        </button>
        <Link to={`/patients/${patient.id}`}>Cancel</Link>
      </div>
    </form>
  );
}
