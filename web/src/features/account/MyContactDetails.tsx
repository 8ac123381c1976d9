import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { patientContact } from '../../../../src/modules/patients/schemas.ts';
import { api } from '../../api/client.ts';
import { useClinic } from '../../app/session.tsx';
import { applyApiError } from '../../components/forms.ts';
import { Alert, LiveMessage, LoadError, Loading } from '../../components/Status.tsx';
import { patientPath } from '../body-chart/api.ts';
import { clinical, type Patient } from '../patients/api.ts';
import { todayIn } from '../patients/labels.tsx';
import {
  CONTACT_FIELDS,
  changedFields,
  formValuesOf,
  PatientContactFields,
  type PatientFormValues,
  requestResolver,
  toRequest,
} from '../patients/PatientFields.tsx';

type Contact = z.output<typeof patientContact>;

/** The contact part of the form's values, as the API reads it. */
function contactOf(values: PatientFormValues, today: string): Contact {
  const { email, phone, contactPreferences, emergencyContact, address, insurance } = toRequest(values, today);
  return { email, phone, contactPreferences, emergencyContact, address, insurance };
}

/**
 * A patient keeps how the clinic reaches them, their address and insurance up to date, and chooses whether to
 * get appointment reminders; the clinic's record changes with it (audited). Their name and date of birth stay
 * with the front desk.
 */
export function MyContactDetails({ patientId }: { patientId: string }) {
  const clinic = useClinic();
  const record = useQuery({
    queryKey: ['patient', clinic.id, patientId],
    queryFn: () => clinical.patient(clinic.id, patientId),
  });
  if (record.isPending) return <Loading />;
  if (record.isError) return <LoadError error={record.error} retry={() => record.refetch()} />;
  return <ContactForm patient={record.data} />;
}

function ContactForm({ patient }: { patient: Patient }) {
  const clinic = useClinic();
  const queryClient = useQueryClient();
  const today = todayIn(clinic.timeZone);
  const [initial, setInitial] = useState(() => formValuesOf(patient));
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const resolver = requestResolver<Contact>(patientContact, (values) => contactOf(values, today));
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<PatientFormValues, unknown, Contact>({ resolver, defaultValues: initial });

  const save = handleSubmit(async (values) => {
    setFormError(null);
    setSaved(null);
    const changes = changedFields(contactOf(initial, today), values);
    if (Object.keys(changes).length === 0) {
      setSaved('Nothing was changed.');
      return;
    }
    try {
      const updated = await api<Patient>(`${patientPath(clinic.id, patient.id)}/contact`, {
        method: 'PATCH',
        body: changes,
      });
      queryClient.setQueryData(['patient', clinic.id, patient.id], updated);
      const next = formValuesOf(updated);
      setInitial(next);
      reset(next);
      setSaved('Your contact details are saved.');
    } catch (error) {
      setFormError(applyApiError(error, setError, CONTACT_FIELDS));
    }
  });

  return (
    <form className="form" noValidate onSubmit={save} aria-label="Your contact details">
      <Alert>{formError}</Alert>
      <PatientContactFields register={register} errors={errors} self />
      <div className="form-actions">
        <button type="submit" className="button" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : 'Save contact details'}
        </button>
      </div>
      <LiveMessage message={saved} />
    </form>
  );
}
