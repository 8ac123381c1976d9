import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useClinic } from '../../app/session.tsx';
import { Field } from '../../components/Field.tsx';
import { formatDay } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { LoadError, Loading } from '../../components/Status.tsx';
import { clinical } from '../patients/api.ts';
import { todayIn } from '../patients/labels.tsx';
import { isMinor } from '../patients/PatientFields.tsx';
import { type PatientTarget, ReferralForm } from '../referrals/ReferralForm.tsx';
import '../patients/clinical.css';

const EMPTY = {
  legalFirstName: '',
  legalLastName: '',
  preferredName: '',
  pronouns: '',
  dateOfBirth: '',
  phone: '',
  email: '',
  guardianName: '',
  guardianPhone: '',
};

/** A physician's e-referral, for one of their patients or a new patient, signed with their typed name. */
export function PhysicianReferralPage() {
  const clinic = useClinic();
  const navigate = useNavigate();
  const id = useId();
  const [params] = useSearchParams();
  const today = todayIn(clinic.timeZone);
  const patients = useQuery({
    queryKey: ['patients', clinic.id, '', 'physician'],
    queryFn: () => clinical.searchPatients(clinic.id, '', undefined, 100),
  });
  const [choice, setChoice] = useState<'existing' | 'new'>(params.get('patientId') ? 'existing' : 'new');
  const [patientId, setPatientId] = useState(params.get('patientId') ?? '');
  const [np, setNp] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const minor = isMinor(np.dateOfBirth, today);
  const set = (key: keyof typeof EMPTY) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setNp({ ...np, [key]: e.target.value });
  const e = (field: string) => errors[`newPatient.${field}`];

  if (patients.isPending) return <Loading />;
  if (patients.isError) return <LoadError error={patients.error} retry={() => patients.refetch()} />;
  const mine = patients.data.items;
  const chosen = mine.find((p) => p.id === patientId);
  const blank = (s: string) => s.trim() || undefined;
  const target: PatientTarget | null =
    choice === 'existing'
      ? chosen
        ? { patientId: chosen.id, label: `${chosen.displayName}, born ${formatDay(chosen.dateOfBirth)}` }
        : null
      : {
          label: `${np.preferredName || np.legalFirstName} ${np.legalLastName} (new patient), born ${np.dateOfBirth || '—'}`,
          newPatient: {
            legalFirstName: np.legalFirstName,
            legalLastName: np.legalLastName,
            preferredName: blank(np.preferredName),
            pronouns: blank(np.pronouns),
            dateOfBirth: np.dateOfBirth,
            phone: blank(np.phone),
            email: blank(np.email),
            guardian:
              minor && np.guardianName.trim()
                ? { name: np.guardianName, phone: blank(np.guardianPhone) }
                : undefined,
          },
        };

  return (
    <Page
      title="New e-referral"
      intro={<p>Refer a patient to {clinic.name}. You sign the referral electronically.</p>}
    >
      <fieldset className="form card">
        <legend>Patient</legend>
        <div className="radio-row" role="radiogroup" aria-label="Which patient">
          <label className="radio">
            <input
              type="radio"
              name={`${id}-choice`}
              checked={choice === 'new'}
              onChange={() => setChoice('new')}
            />{' '}
            A new patient
          </label>
          <label className="radio">
            <input
              type="radio"
              name={`${id}-choice`}
              checked={choice === 'existing'}
              disabled={mine.length === 0}
              onChange={() => setChoice('existing')}
            />{' '}
            One of my patients
          </label>
        </div>
        {choice === 'existing' ? (
          <Field label="My patient" error={errors.patientId}>
            {(p) => (
              <select {...p} value={patientId} onChange={(ev) => setPatientId(ev.target.value)}>
                <option value="">Choose…</option>
                {mine.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.displayName}
                    {m.pronouns ? ` (${m.pronouns})` : ''} · born {formatDay(m.dateOfBirth)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : (
          <div className="field-grid">
            <Field label="Legal first name" error={e('legalFirstName')}>
              {(p) => <input {...p} value={np.legalFirstName} onChange={set('legalFirstName')} />}
            </Field>
            <Field label="Legal last name" error={e('legalLastName')}>
              {(p) => <input {...p} value={np.legalLastName} onChange={set('legalLastName')} />}
            </Field>
            <Field label="Preferred name" error={e('preferredName')}>
              {(p) => <input {...p} value={np.preferredName} onChange={set('preferredName')} />}
            </Field>
            <Field label="Pronouns" hint="e.g. she/her, they/them" error={e('pronouns')}>
              {(p) => <input {...p} value={np.pronouns} onChange={set('pronouns')} />}
            </Field>
            <Field label="Date of birth" error={e('dateOfBirth')}>
              {(p) => (
                <input {...p} type="date" max={today} value={np.dateOfBirth} onChange={set('dateOfBirth')} />
              )}
            </Field>
            <Field label="Patient phone" error={e('phone')}>
              {(p) => <input {...p} type="tel" value={np.phone} onChange={set('phone')} />}
            </Field>
            <Field label="Patient e-mail" error={e('email')}>
              {(p) => <input {...p} type="email" value={np.email} onChange={set('email')} />}
            </Field>
            {minor ? (
              <>
                <Field
                  label="Parent or guardian"
                  hint="Required: the patient is under 18"
                  error={e('guardian') ?? e('guardian.name')}
                >
                  {(p) => <input {...p} value={np.guardianName} onChange={set('guardianName')} />}
                </Field>
                <Field label="Guardian phone" error={e('guardian.phone')}>
                  {(p) => (
                    <input {...p} type="tel" value={np.guardianPhone} onChange={set('guardianPhone')} />
                  )}
                </Field>
              </>
            ) : null}
          </div>
        )}
      </fieldset>
      <ReferralForm
        mode="electronic"
        patient={target}
        patientError={setErrors}
        onCreated={(referral, notice) =>
          navigate(`/physician/patients/${referral.patientId}`, { state: { notice } })
        }
      />
    </Page>
  );
}
