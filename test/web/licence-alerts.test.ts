import { describe, expect, it } from 'vitest';
import { licenceAlertText } from '../../web/src/features/home/licence-alerts.ts';

const alert = {
  therapistId: '0190e8a0-0000-7000-8000-000000000001',
  therapistName: 'Sam Ortiz',
  credentialId: '0190e8a0-0000-7000-8000-000000000002',
  title: 'Certified Massage Therapist (CMT)',
  expiresOn: '2026-11-17',
  daysToExpiry: -11,
  appointmentsAfterExpiry: 3,
};

describe('a licence alert on the owner’s home page', () => {
  it('says when the licence expired or expires, and how many appointments are booked after it', () => {
    expect(licenceAlertText(alert)).toBe(
      'Sam Ortiz — Certified Massage Therapist (CMT) expired 11 days ago (Nov 17, 2026); 3 appointments are booked with them after that date.',
    );
    expect(licenceAlertText({ ...alert, daysToExpiry: 1, appointmentsAfterExpiry: 1 })).toBe(
      'Sam Ortiz — Certified Massage Therapist (CMT) expires in 1 day (Nov 17, 2026); 1 appointment is booked with them after that date.',
    );
    expect(licenceAlertText({ ...alert, daysToExpiry: 0, appointmentsAfterExpiry: 0 })).toBe(
      'Sam Ortiz — Certified Massage Therapist (CMT) expires today (Nov 17, 2026); no appointment is booked with them after that date.',
    );
  });
});
