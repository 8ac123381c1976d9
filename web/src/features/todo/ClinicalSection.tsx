import { Link } from 'react-router';
import { formatDay } from '../../components/format.ts';
import type { ClinicalChartSection } from '../body-chart/api.ts';
import { SectionHeading } from '../chart/sections.tsx';

/** The chart's clinical section: links to the therapist's pages, reminders, unsigned notes. */
export function ClinicalSection({
  patientId,
  data,
  links,
}: {
  patientId: string;
  data: ClinicalChartSection | null;
  /** The therapist's links to write and read the records; the physician's to the plan they certify. */
  links: 'therapist' | 'physician' | 'none';
}) {
  const base = `/patients/${patientId}`;
  return (
    <section className="section chart-section" aria-labelledby="section-clinical">
      <SectionHeading id="clinical" title="Treatment" />
      {links === 'physician' && data?.activePlanId ? (
        <nav aria-label="Treatment records" className="clinical-links">
          <Link className="button button-secondary" to={`/physician/patients/${patientId}/plan`}>
            Plan of care
          </Link>
        </nav>
      ) : null}
      {links === 'therapist' ? (
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
      ) : null}
      {data ? (
        <div className="card">
          <p className="small">
            {data.lastNoteOn ? `Last signed note: ${formatDay(data.lastNoteOn)}.` : 'No signed note yet.'}
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
