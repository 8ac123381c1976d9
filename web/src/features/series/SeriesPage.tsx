import '../calendar/calendar.css';
import './series.css';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, messageOf } from '../../api/client.ts';
import { useAttemptKey } from '../../api/idempotency.ts';
import { type SeriesPreview, type Slot, scheduling } from '../../api/scheduling.ts';
import { useClinic } from '../../app/session.tsx';
import { Field } from '../../components/Field.tsx';
import { formatDay } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { Alert } from '../../components/Status.tsx';
import { Alternatives } from '../calendar/Alternatives.tsx';
import { useScheduleRefs } from '../calendar/refs.ts';
import { ServiceField, TherapistField } from '../calendar/ScheduleFields.tsx';
import { addDays, dateTimeLabel, todayIn } from '../calendar/time.ts';
import { clinical } from '../patients/api.ts';
import { REFERRAL_STATUS } from '../patients/labels.tsx';
import { usePatientTitle } from '../patients/usePatientTitle.ts';
import { currentReferralFor, markText, seriesMarks, seriesWarningTexts } from './series-referral.ts';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
/** Days a plan's sessions per week fall on by default, spread through the week. */
const SPREAD: Record<number, number[]> = {
  1: [2],
  2: [2, 4],
  3: [1, 3, 5],
  4: [1, 2, 4, 5],
  5: [1, 2, 3, 4, 5],
};

const PROBLEMS: Record<string, string> = {
  'therapist-busy': 'the therapist is booked',
  'room-busy': 'the room is taken',
  'no-room-free': 'no suitable room is free',
  'outside-working-hours': 'outside working hours',
  'therapist-not-eligible': 'the therapist does not offer this service',
  'in-past': 'in the past',
  'too-soon': 'too soon',
  'too-far-ahead': 'too far ahead',
};
const problemText = (codes: string[]) => codes.map((c) => PROBLEMS[c] ?? c.replaceAll('-', ' ')).join(', ');

/** A weekday and time of the series; `key` keeps its row's identity in the form. */
type Time = { key: string; weekday: number; time: string };
const newTime = (weekday: number): Time => ({ key: crypto.randomUUID(), weekday, time: '10:00' });

/**
 * Book a series for a patient (front desk, therapist): a service, preferred weekdays and times, a number of
 * weeks, optionally against a referral. The preview shows every date, each conflict with the nearest free
 * times to pick from, and the referral's limits; the series is booked all at once. A plan of care's link fills
 * in its referral, sessions per week and weeks.
 */
export function SeriesPage() {
  const clinic = useClinic();
  const id = useId();
  const navigate = useNavigate();
  const { patientId = '' } = useParams();
  const [params] = useSearchParams();
  const titled = usePatientTitle(patientId);
  const refs = useScheduleRefs(clinic.id);
  const referrals = useQuery({
    queryKey: ['patient-referrals', clinic.id, patientId],
    queryFn: () => clinical.patientReferrals(clinic.id, patientId),
  });
  const perWeek = Math.min(Math.max(Number(params.get('perWeek')) || 2, 1), 5);
  const [serviceId, setServiceId] = useState('');
  const [therapistId, setTherapistId] = useState('');
  /** The referral staff chose ('' for none); null until they choose: then the patient's current referral. */
  const [referralChoice, setReferralChoice] = useState<string | null>(params.get('referral'));
  const [startDate, setStartDate] = useState(addDays(todayIn(clinic.timeZone), 1));
  const referralId = referralChoice ?? currentReferralFor(referrals.data?.items ?? [], startDate) ?? '';
  /** What the API is told: the referral shown (null: none); omitted while the referrals are still loading. */
  const referralField =
    referralChoice === null && !referrals.data ? {} : { referralId: referralId === '' ? null : referralId };
  const [weeks, setWeeks] = useState(Math.min(Math.max(Number(params.get('weeks')) || 4, 1), 26));
  const [times, setTimes] = useState<Time[]>(() => SPREAD[perWeek]!.map(newTime));
  const [preview, setPreview] = useState<SeriesPreview | null>(null);
  /** Per occurrence: the time chosen (the one asked for, or an alternative picked), or null to leave it out. */
  const [chosen, setChosen] = useState<(Slot | null)[]>([]);
  const [acknowledged, setAcknowledged] = useState(false);
  /** Referral limits the booking itself ran into (the preview counts only the times that were free). */
  const [bookingWarnings, setBookingWarnings] = useState<SeriesPreview['warnings']>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const keyFor = useAttemptKey();

  const services = refs.services.data?.items ?? [];
  const therapists = refs.therapists.data?.items ?? [];
  const picked = chosen.filter((s): s is Slot => s !== null);

  async function showDates(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    if (!serviceId) return setError('Choose a service.');
    setBusy(true);
    try {
      const result = await scheduling.previewSeries(clinic.id, {
        patientId,
        serviceId,
        ...(therapistId ? { therapistId } : {}),
        ...referralField,
        startDate,
        weeks,
        times: times.map(({ weekday, time }) => ({ weekday, time })),
      });
      setPreview(result);
      setChosen(result.occurrences.map((o) => (o.ok ? o.slot : null)));
      setAcknowledged(false);
      setBookingWarnings([]);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  async function book() {
    setError(null);
    setBusy(true);
    const body = {
      patientId,
      serviceId,
      // The referral the preview was checked against (the one shown), so the booking is checked the same way.
      referralId: preview?.referral?.id ?? null,
      acknowledgeWarnings: acknowledged,
      occurrences: picked.map((s) => ({ start: s.start, therapistId: s.therapistId, roomId: s.roomId })),
    };
    try {
      const created = await scheduling.bookSeries(clinic.id, body, keyFor(body));
      navigate(`/patients/${patientId}`, {
        state: { notice: `Booked a series of ${created.appointments.length} sessions.` },
      });
    } catch (err) {
      const limits = err instanceof ApiError && (err.details as { warnings?: unknown } | undefined)?.warnings;
      if (Array.isArray(limits)) setBookingWarnings(limits as SeriesPreview['warnings']);
      else setError(messageOf(err));
      setBusy(false);
    }
  }

  const seriesReferral = preview?.referral ?? null;
  const marks = seriesMarks(chosen, seriesReferral);
  const warnings = seriesWarningTexts(
    [...(preview?.warnings ?? []), ...bookingWarnings],
    marks,
    seriesReferral,
  );
  return (
    <Page
      title={titled('Book a series')}
      intro={<Link to={`/patients/${patientId}`}>Back to the chart</Link>}
    >
      <form className="form card" onSubmit={showDates} noValidate>
        <div className="field-grid">
          <ServiceField services={services} value={serviceId} onChange={setServiceId} />
          <TherapistField therapists={therapists} value={therapistId} onChange={setTherapistId} />
          <Field
            label="Referral"
            hint="Starts with the patient's current referral. Warns before booking beyond its authorised visits or expiry"
          >
            {(p) => (
              <select {...p} value={referralId} onChange={(e) => setReferralChoice(e.target.value)}>
                <option value="">None</option>
                {(referrals.data?.items ?? []).map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.diagnoses.map((d) => d.code).join(', ') || 'Referral'} ·{' '}
                    {REFERRAL_STATUS[r.status].label}
                    {r.validUntil ? ` · valid until ${formatDay(r.validUntil)}` : ''}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="First date">
            {(p) => (
              <input {...p} type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} />
            )}
          </Field>
          <Field label="Weeks">
            {(p) => (
              <input
                {...p}
                type="number"
                min={1}
                max={26}
                value={weeks}
                onChange={(e) => setWeeks(Number(e.target.value))}
              />
            )}
          </Field>
        </div>
        <fieldset>
          <legend>Every week on</legend>
          {times.map((t, i) => (
            <div className="field-grid series-time" key={t.key}>
              <label>
                Day {i + 1}
                <select
                  value={t.weekday}
                  onChange={(e) =>
                    setTimes(times.map((x, j) => (j === i ? { ...x, weekday: Number(e.target.value) } : x)))
                  }
                >
                  {WEEKDAYS.map((name, d) => (
                    <option key={name} value={d + 1}>
                      {name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Time {i + 1}
                <input
                  type="time"
                  step={300}
                  value={t.time}
                  onChange={(e) =>
                    setTimes(times.map((x, j) => (j === i ? { ...x, time: e.target.value } : x)))
                  }
                />
              </label>
              {times.length > 1 ? (
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => setTimes(times.filter((_, j) => j !== i))}
                >
                  Remove day {i + 1}
                </button>
              ) : null}
            </div>
          ))}
          {times.length < 7 ? (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => setTimes([...times, newTime(5)])}
            >
              Add a day
            </button>
          ) : null}
        </fieldset>
        {preview ? null : <Alert>{error}</Alert>}
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy}>
            Show the dates
          </button>
        </div>
      </form>

      {preview ? (
        <section className="section" aria-labelledby={`${id}-dates`}>
          <h2 id={`${id}-dates`}>Dates</h2>
          {seriesReferral ? (
            <p className="small">
              Referral: {seriesReferral.visitsUsedOrBooked}
              {seriesReferral.visitsAllowed !== null ? ` of ${seriesReferral.visitsAllowed} authorised` : ''}{' '}
              {seriesReferral.visitsAllowed === null && seriesReferral.visitsUsedOrBooked === 1
                ? 'visit'
                : 'visits'}{' '}
              already used or booked (before this series)
              {seriesReferral.validUntil ? `, valid until ${formatDay(seriesReferral.validUntil)}` : ''}.
            </p>
          ) : (
            <p className="small">Not booked against a referral.</p>
          )}
          {warnings.length > 0 ? (
            <div className="alert alert-warning" role="alert">
              <ul>
                {warnings.map((w) => (
                  <li key={w.code}>{w.text}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <ol className="agenda-list series-dates">
            {preview.occurrences.map((o, i) => {
              const slot = chosen[i];
              return (
                <li key={o.index} className="agenda-item series-date">
                  <span className="agenda-main">
                    <strong>{dateTimeLabel(slot?.start ?? o.start, clinic.timeZone)}</strong>
                    {slot ? (
                      <span className="agenda-meta">
                        with {refs.therapistName(slot.therapistId) ?? 'Therapist'}
                        {slot.start !== o.start ? ' (moved)' : ''}
                      </span>
                    ) : null}
                    {slot && marks[i]!.length > 0 ? (
                      <span className="badge badge-warning series-mark">{markText(marks[i]!)}</span>
                    ) : null}
                    {slot ? null : (
                      <span className="agenda-meta">
                        {o.ok ? 'Left out' : `Not free: ${problemText(o.problems)}`}
                      </span>
                    )}
                  </span>
                  {slot ? (
                    <button
                      type="button"
                      className="button button-secondary"
                      onClick={() => setChosen(chosen.map((c, j) => (j === i ? null : c)))}
                    >
                      Leave out
                    </button>
                  ) : o.alternatives ? (
                    <Alternatives
                      alternatives={o.alternatives}
                      timeZone={clinic.timeZone}
                      nameOf={refs.therapistName}
                      message="Pick the nearest free time instead:"
                      onPick={(alt) => setChosen(chosen.map((c, j) => (j === i ? alt : c)))}
                    />
                  ) : o.ok ? (
                    <button
                      type="button"
                      className="button button-secondary"
                      onClick={() => setChosen(chosen.map((c, j) => (j === i ? o.slot : c)))}
                    >
                      Put back
                    </button>
                  ) : null}
                </li>
              );
            })}
          </ol>
          {warnings.length > 0 ? (
            <div className="checkbox">
              <input
                type="checkbox"
                id={`${id}-ack`}
                checked={acknowledged}
                onChange={(e) => setAcknowledged(e.target.checked)}
              />
              <label htmlFor={`${id}-ack`}>Book anyway, beyond what the referral allows</label>
            </div>
          ) : null}
          <Alert>{error}</Alert>
          <div className="form-actions">
            <button
              type="button"
              className="button"
              disabled={busy || picked.length === 0 || (warnings.length > 0 && !acknowledged)}
              onClick={() => void book()}
            >
              Book {picked.length} {picked.length === 1 ? 'session' : 'sessions'}
            </button>
          </div>
        </section>
      ) : null}
    </Page>
  );
}
