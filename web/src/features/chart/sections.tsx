import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { messageOf } from '../../api/client.ts';
import { useClinic } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { Alert, EmptyState, LiveMessage } from '../../components/Status.tsx';
import { type LinkChoice, linkChoices, linkSentMessage } from '../intake/send-link.ts';
import {
  type Attachment,
  type ChartClaim,
  clinical,
  type IntakeChart,
  type Referral,
} from '../patients/api.ts';
import { ReferralCard } from '../referrals/ReferralCard.tsx';

export function SectionHeading({
  id,
  title,
  actions,
}: {
  id: string;
  title: string;
  actions?: React.ReactNode;
}) {
  return (
    <div className="section-header">
      <h2 id={`section-${id}`}>{title}</h2>
      {actions ? <div className="section-actions">{actions}</div> : null}
    </div>
  );
}

export function ReferralsSection({
  referrals,
  newReferralTo,
  claims,
  documents,
  onClaimSaved,
}: {
  referrals: Referral[];
  /** The patient's documents: each referral lists those filed with it (the scanned prescription…). */
  documents: Attachment[];
  newReferralTo?: string;
  /** The claims behind injury referrals, for those who may see them (the front desk and the owner). */
  claims?: ChartClaim[];
  onClaimSaved: () => void;
}) {
  const clinic = useClinic();
  // Those who write the clinical record set how often a referral's progress reports fall due.
  const writesClinical =
    Boolean(newReferralTo) && clinic.roles.some((r) => r === 'owner' || r === 'therapist');
  return (
    <section className="section chart-section" aria-labelledby="section-referrals">
      <SectionHeading
        id="referrals"
        title="Referrals"
        actions={
          newReferralTo ? (
            <Link className="button button-secondary" to={newReferralTo}>
              Record a referral
            </Link>
          ) : null
        }
      />
      {referrals.length === 0 ? (
        <EmptyState title="No referral on file">
          Medical massage prescribed by a physician starts with their referral. A client who came on their own
          (self-pay) needs none: their plan of care is self-referred.
        </EmptyState>
      ) : (
        <div className="card-list">
          {referrals.map((r) => (
            <ReferralCard
              key={r.id}
              referral={r}
              timeZone={clinic.timeZone}
              claim={
                claims
                  ? { value: claims.find((c) => c.appliesTo.includes(r.id)), onSaved: onClaimSaved }
                  : undefined
              }
              progressIntervalOf={writesClinical ? clinic.id : undefined}
              documents={documents.filter((d) => d.referralId === r.id)}
            />
          ))}
        </div>
      )}
    </section>
  );
}

const INTAKE_STATUS: Record<IntakeChart['status'], string> = {
  none: 'Not started',
  draft: 'In progress',
  submitted: 'Submitted',
};

/** Where the questionnaire stands, versions, and the staff actions: fill in, send a link, "no change". */
export function IntakeSection({
  patientId,
  intake,
  onChanged,
}: {
  patientId: string;
  intake: IntakeChart;
  onChanged: () => void;
}) {
  const clinic = useClinic();
  const id = useId();
  const [message, setMessage] = useState<string | null>(null);
  const link = useMutation({
    mutationFn: (channel: LinkChoice['channel']) => clinical.sendIntakeLink(clinic.id, patientId, channel),
    onSuccess: (r) => setMessage(linkSentMessage(r)),
  });
  const linkWays = intake.status !== 'submitted' || !intake.current ? linkChoices(intake.sendLink) : [];
  const confirm = useMutation({
    mutationFn: () => clinical.confirmNoChange(clinic.id, patientId, intake.current?.id),
    onSuccess: () => {
      setMessage('Recorded: no change to the health history at this visit.');
      onChanged();
    },
  });
  const error = link.error ?? confirm.error;
  return (
    <section className="section chart-section" aria-labelledby="section-intake">
      <SectionHeading id="intake" title="Intake and health history" />
      <LiveMessage message={message} />
      <Alert>{error ? messageOf(error) : null}</Alert>
      <div className="card">
        <p>
          <span className={`badge badge-${intake.status === 'submitted' ? 'success' : 'muted'}`}>
            {INTAKE_STATUS[intake.status]}
          </span>
          {intake.draft ? (
            <span className="muted small">
              {' '}
              {intake.draft.kind === 'update' ? 'Health-history update' : 'Intake'} draft saved{' '}
              {formatDateTime(intake.draft.savedAt, clinic.timeZone)}
            </span>
          ) : null}
        </p>
        {intake.current ? (
          <p>
            Health history version {intake.current.version}, recorded{' '}
            {formatDateTime(intake.current.recordedAt, clinic.timeZone)}; last confirmed{' '}
            {formatDateTime(intake.current.lastConfirmedAt, clinic.timeZone)}.
          </p>
        ) : (
          <p className="muted">No submitted intake yet.</p>
        )}
        <div className="form-actions">
          <Link className="button" to={`/patients/${patientId}/intake`}>
            {intake.status === 'none'
              ? 'Fill in the intake with the patient'
              : intake.current && intake.status !== 'draft'
                ? 'Update health history'
                : 'Continue the questionnaire'}
          </Link>
          {intake.current ? (
            <button
              type="button"
              className="button button-secondary"
              disabled={confirm.isPending}
              onClick={() => confirm.mutate()}
            >
              Confirm no change today
            </button>
          ) : null}
        </div>
        {linkWays.length > 0 ? (
          <div className="form-actions">
            {linkWays.map((way) => (
              <button
                key={way.channel}
                type="button"
                className="button button-secondary"
                disabled={link.isPending || way.unavailable !== null}
                aria-describedby={way.unavailable ? `${id}-${way.channel}` : undefined}
                onClick={() => link.mutate(way.channel)}
              >
                {way.label}
              </button>
            ))}
          </div>
        ) : null}
        {linkWays.map((way) =>
          way.unavailable ? (
            <p key={way.channel} id={`${id}-${way.channel}`} className="field-hint">
              {way.unavailable}
            </p>
          ) : null,
        )}
        <HealthHistoryVersions patientId={patientId} hasHistory={Boolean(intake.current)} />
      </div>
    </section>
  );
}

function HealthHistoryVersions({ patientId, hasHistory }: { patientId: string; hasHistory: boolean }) {
  const clinic = useClinic();
  const [open, setOpen] = useState(false);
  const [data, setData] = useState<Awaited<ReturnType<typeof clinical.healthHistory>> | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!hasHistory) return null;
  return (
    <details
      className="versions"
      open={open}
      onToggle={async (e) => {
        const next = (e.target as HTMLDetailsElement).open;
        setOpen(next);
        if (next) {
          try {
            setData(await clinical.healthHistory(clinic.id, patientId));
          } catch (err) {
            setError(messageOf(err));
          }
        }
      }}
    >
      <summary>Submitted versions</summary>
      <Alert>{error}</Alert>
      {data ? (
        <ol className="version-list">
          {data.versions.map((v) => (
            <li key={v.id}>
              Version {v.version} ({v.kind === 'intake' ? 'intake' : 'update'}) ·{' '}
              {formatDateTime(v.recordedAt, clinic.timeZone)} ·{' '}
              {v.recordedBy ? v.recordedBy.name : 'the patient, by personal link'}
              {v.consentSigned ? ' · consent signed' : ''}
              {v.confirmations.length ? ` · confirmed “no change” ${v.confirmations.length}×` : ''}
            </li>
          ))}
        </ol>
      ) : null}
    </details>
  );
}

/** A section a later capability adds, shown generically until this app learns to draw it. */
export function GenericSection({
  id,
  title,
  available,
  data,
}: {
  id: string;
  title: string;
  available: boolean;
  data: unknown;
}) {
  return (
    <section className="section chart-section" aria-labelledby={`section-${id}`}>
      <SectionHeading id={id} title={title} />
      {!available ? (
        <EmptyState title="Not available yet">
          This part of the chart comes with a later Palpa capability.
        </EmptyState>
      ) : (
        <div className="card">
          <GenericValue value={data} />
        </div>
      )}
    </section>
  );
}

function GenericValue({ value }: { value: unknown }): React.ReactNode {
  if (value === null || value === undefined || value === '') return <span className="muted">—</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">Nothing recorded</span>;
    return (
      <ul className="generic-list">
        {value.map((v, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: unknown data has no stable key
          <li key={i}>
            <GenericValue value={v} />
          </li>
        ))}
      </ul>
    );
  }
  if (typeof value === 'object') {
    return (
      <dl className="facts">
        {Object.entries(value as Record<string, unknown>).map(([k, v]) => (
          <div key={k}>
            <dt>{k.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase())}</dt>
            <dd>
              <GenericValue value={v} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  return <>{String(value)}</>;
}
