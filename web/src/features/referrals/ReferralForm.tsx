import { useId, useRef, useState } from 'react';
import {
  INJURY_CAUSES,
  type InjuryCause,
  injuryText,
  US_STATE_CODES,
} from '../../../../src/domain/catalog/injury.ts';
import { referralInput } from '../../../../src/modules/referrals/schemas.ts';
import { messageOf } from '../../api/client.ts';
import { useClinic, useSession } from '../../app/session.tsx';
import { Field } from '../../components/Field.tsx';
import { formatDay } from '../../components/format.ts';
import { Alert } from '../../components/Status.tsx';
import {
  clinical,
  fileProblem,
  type Provider,
  type Referral,
  type ReferralInput,
  uploadAttachment,
} from '../patients/api.ts';
import { siteName, techniqueName, todayIn } from '../patients/labels.tsx';
import { DiagnosisPicker, type DiagnosisRow } from './DiagnosisPicker.tsx';
import { DocumentsOnFile } from './DocumentsOnFile.tsx';
import { ProviderPicker } from './ProviderPicker.tsx';
import { apiErrors, type FormErrors, noErrors, zodErrors } from './referral-errors.ts';
import { ServicesFields } from './ServicesFields.tsx';
import { SignatureBox } from './SignatureBox.tsx';

export type PatientTarget =
  | { patientId: string; label: string }
  | { newPatient: ReferralInput['newPatient']; label: string };

const num = (v: string) => (v.trim() === '' ? undefined : Number(v));

/**
 * A referral: a paper one recorded by staff (provider required, the scanned prescription attached) or an
 * e-referral a physician signs with their typed name. The server's schema checks it first; server errors go
 * next to their fields, and a refused header code offers its billable children as replacements.
 */
export function ReferralForm({
  mode,
  patient,
  patientError,
  documentId,
  onCreated,
}: {
  mode: 'paper' | 'electronic';
  /** Who the referral is for; null while the physician has not chosen. */
  patient: PatientTarget | null;
  patientError?: (errors: Record<string, string>) => void;
  /** A document on file to file with the referral (ticked at first): the prescription the patient sent. */
  documentId?: string;
  onCreated: (referral: Referral, notice: string) => void;
}) {
  const clinic = useClinic();
  const { me } = useSession();
  const id = useId();
  const today = todayIn(clinic.timeZone);
  const [provider, setProvider] = useState<Provider | null>(null);
  const [diagnoses, setDiagnoses] = useState<DiagnosisRow[]>([]);
  const [techniques, setTechniques] = useState<string[]>([]);
  const [regions, setRegions] = useState<string[]>([]);
  const [v, setV] = useState({
    referralDate: today,
    frequencyPerWeek: '',
    durationWeeks: '',
    authorizedVisits: '',
    sessionMinutes: '',
    precautions: '',
    validFrom: today,
    validUntil: '',
    injuryCause: '' as InjuryCause | '',
    injuryDate: '',
    accidentState: '',
  });
  const [typedName, setTypedName] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const file = useRef<HTMLInputElement>(null);
  const [onFile, setOnFile] = useState<string[]>(documentId ? [documentId] : []);
  const set =
    (key: keyof typeof v) =>
    (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
      setV({ ...v, [key]: e.target.value });
  const injury = v.injuryCause
    ? {
        cause: v.injuryCause,
        date: v.injuryDate,
        state: v.injuryCause === 'auto_accident' ? v.accidentState || undefined : undefined,
      }
    : undefined;
  const err = (path: string) => errors.fields[path];

  function body(): ReferralInput {
    return {
      ...(patient && 'patientId' in patient ? { patientId: patient.patientId } : {}),
      ...(patient && 'newPatient' in patient ? { newPatient: patient.newPatient } : {}),
      providerId: mode === 'paper' ? provider?.id : undefined,
      referralDate: v.referralDate,
      diagnoses: diagnoses.map((d) => ({
        code: d.code,
        laterality: (d.laterality || undefined) as 'left' | undefined,
      })),
      techniques: techniques as ReferralInput['techniques'],
      bodyRegions: regions,
      frequencyPerWeek: num(v.frequencyPerWeek),
      durationWeeks: num(v.durationWeeks),
      authorizedVisits: num(v.authorizedVisits),
      sessionMinutes: num(v.sessionMinutes),
      precautions: v.precautions.trim() || undefined,
      validFrom: v.validFrom,
      validUntil: v.validUntil || undefined,
      injury: injury as ReferralInput['injury'],
      signature: mode === 'electronic' ? { typedName } : undefined,
    };
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const request = body();
    const local: Record<string, string> = {};
    if (!patient) local.patientId = 'Choose the patient, or enter a new one';
    if (mode === 'paper' && !provider) local.providerId = 'Choose the referring provider';
    if (mode === 'electronic' && !typedName.trim())
      local['signature.typedName'] = 'Type your full name to sign';
    const scan = file.current?.files?.[0];
    if (scan) {
      const problem = fileProblem(scan);
      if (problem) local.file = problem;
    }
    const checked = referralInput.safeParse(request);
    const found = checked.success ? { ...noErrors, fields: {} } : zodErrors(checked.error);
    found.fields = { ...found.fields, ...local };
    if (Object.keys(found.fields).length > 0) {
      // A missing patient is reported by the patient chooser; the generic patientId issue is not shown twice.
      if (patient) delete found.fields.patientId;
      setErrors({ ...found, form: 'Some answers need attention: see the messages next to them.' });
      patientError?.(found.fields);
      return;
    }
    setBusy(true);
    setErrors(noErrors);
    try {
      const created = await clinical.createReferral(clinic.id, request);
      let notice =
        mode === 'electronic'
          ? 'Your signed e-referral was sent to the clinic.'
          : 'The referral was recorded.';
      if (onFile.length > 0 && patient && 'patientId' in patient) {
        const filed = await Promise.allSettled(
          onFile.map((attachmentId) =>
            clinical.fileUnderReferral(clinic.id, patient.patientId, attachmentId, created.id),
          ),
        );
        const failed = filed.filter((r) => r.status === 'rejected').length;
        notice +=
          failed === 0
            ? ` ${filed.length === 1 ? 'The document is' : `${filed.length} documents are`} filed with it.`
            : ` ${failed} of the documents could not be filed with it: file them from Documents.`;
      }
      if (scan) {
        try {
          await uploadAttachment(
            { clinicId: clinic.id, referralId: created.id },
            scan,
            'prescription',
            me.csrfToken ?? '',
          );
          notice += ` The scan ${scan.name} is attached.`;
        } catch (uploadError) {
          notice += ` The scan could not be attached: ${messageOf(uploadError)} Add it from Documents.`;
        }
      }
      onCreated(created, notice);
    } catch (error) {
      const found = apiErrors(error);
      setErrors(found);
      patientError?.(found.fields);
    } finally {
      setBusy(false);
    }
  }

  const summary = [
    `Patient: ${patient?.label ?? '(choose the patient)'}`,
    `Diagnoses: ${diagnoses.map((d) => `${d.code}${d.laterality ? ` (${d.laterality})` : ''}`).join(', ') || '—'}`,
    `Techniques: ${techniques.map(techniqueName).join(', ') || 'therapist’s choice'}`,
    `Body areas: ${regions.map(siteName).join(', ') || 'as needed'}`,
    `Frequency: ${v.frequencyPerWeek ? `${v.frequencyPerWeek}×/week × ${v.durationWeeks || '?'} weeks` : '—'}${v.authorizedVisits ? ` · ${v.authorizedVisits} visits authorised` : ''}${v.sessionMinutes ? ` · ${v.sessionMinutes}-minute sessions` : ''}`,
    `Valid from ${formatDay(v.validFrom)}${v.validUntil ? ` until ${formatDay(v.validUntil)}` : ''}`,
    ...(injury ? [`Related to: ${injuryText(injury, formatDay)}`] : []),
    ...(v.precautions.trim() ? [`Precautions: ${v.precautions.trim()}`] : []),
  ];

  return (
    <div className="referral-form">
      {mode === 'paper' ? (
        <ProviderPicker value={provider} onChange={setProvider} error={err('providerId')} />
      ) : null}
      <form className="form" noValidate onSubmit={submit} aria-label="Referral">
        <Alert>{errors.form}</Alert>
        <Field label="Referral date" error={err('referralDate')}>
          {(p) => (
            <input {...p} type="date" max={today} value={v.referralDate} onChange={set('referralDate')} />
          )}
        </Field>
        <DiagnosisPicker
          rows={diagnoses}
          onChange={(rows) => {
            setDiagnoses(rows);
            const hadSuggestions = Object.keys(errors.suggestions).length > 0;
            setErrors({ ...errors, suggestions: {}, form: hadSuggestions ? null : errors.form });
          }}
          errors={errors.fields}
          suggestions={errors.suggestions}
        />
        <ServicesFields
          techniques={techniques}
          regions={regions}
          onTechniques={setTechniques}
          onRegions={setRegions}
          errors={errors.fields}
        />
        <fieldset>
          <legend>How much treatment</legend>
          <p className="field-hint">Give frequency × duration, the number of authorised visits, or both.</p>
          <div className="field-grid">
            <Field label="Visits per week" error={err('frequencyPerWeek')}>
              {(p) => (
                <input
                  {...p}
                  type="number"
                  min={1}
                  max={7}
                  inputMode="numeric"
                  value={v.frequencyPerWeek}
                  onChange={set('frequencyPerWeek')}
                />
              )}
            </Field>
            <Field label="For how many weeks" error={err('durationWeeks')}>
              {(p) => (
                <input
                  {...p}
                  type="number"
                  min={1}
                  max={52}
                  inputMode="numeric"
                  value={v.durationWeeks}
                  onChange={set('durationWeeks')}
                />
              )}
            </Field>
            <Field label="Authorised visits" error={err('authorizedVisits')}>
              {(p) => (
                <input
                  {...p}
                  type="number"
                  min={1}
                  max={365}
                  inputMode="numeric"
                  value={v.authorizedVisits}
                  onChange={set('authorizedVisits')}
                />
              )}
            </Field>
            <Field label="Session length (minutes)" hint="30 to 90" error={err('sessionMinutes')}>
              {(p) => (
                <input
                  {...p}
                  type="number"
                  min={30}
                  max={90}
                  step={5}
                  inputMode="numeric"
                  value={v.sessionMinutes}
                  onChange={set('sessionMinutes')}
                />
              )}
            </Field>
            <Field label="Valid from" error={err('validFrom')}>
              {(p) => <input {...p} type="date" value={v.validFrom} onChange={set('validFrom')} />}
            </Field>
            <Field label="Valid until" hint="Empty: from the duration" error={err('validUntil')}>
              {(p) => <input {...p} type="date" value={v.validUntil} onChange={set('validUntil')} />}
            </Field>
          </div>
        </fieldset>
        <fieldset>
          <legend>Injury</legend>
          <p className="field-hint">For a claim to auto insurance or workers’ compensation.</p>
          <div className="field-grid">
            <Field label="Related to" error={err('injury.cause')}>
              {(p) => (
                <select {...p} value={v.injuryCause} onChange={set('injuryCause')}>
                  <option value="">No injury: an illness or a condition</option>
                  {INJURY_CAUSES.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {v.injuryCause ? (
              <Field label="Date of injury" error={err('injury.date')}>
                {(p) => (
                  <input
                    {...p}
                    type="date"
                    max={v.referralDate || today}
                    value={v.injuryDate}
                    onChange={set('injuryDate')}
                  />
                )}
              </Field>
            ) : null}
            {v.injuryCause === 'auto_accident' ? (
              <Field label="State of the accident" error={err('injury.state')}>
                {(p) => (
                  <select {...p} value={v.accidentState} onChange={set('accidentState')}>
                    <option value="">Choose…</option>
                    {US_STATE_CODES.map((code) => (
                      <option key={code} value={code}>
                        {code}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ) : null}
          </div>
        </fieldset>
        <Field
          label="Precautions"
          hint="e.g. L4-L5 herniation: no direct pressure"
          error={err('precautions')}
        >
          {(p) => <textarea {...p} rows={3} value={v.precautions} onChange={set('precautions')} />}
        </Field>
        {mode === 'paper' && patient && 'patientId' in patient ? (
          <DocumentsOnFile patientId={patient.patientId} chosen={onFile} onChosen={setOnFile} />
        ) : null}
        {mode === 'paper' ? (
          <div className={`field${err('file') ? ' field-invalid' : ''}`}>
            <label htmlFor={`${id}-scan`}>Scanned prescription (optional)</label>
            <div id={`${id}-scan-hint`} className="field-hint">
              PDF, JPEG or PNG, up to 10 MB.
            </div>
            <input
              ref={file}
              id={`${id}-scan`}
              type="file"
              accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
              aria-describedby={`${id}-scan-hint ${id}-scan-error`}
              aria-invalid={err('file') ? true : undefined}
            />
            <div id={`${id}-scan-error`} className="field-error" aria-live="polite">
              {err('file') ?? ''}
            </div>
          </div>
        ) : (
          <SignatureBox
            summary={summary}
            typedName={typedName}
            onTypedName={setTypedName}
            error={err('signature.typedName')}
            timeZone={clinic.timeZone}
          />
        )}
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Saving…' : mode === 'electronic' ? 'Sign and send the referral' : 'Record referral'}
          </button>
        </div>
      </form>
    </div>
  );
}
