import { describe, expect, it } from 'vitest';
import {
  OVERRIDE_LIMIT,
  type OverrideListItem,
  overrideCardItem,
  overridesIntro,
  overridesSince,
  REASON_SHOWN_MAX,
  shortReason,
} from '../../web/src/features/home/safety-overrides.ts';

const REASON = 'The patient told us of the clot a week after this visit; the calf was treated that day.';

const item: OverrideListItem = {
  patientId: '0190e8a0-0000-7000-8000-000000000001',
  patientName: 'Ana Example',
  noteId: '0190e8a0-0000-7000-8000-000000000002',
  visitDate: '2026-03-02',
  amendmentId: null,
  override: {
    reason: REASON,
    by: { userId: 'u1', name: 'Mia Chen' },
    at: '2026-03-02T17:00:00.000Z',
    findings: [
      {
        key: 'dvt',
        ruleId: 'dvt-limb',
        subject: 'Blood clot (DVT) in the left calf',
        restriction: 'no massage of the left leg',
        reason: 'r',
        clearancePolicy: 'may-override',
        rows: [],
        hotCold: false,
      },
      {
        key: 'heat',
        ruleId: 'bleeding-heat',
        subject: 'Blood thinner',
        restriction: 'no heat',
        reason: 'r',
        clearancePolicy: 'not-overridable',
        rows: [],
        hotCold: true,
      },
    ],
    replacedBy: null,
  },
  earlier: 0,
};
const day = (iso: string) => `day of ${iso.slice(0, 10)}`;

describe('treatment given despite a contraindication, on the owner’s Home', () => {
  it('says whose visit (the link to the note), who gave it, what was ruled out and why', () => {
    expect(overrideCardItem(item, day)).toEqual({
      key: item.noteId,
      href: `/patients/${item.patientId}/notes/${item.noteId}`,
      link: 'Ana Example, visit of Mar 2, 2026',
      given: 'Given by Mia Chen',
      ruledOut:
        'Ruled out: Blood clot (DVT) in the left calf: no massage of the left leg; Blood thinner: no heat',
      reason: `Reason: ${REASON}`,
      corrected: null,
      shortened: false,
    });
  });

  it('says when the treatment was corrected since: the latest of several reasons, or itself replaced', () => {
    const latest = overrideCardItem(
      {
        ...item,
        amendmentId: 'a1',
        earlier: 1,
        override: { ...item.override, at: '2026-03-10T18:00:00.000Z' },
      },
      day,
    );
    expect(latest.key).toBe('a1');
    expect(latest.corrected).toBe(
      'Corrected since signing: the latest of 2 reasons recorded on this note (all kept in the note)',
    );
    const replaced = overrideCardItem(
      {
        ...item,
        override: {
          ...item.override,
          replacedBy: { amendmentId: 'a2', at: '2026-03-12T18:00:00.000Z' },
        },
      },
      day,
    );
    expect(replaced.corrected).toBe(
      'Corrected since (day of 2026-03-12): the treatment this reason is about is no longer on the note',
    );
  });

  it('says when a correction of the note recorded it, and names a former member', () => {
    const amended = overrideCardItem(
      {
        ...item,
        amendmentId: 'a1',
        override: { ...item.override, by: { userId: 'u1', name: '' }, at: '2026-03-10T18:00:00.000Z' },
      },
      day,
    );
    expect(amended.key).toBe('a1');
    expect(amended.href).toBe(`/patients/${item.patientId}/notes/${item.noteId}`);
    expect(amended.given).toBe(
      'Given by a former member (recorded in a correction of the note, day of 2026-03-10)',
    );
  });

  it('shortens a long reason at a word, and says so', () => {
    const long = `${'The physician said by phone that gentle work was fine. '.repeat(5)}End.`;
    const line = overrideCardItem({ ...item, override: { ...item.override, reason: long } }, day);
    expect(line.shortened).toBe(true);
    expect(line.reason.startsWith('Reason: The physician said by phone')).toBe(true);
    expect(line.reason.endsWith('…')).toBe(true);
    expect(line.reason.length).toBeLessThanOrEqual('Reason: '.length + REASON_SHOWN_MAX);

    expect(shortReason('one two three four five', 12)).toBe('one two…');
    expect(shortReason('  spaced\n\nout   words  ', 40)).toBe('spaced out words');
    expect(shortReason('x'.repeat(30), 10)).toBe(`${'x'.repeat(9)}…`);
    // Line breaks alone are not a shortening.
    expect(
      overrideCardItem({ ...item, override: { ...item.override, reason: `Line one\nline two` } }, day)
        .shortened,
    ).toBe(false);
  });

  it('opens with at how many visits, over the last 30 days, and says when the list is cut', () => {
    expect(overridesIntro(1)).toMatch(/^In the last 30 days, treatment was given at 1 visit although/);
    expect(overridesIntro(2)).toMatch(/^In the last 30 days, treatment was given at 2 visits although/);
    expect(overridesIntro(OVERRIDE_LIMIT)).toContain(
      `at ${OVERRIDE_LIMIT} or more visits (the latest ${OVERRIDE_LIMIT} are listed)`,
    );
  });

  it('asks from 30 days back, at the start of that hour (one read per hour, not per render)', () => {
    expect(overridesSince(new Date('2026-03-31T15:42:17.123Z'))).toBe('2026-03-01T15:00:00.000Z');
    expect(overridesSince(new Date('2026-03-31T15:59:59.999Z'))).toBe('2026-03-01T15:00:00.000Z');
    expect(overridesSince(new Date('2026-03-31T15:42:00Z'), 1)).toBe('2026-03-30T15:00:00.000Z');
  });
});
