import { useClinic } from '../../app/session.tsx';
import { formatDateTime, formatDay, formatDueDay, localDateIn } from '../../components/format.ts';
import { siteName, techniqueName } from '../patients/labels.tsx';
import type { Plan } from './api.ts';
import { goalText } from './goals.ts';
import type { HomeCareMark } from './plan-safety.ts';
import '../session-notes/notes.css';

/**
 * A plan of care as it stands: certification (physician signature, due dates) — or, for a client who came on
 * their own, that none is needed — the current version, versions.
 */
export function PlanView({
  plan,
  conflicts,
  homeCare,
}: {
  plan: Plan;
  /** Technique and region ids → the safety flags each conflicts with (marked beside them), for the signer. */
  conflicts?: { techniques: ReadonlyMap<string, string[]>; regions: ReadonlyMap<string, string[]> };
  /** Home-care advice ids → what the patient's health rules out or asks care for in it (heat or cold). */
  homeCare?: ReadonlyMap<string, readonly HomeCareMark[]>;
}) {
  const clinic = useClinic();
  const v = plan.current;
  const c = plan.certification;
  const today = localDateIn(clinic.timeZone);
  return (
    <div className="record-view">
      <section className="card" aria-labelledby="plan-cert">
        <h2 id="plan-cert">Certification</h2>
        {c === null ? (
          <p>
            <span className="badge badge-info">Self-referred: no physician certification needed</span> The
            client came on their own, without a physician referral.
          </p>
        ) : (
          <CertificationStatus plan={plan} certification={c} today={today} />
        )}
      </section>
      <section className="card" aria-labelledby="plan-current">
        <h2 id="plan-current">Version {plan.currentVersion}</h2>
        <dl className="facts">
          <div>
            <dt>Diagnoses</dt>
            <dd>
              {plan.selfReferred
                ? 'None: the client came without a referral (a massage therapist does not diagnose)'
                : v.diagnoses.map((d) => `${d.code} ${d.description}`).join('; ')}
            </dd>
          </div>
          <div>
            <dt>Problems</dt>
            <dd>{v.problems.join('; ')}</dd>
          </div>
          <div>
            <dt>Goals</dt>
            <dd>
              <ul>
                {v.goals.map((g) => (
                  <li key={g.id}>{goalText(g)}</li>
                ))}
              </ul>
            </dd>
          </div>
          <div>
            <dt>Techniques</dt>
            <dd>
              <MarkedItems ids={v.techniques} name={techniqueName} conflicts={conflicts?.techniques} />
            </dd>
          </div>
          <div>
            <dt>Regions</dt>
            <dd>
              <MarkedItems ids={v.regions} name={siteName} conflicts={conflicts?.regions} />
            </dd>
          </div>
          <div>
            <dt>Frequency</dt>
            <dd>
              {v.frequencyPerWeek}× a week for {v.durationWeeks} weeks ({v.plannedVisits} visits,{' '}
              {v.sessionMinutes} minutes), {formatDay(v.startDate)} to {formatDay(v.endDate)}
            </dd>
          </div>
          <div>
            <dt>Re-evaluation</dt>
            <dd>{formatDay(v.reEvaluationDate)}</dd>
          </div>
          <div>
            <dt>Home care</dt>
            <dd>
              {v.homeCare.exercises.length + v.homeCare.advice.length === 0 && !v.homeCare.notes ? (
                <span className="muted">None given</span>
              ) : null}
              <ul>
                {v.homeCare.exercises.map((e) => (
                  <li key={e.id}>
                    {e.name}: {e.dosage}
                  </li>
                ))}
                {v.homeCare.advice.map((a) => (
                  <li key={a.id}>
                    {a.title}
                    {homeCare?.get(a.id)?.map((m) => (
                      <p key={m.text} className={`row-flag row-flag-${m.kind} small`}>
                        <span className={`badge ${m.kind === 'blocked' ? 'badge-danger' : 'badge-warning'}`}>
                          {m.kind === 'blocked' ? 'Ruled out' : 'Caution'}
                        </span>{' '}
                        {m.text}
                      </p>
                    ))}
                  </li>
                ))}
              </ul>
              {v.homeCare.notes}
            </dd>
          </div>
          {v.precautionsAcknowledged.length ? (
            <div>
              <dt>Precautions acknowledged</dt>
              <dd>{v.precautionsAcknowledged.map((p) => `${p.subject}: ${p.restriction}`).join('; ')}</dd>
            </div>
          ) : null}
        </dl>
      </section>
      <section className="card" aria-labelledby="plan-versions">
        <h2 id="plan-versions">Versions</h2>
        <ol>
          {plan.versions.map((x) => (
            <li key={x.version}>
              Version {x.version}, {formatDateTime(x.createdAt, clinic.timeZone)}
              {x.changeReason ? ` — ${x.changeReason}` : ''}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

/** Techniques or regions in words; with conflicts, one per line and each conflicting one marked with its flags. */
function MarkedItems({
  ids,
  name,
  conflicts,
}: {
  ids: readonly string[];
  name: (id: string) => string;
  conflicts?: ReadonlyMap<string, string[]>;
}) {
  if (!conflicts?.size) return <>{ids.map(name).join(', ')}</>;
  return (
    <ul className="plan-items">
      {ids.map((id) => {
        const flags = conflicts.get(id);
        return (
          <li key={id} className={flags ? 'plan-item-conflict' : undefined}>
            {name(id)}
            {flags ? (
              <>
                {' '}
                <span className="badge badge-danger">Conflicts with a safety flag</span>
                <ul className="small">
                  {flags.map((flag) => (
                    <li key={flag}>{flag}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/** The physician's signature on the current version, and when (re)certification is due. */
function CertificationStatus({
  plan,
  certification: c,
  today,
}: {
  plan: Plan;
  certification: NonNullable<Plan['certification']>;
  today: string;
}) {
  const clinic = useClinic();
  const v = plan.current;
  return (
    <>
      {/* A discharged patient's plan asks for no signature: its absence is not "awaited". */}
      {v.signature || !c.dischargedOn ? (
        <p>
          {v.signature ? (
            <span className="badge badge-success">
              Signed by {v.signature.physician.name} on{' '}
              {formatDateTime(v.signature.signedAt, clinic.timeZone)}
            </span>
          ) : (
            <span className="badge badge-warning">Awaiting the physician’s signature</span>
          )}
        </p>
      ) : null}
      {c.dischargedOn ? (
        <p>
          The patient was discharged on {formatDay(c.dischargedOn)} (signed discharge summary): no
          certification is asked any more.
        </p>
      ) : null}
      {c.certificationDueOn && !c.certified && !c.dischargedOn ? (
        <p>Certification due by {formatDueDay(c.certificationDueOn, today)}, 30 days after the start.</p>
      ) : null}
      {c.recertificationDueOn ? (
        <p>
          Recertification due {formatDueDay(c.recertificationDueOn, today)},{' '}
          {c.recertificationReason === 'plan-changed'
            ? 'as the plan changed since it was signed'
            : '90 days after the signature'}
          .
        </p>
      ) : c.certified && !c.dischargedOn ? (
        <p>
          The plan {v.endDate < today ? 'ended' : 'ends'} {formatDay(v.endDate)}, within 90 days of the
          signature: no recertification is due. Care beyond it needs a new plan to certify.
        </p>
      ) : null}
    </>
  );
}
