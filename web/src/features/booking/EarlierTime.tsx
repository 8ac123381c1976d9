import { useEffect, useId, useRef } from 'react';
import type { PublicService, TherapistSchedule } from '../../api/scheduling.ts';
import { WaitlistForm } from '../waitlist/WaitlistForm.tsx';
import type { EarlierTimeDefaults } from './earlier-time.ts';

/**
 * "Ask for an earlier time", opened where it was asked for (in the appointment's card, or in place of the
 * general button). The button that opened it is gone, so focus moves to the form's heading and the form
 * scrolls into view: on a phone, nothing would seem to happen otherwise.
 */
export function EarlierTime({
  headingLevel,
  clinicId,
  patientId,
  services,
  therapists,
  defaults,
  onJoined,
  onClose,
}: {
  /** 4 inside an appointment's card (under its h3), 3 under the page's "Earlier times". */
  headingLevel: 3 | 4;
  clinicId: string;
  patientId: string;
  services: PublicService[];
  therapists: TherapistSchedule[];
  defaults: EarlierTimeDefaults;
  onJoined: () => void;
  onClose: () => void;
}) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
    // Optional call: not every environment that renders the page can scroll.
    heading.current?.scrollIntoView?.({ block: 'start' });
  }, []);
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <section className="change-time earlier-time" aria-labelledby={headingId}>
      <Heading id={headingId} ref={heading} tabIndex={-1}>
        Ask for an earlier time
      </Heading>
      <p className="small muted">
        We e-mail you when a matching time opens up; the first to accept it gets it.
      </p>
      <WaitlistForm
        clinicId={clinicId}
        patientId={patientId}
        services={services}
        therapists={therapists}
        defaults={defaults}
        onJoined={onJoined}
        onCancel={onClose}
      />
    </section>
  );
}
