import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { messageOf } from '../../api/client.ts';
import { useClinic } from '../../app/session.tsx';
import { Alert, Loading } from '../../components/Status.tsx';
import { type ClinicianSafety, clinical, type PatientSafety, type SafetyChart } from '../patients/api.ts';
import { SEVERITY } from '../patients/labels.tsx';
import { standingAnswerNote } from './clearance-restrictions.ts';
import '../patients/clinical.css';

interface HeaderFlag {
  key: string;
  severity: string;
  subject: string;
  restriction: string;
  acknowledged: boolean;
  clearanceRequired: boolean;
  /** The physician's limits, or their "not cleared": the answer that decides the flag today. */
  answer: string | null;
  reason?: string;
}

/** The flags to show, from the full safety view when loaded, else the chart's short flags section. */
export function headerFlags(
  section: SafetyChart | null,
  safety: ClinicianSafety | PatientSafety | undefined,
): HeaderFlag[] {
  if (safety?.audience === 'clinician') {
    return safety.flags.map((f) => ({
      key: f.key,
      severity: f.severity,
      subject: f.subject,
      restriction: f.restriction,
      acknowledged: f.acknowledged,
      clearanceRequired: f.severity === 'clearance' || f.clearancePolicy === 'required',
      answer: standingAnswerNote({ clearanceLimits: f.clearance?.limits ?? null, declined: f.declined }),
      reason: f.reason,
    }));
  }
  return (section?.flags ?? []).map((f, i) => ({
    key: `${f.ruleId}-${i}`,
    severity: f.severity,
    subject: f.subject,
    restriction: f.restriction,
    acknowledged: f.acknowledged,
    clearanceRequired: f.severity === 'clearance',
    answer: standingAnswerNote(f),
  }));
}

/**
 * The always-visible safety strip of the chart header: one line per flag with a severity badge (colour and
 * words), what to do in plain words, the clearance state, and the allergies.
 */
export function SafetyHeader({
  section,
  safety,
  restricted,
  compact = false,
}: {
  section: SafetyChart | null;
  safety: ClinicianSafety | PatientSafety | undefined;
  /** The caller may not read clinical flags (front desk). */
  restricted: boolean;
  /** One line per flag (condition, restriction, clearance), without the reasons: for the record editors. */
  compact?: boolean;
}) {
  const headingId = useId();
  if (restricted) {
    return (
      <section className="safety-strip safety-none" aria-labelledby={headingId}>
        <h2 id={headingId} className="safety-title">
          Safety flags
        </h2>
        <p className="muted">Safety flags are shown to therapists, the owner and the referring physician.</p>
      </section>
    );
  }
  const flags = headerFlags(section, safety).sort(
    (a, b) => (SEVERITY[a.severity]?.rank ?? 9) - (SEVERITY[b.severity]?.rank ?? 9),
  );
  const allergies = safety?.allergies ?? section?.allergies ?? [];
  const noHistory = section ? !section.hasHealthHistory : safety?.audience === 'clinician' && !safety.basedOn;
  return (
    <section
      className={`safety-strip${flags.length ? ' safety-has-flags' : ' safety-none'}`}
      aria-labelledby={headingId}
    >
      <h2 id={headingId} className="safety-title">
        Safety flags {flags.length ? <span className="count">({flags.length})</span> : null}
      </h2>
      {flags.length === 0 ? (
        <p className="muted">
          {noHistory
            ? 'No health history on file yet: screen the patient with the intake questionnaire before treating.'
            : 'Nothing in the health history limits treatment today.'}
        </p>
      ) : (
        <ul className="flag-list">
          {flags.map((f) => {
            const sev = SEVERITY[f.severity] ?? { label: f.severity, tone: 'info' };
            return (
              <li key={f.key} className={`flag flag-${sev.tone}`}>
                <span className={`badge badge-${sev.tone}`}>{sev.label}</span> <strong>{f.subject}</strong>:{' '}
                {f.restriction}
                {f.clearanceRequired || f.acknowledged ? (
                  f.acknowledged ? (
                    <span className="badge badge-success">Clearance on file</span>
                  ) : (
                    <span className="badge badge-outline">Clearance required</span>
                  )
                ) : null}
                {f.answer ? <div className="flag-answer">{f.answer}</div> : null}
                {f.reason && !compact ? <div className="flag-reason">{f.reason}</div> : null}
              </li>
            );
          })}
        </ul>
      )}
      <p className="allergies">
        <strong>Allergies:</strong> {allergies.length ? allergies.join(', ') : 'none reported'}
      </p>
    </section>
  );
}

/**
 * The patient's safety flags at the top of a note or evaluation being written, or of a plan the physician signs,
 * from the same safety view as the chart (and the same query, so a clearance recorded on the chart shows here
 * too): a contraindication is in sight before any treatment is entered or certified.
 */
export function EditorSafetyFlags({ patientId }: { patientId: string }) {
  const clinic = useClinic();
  const safety = useQuery({
    queryKey: ['safety', clinic.id, patientId],
    queryFn: () => clinical.safety(clinic.id, patientId),
  });
  if (safety.isPending) return <Loading label="Loading the safety flags…" />;
  if (safety.isError)
    return (
      <Alert>
        <p>
          The safety flags could not be loaded ({messageOf(safety.error)}): check the chart before treating.
        </p>
        <button type="button" className="button button-secondary" onClick={() => safety.refetch()}>
          Try again
        </button>
      </Alert>
    );
  return (
    <div className="card editor-safety">
      <SafetyHeader section={null} safety={safety.data} restricted={false} compact />
    </div>
  );
}
