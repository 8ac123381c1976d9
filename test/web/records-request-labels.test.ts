import { describe, expect, it } from 'vitest';
import { FORMAT_LABELS, requestedBy } from '../../web/src/features/records-requests/labels.ts';

describe('requestedBy', () => {
  it('reads as a sentence when the patient asked', () => {
    expect(requestedBy({ requesterName: 'The patient', requesterRelationship: 'self' })).toBe(
      'Requested by the patient',
    );
    expect(requestedBy({ requesterName: 'Ana Ruiz', requesterRelationship: 'self' })).toBe(
      'Requested by Ana Ruiz (the patient)',
    );
  });

  it('says who else asked on the patient’s behalf', () => {
    expect(requestedBy({ requesterName: 'Lee Ruiz', requesterRelationship: 'personal_representative' })).toBe(
      'Requested by Lee Ruiz (personal representative)',
    );
    expect(
      requestedBy({ requesterName: 'Theodore Law LLP', requesterRelationship: 'designated_third_party' }),
    ).toBe('Requested by Theodore Law LLP (third party the patient named)');
  });
});

describe('FORMAT_LABELS', () => {
  it('names formats in words and explains FHIR', () => {
    expect(FORMAT_LABELS.pdf_and_fhir).toBe('PDF and FHIR (a standard health-record file for other systems)');
    expect(FORMAT_LABELS.pdf).toBe('PDF');
    expect(Object.values(FORMAT_LABELS).join(' ')).not.toMatch(/_|\bfhir\b/);
  });
});
