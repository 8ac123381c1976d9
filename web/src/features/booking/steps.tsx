import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { formatCents } from '../../../../src/domain/billing/money.ts';
import type { Availability, PublicService, Slot } from '../../api/scheduling.ts';
import { LoadError, Loading } from '../../components/Status.tsx';
import { serviceLabel } from '../calendar/refs.ts';
import { addDays, dayLabel, longDayLabel, timeLabel, zoneLabel } from '../calendar/time.ts';
import type { BookableClinic, PublicTherapist } from './api.ts';
import { REFERRAL } from './choices.ts';
import { FIRST_VISIT_HINT, serviceAudience } from './service-order.ts';

/** The referral text goes to the clinic as the booking note, after this prefix (the note holds 300 characters). */
export const REFERRAL_PREFIX = 'Referral: ';
export const referralNote = (text: string) => (text.trim() ? `${REFERRAL_PREFIX}${text.trim()}` : undefined);

/** One option of a step's radio list: its title, what else to know under it (`children`), marked when chosen. */
function Choice({
  name,
  value,
  chosen,
  onChoose,
  title,
  children,
}: {
  name: string;
  value: string;
  chosen: string;
  onChoose: (value: string) => void;
  title: string;
  children?: ReactNode;
}) {
  return (
    <label className={`choice${chosen === value ? ' chosen' : ''}`}>
      <input
        type="radio"
        name={name}
        value={value}
        checked={chosen === value}
        onChange={() => onChoose(value)}
      />
      <span className="choice-text">
        <span className="choice-title">{title}</span>
        {children}
      </span>
    </label>
  );
}

/** Step 0 (only when several clinics take online bookings): the clinic, or only the one a link fixed. */
export function ClinicStep({
  clinics,
  clinicId,
  onChoose,
}: {
  clinics: BookableClinic[];
  clinicId: string;
  onChoose: (clinicId: string) => void;
}) {
  return (
    <fieldset className="choice-list">
      <legend>Where would you like to be treated?</legend>
      {clinics.map((c) => (
        <Choice key={c.id} name="clinic" value={c.id} chosen={clinicId} onChoose={onChoose} title={c.name}>
          {c.locations.map((l) => (
            <span key={l.id} className="choice-meta">
              {l.name} · {l.addressLine1}, {l.city}
            </span>
          ))}
        </Choice>
      ))}
    </fieldset>
  );
}

/** Step 1: a session type, or "I have a referral for…" (a note, plus the session type to book). */
export function ServiceStep({
  services,
  choice,
  note,
  referralServiceId,
  onChoose,
  onNote,
  onReferralService,
  firstVisitHint = false,
}: {
  services: PublicService[];
  choice: string;
  note: string;
  referralServiceId: string;
  onChoose: (choice: string) => void;
  onNote: (note: string) => void;
  onReferralService: (serviceId: string) => void;
  /** A signed-in patient not yet seen at the clinic: the new-patient sessions come first, and this says so. */
  firstVisitHint?: boolean;
}) {
  return (
    <fieldset className="choice-list">
      <legend>What would you like to book?</legend>
      {firstVisitHint ? <p className="muted first-visit-hint">{FIRST_VISIT_HINT}</p> : null}
      {services.map((s) => (
        <label key={s.id} className={`choice${choice === s.id ? ' chosen' : ''}`}>
          <input
            type="radio"
            name="service"
            value={s.id}
            checked={choice === s.id}
            onChange={() => onChoose(s.id)}
          />
          <span className="choice-text">
            <span className="choice-title">{s.name}</span>
            <span className="choice-meta">
              {s.durationMinutes} min · {formatCents(s.priceCents)} · {serviceAudience(s.kind)}
            </span>
            {s.description ? <span className="choice-meta">{s.description}</span> : null}
          </span>
        </label>
      ))}
      <label className={`choice${choice === REFERRAL ? ' chosen' : ''}`}>
        <input
          type="radio"
          name="service"
          value={REFERRAL}
          checked={choice === REFERRAL}
          onChange={() => onChoose(REFERRAL)}
        />
        <span className="choice-text">
          <span className="choice-title">I have a referral for…</span>
          <span className="choice-meta">Tell us what your doctor referred you for</span>
        </span>
      </label>
      {choice === REFERRAL ? (
        <div className="referral-details">
          <div className="field">
            <label htmlFor="referral-note">What is the referral for?</label>
            <div className="field-hint" id="referral-note-hint">
              A few words, e.g. “lymphatic drainage after knee surgery”. Bring the referral to your first
              visit.
            </div>
            <textarea
              id="referral-note"
              aria-describedby="referral-note-hint"
              rows={2}
              maxLength={300 - REFERRAL_PREFIX.length}
              value={note}
              onChange={(e) => onNote(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="referral-service">Session to book</label>
            <select
              id="referral-service"
              value={referralServiceId}
              onChange={(e) => onReferralService(e.target.value)}
            >
              {services.map((s) => (
                <option key={s.id} value={s.id}>
                  {serviceLabel(s)}
                </option>
              ))}
            </select>
          </div>
        </div>
      ) : null}
    </fieldset>
  );
}

/** Step 2: a therapist who offers the service, or the first available (not when a link fixed the therapist). */
export function TherapistStep({
  therapists,
  therapistId,
  firstAvailable = true,
  onChoose,
}: {
  therapists: PublicTherapist[];
  therapistId: string;
  firstAvailable?: boolean;
  onChoose: (id: string) => void;
}) {
  const options = firstAvailable ? [{ id: '', displayName: 'First available' }, ...therapists] : therapists;
  return (
    <fieldset className="choice-list">
      <legend>Who would you like to see?</legend>
      {options.map((t) => (
        <Choice
          key={t.id || 'first'}
          name="therapist"
          value={t.id}
          chosen={therapistId}
          onChoose={onChoose}
          title={t.displayName}
        >
          {t.id ? null : <span className="choice-meta">The earliest times with any of our therapists</span>}
        </Choice>
      ))}
    </fieldset>
  );
}

/** Where, at a clinic with several locations: any of them (the earliest times), or one the patient can reach. */
export function LocationStep({
  locations,
  locationId,
  onChoose,
}: {
  locations: BookableClinic['locations'];
  locationId: string;
  onChoose: (id: string) => void;
}) {
  const options = [{ id: '', name: 'Any of our locations', addressLine1: '', city: '' }, ...locations];
  return (
    <fieldset className="choice-list">
      <legend>Where?</legend>
      {options.map((l) => (
        <Choice
          key={l.id || 'any'}
          name="location"
          value={l.id}
          chosen={locationId}
          onChoose={onChoose}
          title={l.name}
        >
          <span className="choice-meta">
            {l.id ? `${l.addressLine1}, ${l.city}` : 'The earliest times, wherever they are'}
          </span>
        </Choice>
      ))}
    </fieldset>
  );
}

/** Step 3: days with free times, then the times of the chosen day. */
export function TimeStep({
  slots,
  zone,
  zoneName,
  day,
  slot,
  onDay,
  onSlot,
}: {
  slots: Slot[];
  zone: string;
  zoneName: string;
  day: string;
  slot: Slot | null;
  onDay: (day: string) => void;
  onSlot: (slot: Slot) => void;
}) {
  const days = [...new Set(slots.map((s) => s.localDate))];
  const times = slots.filter((s) => s.localDate === day);
  return (
    <div className="time-step">
      <p className="zone-note">
        Times are in <strong>{zoneName}</strong>, the clinic’s time zone.
      </p>
      <fieldset className="day-list">
        <legend>Day</legend>
        {days.map((d) => {
          const first = slots.find((s) => s.localDate === d)!;
          return (
            <button key={d} type="button" className="chip" aria-pressed={day === d} onClick={() => onDay(d)}>
              {dayLabel(first.start, zone)}
            </button>
          );
        })}
      </fieldset>
      {day ? (
        <fieldset className="time-list">
          <legend>Time on {times[0] ? dayLabel(times[0].start, zone) : day}</legend>
          {times.map((s) => (
            <button
              key={`${s.start}-${s.therapistId}`}
              type="button"
              className="chip chip-time"
              aria-pressed={slot?.start === s.start && slot.therapistId === s.therapistId}
              onClick={() => onSlot(s)}
            >
              {timeLabel(s.start, zone)}
            </button>
          ))}
        </fieldset>
      ) : null}
    </div>
  );
}

/** How many days of free times are shown at once. */
export const WINDOW_DAYS = 14;

/**
 * The free times of a window of days (loading, none, or days and times to pick), with buttons to the earlier
 * and later windows. Booking and moving an appointment both pick a time with it.
 */
export function FreeTimes({
  times,
  zone,
  today,
  windowStart,
  day,
  slot,
  onDay,
  onSlot,
  onWindow,
}: {
  times: UseQueryResult<Availability>;
  zone: string;
  today: string;
  windowStart: string;
  day: string;
  slot: Slot | null;
  onDay: (day: string) => void;
  onSlot: (slot: Slot) => void;
  onWindow: (windowStart: string) => void;
}) {
  const slots = times.data?.slots ?? [];
  return (
    <>
      {times.isPending ? (
        <Loading label="Finding free times…" />
      ) : times.isError ? (
        <LoadError error={times.error} retry={() => times.refetch()} />
      ) : slots.length === 0 ? (
        <p>
          No free times between {longDayLabel(`${windowStart}T12:00:00Z`, 'UTC')} and{' '}
          {longDayLabel(`${addDays(windowStart, WINDOW_DAYS - 1)}T12:00:00Z`, 'UTC')}.
        </p>
      ) : (
        <TimeStep
          slots={slots}
          zone={zone}
          zoneName={zoneLabel(zone, slots[0]?.start)}
          day={slots.some((s) => s.localDate === day) ? day : ''}
          slot={slot}
          onDay={onDay}
          onSlot={onSlot}
        />
      )}
      <div className="window-nav">
        {windowStart > today ? (
          <button
            type="button"
            className="button button-secondary button-large"
            onClick={() => onWindow(addDays(windowStart, -WINDOW_DAYS))}
          >
            Earlier dates
          </button>
        ) : null}
        <button
          type="button"
          className="button button-secondary button-large"
          onClick={() => onWindow(addDays(windowStart, WINDOW_DAYS))}
        >
          Later dates
        </button>
      </div>
    </>
  );
}
