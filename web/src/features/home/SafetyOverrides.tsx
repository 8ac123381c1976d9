import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { useClinic } from '../../app/session.tsx';
import { formatDate } from '../../components/format.ts';
import { notesApi } from '../session-notes/api.ts';
import {
  OVERRIDE_LIMIT,
  OVERRIDES_SHOWN,
  overrideCardItem,
  overridesIntro,
  overridesSince,
} from './safety-overrides.ts';

/**
 * The owner's (clinical lead's) look at visits where treatment was given although the safety screening ruled it
 * out, recorded in the last 30 days with the therapist's reason: one per visit (its latest reason, marked when
 * the treatment was corrected since), whose visit, who gave it, what was ruled out and why it was given, each
 * linking to the note. Nothing when there is none.
 */
export function SafetyOverrides() {
  const clinic = useClinic();
  const [since] = useState(() => overridesSince(new Date()));
  const [all, setAll] = useState(false);
  const listId = useId();
  const overrides = useQuery({
    queryKey: ['safety-overrides', clinic.id, since],
    queryFn: () => notesApi.overrides(clinic.id, { since, limit: OVERRIDE_LIMIT }),
  });
  if (overrides.isError)
    return (
      <p className="small muted" role="status">
        Could not check for treatment given despite a contraindication.{' '}
        <button type="button" className="link-button" onClick={() => void overrides.refetch()}>
          Try again
        </button>
      </p>
    );
  const items = overrides.data?.items ?? [];
  if (items.length === 0) return null;
  const day = (iso: string) => formatDate(iso, clinic.timeZone);
  const shown = all ? items : items.slice(0, OVERRIDES_SHOWN);
  return (
    <section className="card safety-overrides" aria-labelledby="home-overrides">
      <h2 id="home-overrides">Treatment given despite a contraindication</h2>
      <p>{overridesIntro(items.length)}</p>
      <ul id={listId} className="safety-override-list">
        {shown.map((item) => {
          const line = overrideCardItem(item, day);
          return (
            <li key={line.key}>
              <Link to={line.href} className="safety-override-link">
                {line.link}
              </Link>
              <span className="safety-override-given">{line.given}</span>
              <span>{line.ruledOut}</span>
              {line.corrected ? <span className="muted">{line.corrected}</span> : null}
              <span className="safety-override-reason">
                {line.reason}
                {line.shortened ? <span className="muted"> (whole in the note)</span> : null}
              </span>
            </li>
          );
        })}
      </ul>
      {items.length > OVERRIDES_SHOWN ? (
        <button
          type="button"
          className="button button-secondary"
          aria-expanded={all}
          aria-controls={listId}
          onClick={() => setAll((v) => !v)}
        >
          {all ? `Show the latest ${OVERRIDES_SHOWN} only` : `Show all ${items.length}`}
        </button>
      ) : null}
    </section>
  );
}
