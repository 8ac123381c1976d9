import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { messageOf } from '../../api/client.ts';
import { scheduling } from '../../api/scheduling.ts';
import { Field } from '../../components/Field.tsx';
import { formatDay } from '../../components/format.ts';
import './calendar.css';

/**
 * "Find the patient" for the front desk (booking, the waitlist): name, phone, e-mail or birth date, searched as
 * the desk types, and the patients found as a radio list with their birth date to tell namesakes apart.
 */
export function PatientSearch({
  clinicId,
  chosenId,
  onChoose,
  error,
}: {
  clinicId: string;
  chosenId: string;
  onChoose: (patient: { id: string; displayName: string }) => void;
  error?: string;
}) {
  const [query, setQuery] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(query.trim()), 250);
    return () => clearTimeout(timer);
  }, [query]);
  const patients = useQuery({
    queryKey: ['patient-search', clinicId, debounced],
    queryFn: () => scheduling.patients(clinicId, debounced),
    enabled: debounced.length >= 2,
  });
  return (
    <>
      <Field label="Find the patient" hint="Name, phone, e-mail or birth date" error={error}>
        {(p) => (
          <input
            {...p}
            type="search"
            autoComplete="off"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        )}
      </Field>
      {debounced.length >= 2 ? (
        <fieldset className="patient-results">
          <legend>Patients found</legend>
          {patients.isPending ? (
            <p className="muted">Searching…</p>
          ) : patients.isError ? (
            <p className="field-error">{messageOf(patients.error)}</p>
          ) : patients.data.items.length === 0 ? (
            <p className="muted">No patient matches “{debounced}”.</p>
          ) : (
            patients.data.items.map((patient) => (
              <div className="checkbox" key={patient.id}>
                <input
                  type="radio"
                  name="patient"
                  id={`patient-${patient.id}`}
                  checked={chosenId === patient.id}
                  onChange={() => onChoose(patient)}
                />
                <label htmlFor={`patient-${patient.id}`}>
                  {patient.displayName}
                  {patient.dateOfBirth ? (
                    <span className="muted"> · born {formatDay(patient.dateOfBirth)}</span>
                  ) : null}
                </label>
              </div>
            ))
          )}
        </fieldset>
      ) : null}
    </>
  );
}
