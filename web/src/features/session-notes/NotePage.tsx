import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useClinic, useSession } from '../../app/session.tsx';
import { formatDateTime, formatDay } from '../../components/format.ts';
import { cachedFromEarlierVisit } from '../../components/fresh-copy.ts';
import { Page } from '../../components/Page.tsx';
import { LoadError, Loading } from '../../components/Status.tsx';
import { notesApi, type SessionNote } from './api.ts';
import { NoteEditor } from './NoteEditor.tsx';
import { NoteReadOnly } from './NoteReadOnly.tsx';
import './notes.css';
import { DiscardDraft } from '../assessments/record.tsx';
import { usePatientTitle } from '../patients/usePatientTitle.ts';

/** One session note: the SOAP editor while a draft, then read-only with amendments and addenda. */
export function NotePage() {
  const clinic = useClinic();
  const { me } = useSession();
  const { patientId = '', noteId = '' } = useParams();
  const queryClient = useQueryClient();
  const key = ['note', clinic.id, patientId, noteId];
  const query = useQuery({ queryKey: key, queryFn: () => notesApi.get(clinic.id, patientId, noteId) });
  const titled = usePatientTitle(patientId);
  if (query.isPending || cachedFromEarlierVisit(query)) return <Loading />;
  if (query.isError)
    return (
      <Page title="Session note">
        <LoadError error={query.error} retry={() => query.refetch()} />
      </Page>
    );
  const n = query.data;
  const update = (next: SessionNote) => queryClient.setQueryData(key, next);
  return (
    <Page
      title={titled(`Session note — ${formatDay(n.visitDate)}`)}
      intro={
        <p>
          <Link to={`/patients/${patientId}`}>Back to the chart</Link> ·{' '}
          <Link to={`/patients/${patientId}/notes/new`}>All notes</Link> · by {n.author.name} ·{' '}
          {n.status === 'signed'
            ? `signed ${formatDateTime(n.signedAt, clinic.timeZone)} as “${n.signatureTypedName}”`
            : 'draft'}
        </p>
      }
    >
      {n.status === 'draft' ? (
        <>
          <NoteEditor key={n.id} note={n} onUpdate={update} />
          {n.author.userId === me.user.id ? (
            <DiscardDraft
              what="note"
              onDiscard={() => notesApi.discard(clinic.id, patientId, n.id)}
              then={`/patients/${patientId}/notes/new`}
            />
          ) : null}
        </>
      ) : (
        <NoteReadOnly note={n} onUpdate={update} />
      )}
    </Page>
  );
}
