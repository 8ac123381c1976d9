import '../calendar/calendar.css';
import './setup.css';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useClinic } from '../../app/session.tsx';
import { Page } from '../../components/Page.tsx';
import { LiveMessage, LoadError, Loading } from '../../components/Status.tsx';
import { useScheduleRefs } from '../calendar/refs.ts';
import { RoomsSection } from './RoomsSection.tsx';
import { RulesSection } from './RulesSection.tsx';
import { ServicesSection } from './ServicesSection.tsx';
import { SETUP_SECTIONS, setupSection } from './sections.ts';
import { TherapistsSection } from './TherapistsSection.tsx';

/** Owners and front desk set up what can be booked: services, rooms, therapists' hours, booking rules. */
export function ScheduleSetupPage() {
  const clinic = useClinic();
  const refs = useScheduleRefs(clinic.id);
  // The part shown lives in the URL (`?tab=rules`) so Settings can link straight to the booking rules.
  const [search, setSearch] = useSearchParams();
  const section = setupSection(search.get('tab'));
  const [message, setMessage] = useState<string | null>(null);
  const done = (text: string) => {
    setMessage(text);
    void refs.services.refetch();
    void refs.rooms.refetch();
    void refs.therapists.refetch();
  };
  return (
    <Page
      title="Schedule set-up"
      intro={
        <p>
          What can be booked at {clinic.name}, by whom, where and when. Times are clinic time (
          {clinic.timeZone.replaceAll('_', ' ')}).
        </p>
      }
    >
      <fieldset className="button-group section-switch">
        <legend className="visually-hidden">Part of the set-up</legend>
        {SETUP_SECTIONS.map(([key, label]) => (
          <button
            key={key}
            type="button"
            className="button button-secondary"
            aria-pressed={section === key}
            onClick={() => setSearch({ tab: key }, { replace: true })}
          >
            {label}
          </button>
        ))}
      </fieldset>
      <LiveMessage message={message} />
      {refs.pending || refs.locations.isPending ? (
        <Loading />
      ) : refs.error ? (
        <LoadError error={refs.error} />
      ) : section === 'services' ? (
        <ServicesSection refs={refs} onDone={done} />
      ) : section === 'rooms' ? (
        <RoomsSection refs={refs} onDone={done} />
      ) : section === 'therapists' ? (
        <TherapistsSection refs={refs} onDone={done} />
      ) : (
        <RulesSection onDone={done} />
      )}
    </Page>
  );
}
