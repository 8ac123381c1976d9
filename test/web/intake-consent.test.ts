import { describe, expect, it } from 'vitest';
import { consentStep } from '../../web/src/features/intake/consent-step.ts';

const ZONE = 'America/Los_Angeles';
// 9:30 PM in Los Angeles on Nov 20 is already Nov 21 in UTC: the date is the clinic's.
const SIGNED_AT = '2026-11-21T05:30:00.000Z';
const CURRENT_TEXT = 'consent-2026-11';

describe('the consent step', () => {
  it('asks a first intake to sign', () => {
    expect(consentStep({ signatureRequired: true, lastSigned: null }, ZONE)).toEqual({
      kind: 'sign',
      notice: null,
    });
  });

  it('tells an update that the consent signed before holds, on the clinic’s date', () => {
    const step = consentStep(
      { signatureRequired: false, lastSigned: { signedAt: SIGNED_AT, textVersion: CURRENT_TEXT } },
      ZONE,
    );
    expect(step).toEqual({
      kind: 'on-file',
      notice: 'You signed the consent on Nov 20, 2026; no need to sign again.',
    });
    expect(step.notice).not.toContain(CURRENT_TEXT);
  });

  it('asks an update to sign the new text when the consent changed since', () => {
    expect(
      consentStep(
        {
          signatureRequired: true,
          lastSigned: { signedAt: '2025-03-02T16:00:00.000Z', textVersion: 'consent-2025-01' },
        },
        ZONE,
      ),
    ).toEqual({
      kind: 'sign',
      notice:
        'The consent has changed since you signed it on Mar 2, 2025. Read the new text and sign it below.',
    });
  });
});
