import { useState } from 'react';
import { useNavigate } from 'react-router';
import { messageOf } from '../../api/client.ts';
import { useClinic } from '../../app/session.tsx';
import { Alert } from '../../components/Status.tsx';
import { notesApi, type SessionNote } from './api.ts';

/**
 * A draft opened by mistake (the wrong patient, a visit that did not happen) can be thrown away by its author,
 * after a second "yes". A signed note never can: it is corrected by amendment.
 */
export function DiscardDraft({ note }: { note: SessionNote }) {
  const clinic = useClinic();
  const navigate = useNavigate();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!asking)
    return (
      <button type="button" className="button button-danger-quiet" onClick={() => setAsking(true)}>
        Discard this draft…
      </button>
    );
  return (
    <div className="alert alert-warning" role="alert">
      <p>Discard this draft note? What it holds is deleted and cannot be brought back.</p>
      <Alert>{error}</Alert>
      <div className="form-actions">
        <button
          type="button"
          className="button button-danger"
          onClick={async () => {
            try {
              await notesApi.discard(clinic.id, note.patientId, note.id);
              navigate(`/patients/${note.patientId}/notes/new`, {
                state: { notice: 'The draft note was discarded.' },
              });
            } catch (e) {
              setError(messageOf(e));
            }
          }}
        >
          Discard the draft
        </button>
        <button type="button" className="button button-quiet" onClick={() => setAsking(false)}>
          Keep it
        </button>
      </div>
    </div>
  );
}
