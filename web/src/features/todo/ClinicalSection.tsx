import { Link } from 'react-router';
import type { ClinicalChartSection } from '../body-chart/api.ts';
import { SectionHeading } from '../chart/sections.tsx';

/** The chart's clinical section: links to the therapist's pages, reminders, unsigned notes. */
export function ClinicalSection({
  patientId,
  data,
}: {
  patientId: string;
  data: ClinicalChartSection | null;
}) {
  const base = `/patients/${patientId}`;
  return (
    <section className="section chart-section" aria-labelledby="section-clinical">
      <SectionHeading id="clinical" title="Treatment" />
      <nav aria-label="Treatment records" className="clinical-links">
        <Link className="button" to={`${base}/notes/new`}>
          New session note
        </Link>
        <Link className="button button-secondary" to={`${base}/assessments/new`}>
          New evaluation
        </Link>
        <Link className="button button-secondary" to={`${base}/plan`}>
          Plan of care
        </Link>
        <Link className="button button-secondary" to={`${base}/outcomes`}>
          Outcomes
        </Link>
        <Link className="button button-secondary" to={`${base}/body-chart`}>
          Body chart history
        </Link>
      </nav>
      {data ? (
        <div className="card">
          <p className="small">
            {data.lastNoteOn ? `Last signed note: ${data.lastNoteOn}.` : 'No signed note yet.'}
            {data.unsignedNotes
              ? ` ${data.unsignedNotes} unsigned note${data.unsignedNotes > 1 ? 's' : ''}.`
              : ''}
            {data.activePlanId ? '' : ' No plan of care yet.'}
          </p>
          {data.reminders.length ? (
            <ul>
              {data.reminders.map((r) => (
                <li key={`${r.kind}-${r.dueOn}`} className={r.overdue ? 'flag flag-warning' : undefined}>
                  {r.overdue ? <span className="badge badge-warning">Overdue</span> : null} {r.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
