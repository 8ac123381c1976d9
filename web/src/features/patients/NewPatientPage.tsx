import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useClinic } from '../../app/session.tsx';
import { formatDay } from '../../components/format.ts';
import { applyApiError } from '../../components/forms.ts';
import { Page } from '../../components/Page.tsx';
import { Alert } from '../../components/Status.tsx';
import { clinical, type PatientSummary } from './api.ts';
import { PatientName, todayIn } from './labels.tsx';
import {
  emptyPatient,
  PATIENT_FIELDS,
  PatientFields,
  type PatientOutput,
  usePatientForm,
} from './PatientFields.tsx';
import './clinical.css';

/** 409 possible_duplicate carries `details.candidates`. */
export function duplicateCandidates(error: unknown): PatientSummary[] | null {
  if (!(error instanceof ApiError) || error.code !== 'possible_duplicate') return null;
  const details = error.details as { candidates?: PatientSummary[] } | undefined;
  return details?.candidates ?? [];
}

export function NewPatientPage() {
  const clinic = useClinic();
  const navigate = useNavigate();
  const today = todayIn(clinic.timeZone);
  const [formError, setFormError] = useState<string | null>(null);
  const [candidates, setCandidates] = useState<PatientSummary[] | null>(null);
  const [pending, setPending] = useState<PatientOutput | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    minor,
    formState: { errors, isSubmitting },
  } = usePatientForm(emptyPatient, today);

  async function create(values: PatientOutput, confirmNotDuplicate = false) {
    setFormError(null);
    try {
      const created = await clinical.createPatient(clinic.id, { ...values, confirmNotDuplicate });
      navigate(`/patients/${created.id}`, { state: { notice: `${created.displayName} was added.` } });
    } catch (error) {
      const dupes = duplicateCandidates(error);
      if (dupes) {
        setCandidates(dupes);
        setPending(values);
        return;
      }
      setFormError(applyApiError(error, setError, PATIENT_FIELDS));
    }
  }

  return (
    <Page
      title="New patient"
      intro={<p>Fields marked “required” must be filled in; everything else can wait.</p>}
    >
      <form className="form" noValidate onSubmit={handleSubmit((values) => create(values))}>
        <Alert>{formError}</Alert>
        {candidates ? (
          <div className="alert alert-warning" role="alert">
            <h2 className="alert-title">This may be a patient you already have</h2>
            <p>
              {candidates.length === 1 ? 'A patient' : `${candidates.length} patients`} with the same name and
              date of birth {candidates.length === 1 ? 'is' : 'are'} on file. Open the record instead, or
              confirm this is a different person.
            </p>
            <ul className="candidate-list">
              {candidates.map((c) => (
                <li key={c.id}>
                  <Link to={`/patients/${c.id}`}>
                    <PatientName patient={c} />
                  </Link>{' '}
                  <span className="muted">
                    · born {formatDay(c.dateOfBirth)}
                    {c.phone ? ` · ${c.phone}` : ''}
                    {c.email ? ` · ${c.email}` : ''}
                  </span>
                </li>
              ))}
            </ul>
            <div className="form-actions">
              <button
                type="button"
                className="button button-secondary"
                disabled={isSubmitting}
                onClick={() => pending && create(pending, true)}
              >
                It’s a different person: create the record
              </button>
              <button type="button" className="link-button" onClick={() => setCandidates(null)}>
                Back to the form
              </button>
            </div>
          </div>
        ) : null}
        <PatientFields register={register} control={control} errors={errors} minor={minor} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={isSubmitting}>
            {isSubmitting ? 'Saving…' : 'Create patient'}
          </button>
          <Link to="/patients">Cancel</Link>
        </div>
      </form>
    </Page>
  );
}
