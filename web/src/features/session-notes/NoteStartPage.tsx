import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { messageOf } from '../../api/client.ts';
import { scheduling } from '../../api/scheduling.ts';
import { useClinic } from '../../app/session.tsx';
import { formatDay, formatWeekdayTime } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { Alert, LiveMessage, LoadError, Loading } from '../../components/Status.tsx';
import { addDays, todayIn } from '../calendar/time.ts';
import { usePatientTitle } from '../patients/usePatientTitle.ts';
import { visitChoices } from '../todo/undocumented.ts';
import { notesApi } from './api.ts';
import { OVERRIDE_HEADING } from './override.ts';

/**
 * Open a session note: blank, from the last signed note, or from a condition template; and the note list.
 * The note documents a visit: the one it was opened for (however old), else the patient's latest visit of the
 * last two weeks that has no note yet (another one, or none, can be chosen).
 */
export function NoteStartPage() {
  const clinic = useClinic();
  const id = useId();
  const navigate = useNavigate();
  const notice = (useLocation().state as { notice?: string } | null)?.notice ?? null;
  const { patientId = '' } = useParams();
  const [params] = useSearchParams();
  const linkedAppointmentId = params.get('appointmentId') ?? undefined;
  const [visitChoice, setVisitChoice] = useState<string | null>(null);
  const [templateId, setTemplateId] = useState('');
  const [side, setSide] = useState<'left' | 'right'>('right');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titled = usePatientTitle(patientId);
  const notes = useQuery({
    queryKey: ['notes', clinic.id, patientId],
    queryFn: () => notesApi.list(clinic.id, patientId),
  });
  const templates = useQuery({ queryKey: ['note-templates'], queryFn: () => notesApi.templates() });
  const today = todayIn(clinic.timeZone);
  const visits = useQuery({
    queryKey: ['patient-appointments', clinic.id, patientId, today],
    queryFn: () =>
      scheduling.appointments(clinic.id, { from: addDays(today, -14), to: addDays(today, 1), patientId }),
  });
  // A link may name an older visit (the to-do's "Visit on … has no note"): it is offered and chosen.
  const linked = useQuery({
    queryKey: ['appointment', clinic.id, linkedAppointmentId],
    queryFn: () => scheduling.appointment(clinic.id, linkedAppointmentId ?? ''),
    enabled: Boolean(linkedAppointmentId),
  });
  if (notes.isPending || (linkedAppointmentId && linked.isPending)) return <Loading />;
  if (notes.isError) return <LoadError error={notes.error} />;
  const linkedVisit = linked.data?.patientId === patientId ? linked.data : null;
  const undocumented = visitChoices(
    visits.data?.items ?? [],
    new Set(notes.data.items.map((n) => n.appointmentId)),
    linkedVisit,
  );
  const appointmentId = (visitChoice ?? linkedVisit?.id ?? undocumented[0]?.id) || undefined;
  const hasSigned = notes.data.items.some((n) => n.status === 'signed');
  const template = templates.data?.items.find((t) => t.id === templateId);

  const open = async (from: 'blank' | 'last' | 'template') => {
    setError(null);
    setBusy(true);
    try {
      const note = await notesApi.create(clinic.id, patientId, from, {
        ...(appointmentId ? { appointmentId } : {}),
        ...(from === 'template' ? { templateId, ...(template?.sided ? { templateSide: side } : {}) } : {}),
      });
      navigate(`/patients/${patientId}/notes/${note.id}`);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };

  return (
    <Page
      title={titled('Session notes')}
      intro={<Link to={`/patients/${patientId}`}>Back to the chart</Link>}
    >
      <LiveMessage message={notice} />
      <section className="card" aria-labelledby={`${id}-new`}>
        <h2 id={`${id}-new`}>
          New session note{linkedVisit && appointmentId === linkedVisit.id ? ' for this appointment' : ''}
        </h2>
        <Alert>{error}</Alert>
        {linkedAppointmentId && !linkedVisit ? (
          <p className="small muted">
            The visit in the link could not be opened
            {linked.isError ? ` (${messageOf(linked.error)})` : ''}: choose the visit below.
          </p>
        ) : null}
        {undocumented.length > 0 ? (
          <div className="field">
            <label htmlFor={`${id}-visit`}>Visit</label>
            <select
              id={`${id}-visit`}
              value={appointmentId ?? ''}
              onChange={(e) => setVisitChoice(e.target.value)}
            >
              {undocumented.map((a) => (
                <option key={a.id} value={a.id}>
                  {formatWeekdayTime(a.start, clinic.timeZone)} · {a.serviceName}
                </option>
              ))}
              <option value="">Not linked to an appointment</option>
            </select>
          </div>
        ) : null}
        <div className="form-actions">
          <button type="button" className="button" disabled={busy} onClick={() => open('blank')}>
            Blank note
          </button>
          <button
            type="button"
            className="button button-secondary"
            disabled={busy || !hasSigned}
            onClick={() => open('last')}
          >
            Start from last note
          </button>
        </div>
        {!hasSigned ? <p className="small muted">“Start from last note” needs a signed note.</p> : null}
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-t`}>Template</label>
            <select id={`${id}-t`} value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
              <option value="">Choose a condition…</option>
              {templates.data?.items.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
          {template?.sided ? (
            <div className="field">
              <label htmlFor={`${id}-s`}>Side</label>
              <select
                id={`${id}-s`}
                value={side}
                onChange={(e) => setSide(e.target.value as 'left' | 'right')}
              >
                <option value="right">Right</option>
                <option value="left">Left</option>
              </select>
            </div>
          ) : null}
          <button
            type="button"
            className="button button-secondary"
            disabled={busy || !templateId}
            onClick={() => open('template')}
          >
            Start from template
          </button>
        </div>
      </section>
      <section className="section" aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`}>Notes</h2>
        {notes.data.items.length === 0 ? (
          <p className="muted">No note yet.</p>
        ) : (
          <ul className="card-list">
            {notes.data.items.map((n) => (
              <li key={n.id} className="card">
                <Link to={`/patients/${patientId}/notes/${n.id}`}>Visit of {formatDay(n.visitDate)}</Link>{' '}
                <span className={`badge badge-${n.status === 'signed' ? 'success' : 'warning'}`}>
                  {n.status === 'signed' ? (n.amended ? 'Signed, amended' : 'Signed') : 'Draft'}
                </span>{' '}
                {n.overridden ? (
                  <>
                    <span className="badge badge-warning">{OVERRIDE_HEADING}</span>{' '}
                  </>
                ) : null}
                <span className="small muted">
                  {n.author.name} · {n.totalMinutes} min
                  {n.painBefore !== null ? ` · pain ${n.painBefore} → ${n.painAfter ?? '?'}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}
