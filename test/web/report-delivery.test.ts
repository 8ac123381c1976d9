import { describe, expect, it } from 'vitest';
import type { Report } from '../../web/src/features/reports/api.ts';
import { deliveryHeading, signedMessage, signMeaning } from '../../web/src/features/reports/delivery.ts';

type Parts = Pick<Report, 'facts' | 'recipients' | 'referringProvider' | 'deliveries'>;
const referred = { referral: { id: 'r' }, plan: { id: 'p' } } as unknown as Report['facts'];
const selfReferred = { referral: null, plan: { id: 'p' } } as unknown as Report['facts'];
const chen = { name: 'Maya Chen, MD', fax: '503-555-0142', phone: null };
const report = (over: Partial<Parts>): Parts => ({
  facts: referred,
  recipients: [],
  referringProvider: null,
  deliveries: [],
  ...over,
});
const delivery = {
  id: 'd',
  recipient: { userId: 'u', name: 'Ana Ruiz' },
  deliveredAt: '2026-03-02T18:00:00Z',
  openedAt: null,
  openCount: 0,
};

describe('what signing a report says about its delivery', () => {
  it('names the physicians on Palpa who will receive it', () => {
    expect(
      signMeaning(report({ recipients: [{ userId: 'u', name: 'Ana Ruiz' }], referringProvider: chen })),
    ).toBe(
      'Signing locks the report and delivers it to Ana Ruiz in Palpa (an e-mail tells them it is there).',
    );
  });

  it('says nobody on Palpa receives a paper referral’s report, and to print or fax it to the provider on file', () => {
    expect(signMeaning(report({ referringProvider: chen }))).toBe(
      'Signing locks the report. Nobody on Palpa will receive it: after signing, print or fax it to Maya Chen, MD (fax 503-555-0142).',
    );
    expect(signMeaning(report({ referringProvider: { ...chen, fax: null } }))).toContain(
      'print it and send it to Maya Chen, MD (no fax number on file)',
    );
    expect(signMeaning(report({}))).toContain('print the PDF and send it to the referring physician');
  });

  it('keeps a self-referred client’s report for the record', () => {
    expect(signMeaning(report({ facts: selfReferred }))).toContain(
      'kept for the record, not sent to a physician',
    );
    expect(deliveryHeading(report({ facts: selfReferred }))).toBe('Kept for the record');
  });
});

describe('a signed report’s delivery card', () => {
  it('is titled truthfully: delivered on Palpa, or the next step', () => {
    expect(deliveryHeading(report({ deliveries: [delivery] }))).toBe('Delivered on Palpa');
    expect(signedMessage(report({ deliveries: [delivery] }))).toBe('Signed and delivered to Ana Ruiz');
    expect(deliveryHeading(report({ referringProvider: chen }))).toBe(
      'Not delivered on Palpa: print or fax it to Maya Chen, MD (fax 503-555-0142)',
    );
    expect(signedMessage(report({ referringProvider: chen }))).toBe(
      'Signed. Nobody on Palpa received it: print or fax it to Maya Chen, MD (fax 503-555-0142)',
    );
  });
});
