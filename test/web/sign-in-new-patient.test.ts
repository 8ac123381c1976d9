import { describe, expect, it } from 'vitest';
import { newPatientPath } from '../../web/src/features/auth/new-patient.ts';

describe('the sign-in page’s way in for a new patient', () => {
  it('leads to the therapist directory (a server page) and to booking', () => {
    for (const from of [undefined, '/', '/appointments']) {
      const path = newPatientPath(from);
      expect(path.intro).toMatch(/book your first visit/i);
      expect(path.links).toEqual([
        { label: 'Find a therapist', href: '/find', spa: false },
        { label: 'Book your first visit', href: '/book', spa: true },
      ]);
    }
  });

  it('sends someone who came from a booking back to it, where the account is created', () => {
    const from = '/book?clinicId=01900000-0000-7000-8000-000000000001';
    expect(newPatientPath(from).links).toEqual([{ label: 'Back to my booking', href: from, spa: true }]);
    expect(newPatientPath('/book').links[0]?.href).toBe('/book');
    // Only the booking page itself, not a path that merely starts with the same letters.
    expect(newPatientPath('/bookings').links.map((l) => l.href)).toEqual(['/find', '/book']);
  });
});
