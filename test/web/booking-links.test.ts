import { describe, expect, it } from 'vitest';
import type { BookableClinic } from '../../web/src/features/booking/api.ts';
import { initialChoices } from '../../web/src/features/booking/choices.ts';
import { clinicInView, linkedTherapist } from '../../web/src/features/booking/links.ts';

const clinic = (id: string, name: string): BookableClinic => ({
  id,
  name,
  timeZone: 'America/Los_Angeles',
  locations: [],
});
const HARBOR = clinic('01900000-0000-7000-8000-0000000000a1', 'Harbor Medical Massage');
const CENTRAL = clinic('01900000-0000-7000-8000-0000000000b2', 'Central Coast Medical Massage');
const BOTH = [CENTRAL, HARBOR];

describe('the clinic a booking is at', () => {
  it('is fixed by a link to a clinic that books online: no other clinic is offered', () => {
    expect(clinicInView(BOTH, { link: HARBOR.id, chosen: HARBOR.id })).toEqual({
      clinic: HARBOR,
      step: 'fixed',
      unknownLink: false,
    });
    // Even when the visitor's saved choice or signed-in clinic is the other one.
    expect(clinicInView(BOTH, { link: HARBOR.id, chosen: CENTRAL.id, session: CENTRAL.id })).toMatchObject({
      clinic: HARBOR,
      step: 'fixed',
    });
  });

  it('is chosen among several without a link, starting from the saved choice or the signed-in clinic', () => {
    expect(clinicInView(BOTH, { link: null, chosen: '' })).toEqual({
      clinic: undefined,
      step: 'choose',
      unknownLink: false,
    });
    expect(clinicInView(BOTH, { link: null, chosen: CENTRAL.id, session: HARBOR.id }).clinic).toBe(CENTRAL);
    expect(clinicInView(BOTH, { link: null, chosen: '', session: HARBOR.id }).clinic).toBe(HARBOR);
  });

  it('needs no step when one clinic books online, and says when a link names one that does not', () => {
    expect(clinicInView([HARBOR], { link: HARBOR.id, chosen: HARBOR.id })).toMatchObject({ step: 'none' });
    expect(clinicInView([HARBOR], { link: null, chosen: '' })).toMatchObject({
      clinic: HARBOR,
      step: 'none',
    });
    const retired = '01900000-0000-7000-8000-0000000000c3';
    expect(clinicInView(BOTH, { link: retired, chosen: retired })).toEqual({
      clinic: undefined,
      step: 'choose',
      unknownLink: true,
    });
  });
});

describe('the therapist a booking link names', () => {
  const dana = { id: '01900000-0000-7000-8000-0000000000d4', displayName: 'Dana Kim' };
  const eli = { id: '01900000-0000-7000-8000-0000000000e5', displayName: 'Eli Moss' };

  it('is shown alone while still the one chosen and giving the session', () => {
    expect(linkedTherapist([dana, eli], { link: dana.id, chosen: dana.id })).toBe(dana);
    expect(linkedTherapist([dana, eli], { link: null, chosen: dana.id })).toBeUndefined();
    // They do not give this session: the list (first available) instead.
    expect(linkedTherapist([eli], { link: dana.id, chosen: dana.id })).toBeUndefined();
    expect(linkedTherapist([dana, eli], { link: dana.id, chosen: '' })).toBeUndefined();
  });

  it('starts the choices afresh when the link names another therapist at the same clinic', () => {
    const saved = { clinicId: HARBOR.id, therapistId: eli.id, choice: 'some-service', day: '2026-03-04' };
    expect(initialChoices(saved, HARBOR.id, dana.id)).toMatchObject({
      clinicId: HARBOR.id,
      therapistId: dana.id,
      choice: '',
      day: '',
    });
    // The same link again (back from signing in): everything chosen is kept.
    expect(initialChoices({ ...saved, therapistId: dana.id }, HARBOR.id, dana.id)).toMatchObject({
      therapistId: dana.id,
      choice: 'some-service',
      day: '2026-03-04',
    });
    expect(initialChoices(saved, HARBOR.id, null)).toMatchObject({
      therapistId: eli.id,
      choice: 'some-service',
    });
    expect(initialChoices(saved, CENTRAL.id, null)).toMatchObject({ clinicId: CENTRAL.id, choice: '' });
  });
});
