import { describe, expect, it } from 'vitest';
import {
  bySeverity,
  type DayPatientFlags,
  daySafety,
  flagLine,
} from '../../web/src/features/home/day-safety.ts';

type Flag = DayPatientFlags['flags'][number];

const flag = (severity: Flag['severity'], subject: string, extra: Partial<Flag> = {}): Flag => ({
  ruleId: `${severity}-${subject}`,
  severity,
  subject,
  restriction: 'take care',
  clearance: null,
  clearanceLimits: null,
  ...extra,
});

const patient = (flags: Flag[], hasHealthHistory = true): DayPatientFlags => ({
  patientId: '01890a5d-ac96-774b-bcce-b302099a8057',
  hasHealthHistory,
  highestSeverity: flags[0]?.severity ?? null,
  flags,
  clearancesNeeded: [],
  allergies: [],
});

describe('daySafety', () => {
  it('names the worst flag in the chart’s severity words and colour, and counts the others', () => {
    expect(
      daySafety(
        patient([
          flag('precaution', 'Blood thinners'),
          flag('defer', 'Fever'),
          flag('avoid-area', 'Blood clot (DVT) in the left calf'),
        ]),
      ),
    ).toMatchObject({ kind: 'flags', tone: 'danger', text: 'Defer treatment: Fever · 2 more flags' });
    expect(
      daySafety(patient([flag('avoid-technique', 'Osteoporosis'), flag('precaution', 'Diabetes')])),
    ).toMatchObject({ tone: 'warning', text: 'Avoid technique: Osteoporosis · 1 more flag' });
    expect(daySafety(patient([flag('avoid-area', 'Recent surgery (right knee)')]))).toMatchObject({
      tone: 'danger',
      text: 'Avoid area: Recent surgery (right knee)',
    });
  });

  it('says where a clearance stands when the worst flag asks for one', () => {
    expect(
      daySafety(patient([flag('clearance', 'Recent surgery (lumbar)', { clearance: 'needed' })])),
    ).toMatchObject({ tone: 'warning', text: 'Clearance needed: Recent surgery (lumbar)' });
    expect(
      daySafety(
        patient([flag('clearance', 'Heart failure', { clearance: 'on-file' }), flag('precaution', 'Age')]),
      ),
    ).toMatchObject({ text: 'Clearance on file: Heart failure · 1 more flag' });
    expect(
      daySafety(patient([flag('clearance', 'Heart failure', { clearance: 'not-cleared' })])),
    ).toMatchObject({
      text: 'Not cleared by the physician: Heart failure',
    });
  });

  it('counts precautions when they are all there is', () => {
    expect(
      daySafety(patient([flag('precaution', 'Diabetes'), flag('precaution', 'Blood thinners')])),
    ).toMatchObject({ kind: 'flags', tone: 'info', text: '2 precautions' });
    expect(daySafety(patient([flag('precaution', 'Diabetes')]))).toMatchObject({
      text: 'Precaution: Diabetes',
    });
  });

  it('is quiet with no flags, and warns without a health history (nothing was screened)', () => {
    expect(daySafety(patient([]))).toEqual({ kind: 'none', text: 'No safety flags' });
    // Never screened must not look clear: a warning badge, not nothing and not "No safety flags".
    expect(daySafety(patient([], false))).toEqual({
      kind: 'unscreened',
      tone: 'warning',
      text: 'No health history — not screened',
      flags: [expect.stringMatching(/^No health history on file, so nothing was screened for safety/)],
    });
    // A patient the list does not hold (a no-show, or the flags not loaded yet): nothing either.
    expect(daySafety(undefined)).toBeNull();
  });

  it('describes every flag, most serious first, for the longer description', () => {
    const summary = daySafety(
      patient([
        flag('precaution', 'Diabetes', { restriction: 'check sensation in the feet.' }),
        flag('clearance', 'Heart failure', {
          clearance: 'on-file',
          clearanceLimits: 'Light pressure only.',
          restriction: 'no lymphatic drainage',
        }),
      ]),
    );
    expect(summary).toMatchObject({
      flags: [
        'Clearance on file: Heart failure — no lymphatic drainage (cleared with limits: Light pressure only).',
        'Precaution: Diabetes — check sensation in the feet.',
      ],
    });
    expect(flagLine(flag('defer', 'Fever', { restriction: 'no massage today' }))).toBe(
      'Defer treatment: Fever — no massage today.',
    );
  });
});

describe('bySeverity', () => {
  it('orders as the chart does and keeps the server’s order within a severity', () => {
    const flags = [
      flag('precaution', 'A'),
      flag('avoid-technique', 'B'),
      flag('defer', 'C'),
      flag('avoid-technique', 'D'),
      flag('clearance', 'E'),
      flag('avoid-area', 'F'),
    ];
    expect(bySeverity(flags).map((f) => f.subject)).toEqual(['C', 'F', 'B', 'D', 'E', 'A']);
    // The input is left as it was.
    expect(flags[0]!.subject).toBe('A');
  });
});
