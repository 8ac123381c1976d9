import { describe, expect, it } from 'vitest';
import { getRegion } from '../../domain/catalog/body-regions.ts';
import { getTechnique } from '../../domain/catalog/techniques.ts';
import { getInstrument } from '../../domain/outcomes/instruments/index.ts';
import { CONDITION_LABELS } from '../../domain/safety/codes.ts';
import { QUESTIONNAIRE_V1, type QuestionnaireDefinition, questionsOf } from '../intake/questionnaire-v1.ts';
import { QUESTIONNAIRE_V2 } from '../intake/questionnaire-v2.ts';
import {
  assessmentLines,
  conditionName,
  contactText,
  dateText,
  goalText,
  instrumentName,
  intakeLines,
  isEmpty,
  languageName,
  lines,
  motionName,
  noteLines,
  optionLabel,
  siteName,
  techniqueName,
  valueText,
} from './record-text.ts';

const label = (id: string) => questionsOf(QUESTIONNAIRE_V2).find((q) => q.id === id)!.label;
/** No line prints a boolean, a raw ISO date or a catalogue id. */
const expectReadable = (text: string, ids: string[]) => {
  expect(text).not.toMatch(/\b(true|false)\b/);
  expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  for (const id of ids) expect(text).not.toContain(id);
};

describe('values as a patient reads them', () => {
  it('says Yes or No for booleans and writes calendar dates in words', () => {
    expect(valueText(true)).toBe('Yes');
    expect(valueText(false)).toBe('No');
    expect(valueText('2026-03-02')).toBe('Mar 2, 2026');
    expect(dateText('2026-12-31')).toBe('Dec 31, 2026');
    expect(dateText('next week')).toBe('next week');
    expect(valueText(['2026-03-02', '', 'x'])).toBe('Mar 2, 2026, x');
  });

  it('names conditions, techniques, body regions, instruments and motions by their labels', () => {
    expect(conditionName('recent-surgery')).toBe(CONDITION_LABELS['recent-surgery']);
    expect(conditionName('recent-surgery')).not.toBe('recent-surgery');
    expect(techniqueName('myofascial-release')).toBe(getTechnique('myofascial-release').name);
    expect(siteName('calf-left')).toBe(getRegion('calf-left').label);
    expect(siteName('leg-left')).toBe('Left leg');
    expect(instrumentName('quickdash')).toBe(getInstrument('quickdash').name);
    expect(motionName('lumbar.flexion')).toBe('Lumbar spine flexion');
    expect(motionName('shoulder.flexion', 'left')).toBe('Shoulder flexion (left)');
    // An id the catalogues do not know is printed as stored, never dropped.
    expect(techniqueName('retired-technique')).toBe('retired-technique');
    expect(siteName('elsewhere')).toBe('elsewhere');
  });

  it('drops the form’s examples and instructions from an option label', () => {
    const options = [
      { value: 'anticoagulant', label: 'Blood thinner (anticoagulant), e.g. warfarin, apixaban' },
      { value: 'other', label: 'Other medicine (write its name)' },
    ];
    expect(optionLabel(options, 'anticoagulant')).toBe('Blood thinner (anticoagulant)');
    expect(optionLabel(options, 'other')).toBe('Other medicine');
    expect(optionLabel(options, 'not-listed')).toBe('Not listed');
  });

  it('names languages and contacts', () => {
    expect(languageName('es')).toBe('Spanish');
    expect(languageName('not a tag!')).toBe('not a tag!');
    expect(contactText({ name: 'Maria Lopez', relationship: 'mother', phone: '555 0100' })).toBe(
      'Maria Lopez (mother), 555 0100',
    );
    expect(contactText(null)).toBeNull();
  });
});

describe('lines (any stored value)', () => {
  it('leaves out empty values, indents nested ones and humanises keys', () => {
    expect(isEmpty({ a: [], b: { c: '' } })).toBe(true);
    expect(
      lines({
        empty: [],
        none: {},
        blank: '  ',
        onSofa: { sitting: false, seenOn: '2026-03-02' },
        tags: ['a', 'b'],
      }),
    ).toEqual(['On sofa:', '  Sitting: No', '  Seen on: Mar 2, 2026', 'Tags: a, b']);
    expect(lines([{ a: 1 }, {}], '', 'Rows')).toEqual(['Rows:', '  Item 1:', '    A: 1']);
  });
});

describe('intake answers', () => {
  const answers = {
    conditions: [{ code: 'recent-sprain', site: ['low-back'], onset: '2026-01-05' }],
    medications: [
      { class: 'anticoagulant', name: 'Warfarin' },
      { class: 'other', name: 'Ibuprofen' },
    ],
    allergies: [],
    surgeries: [{ date: '2024-05-02', site: ['knee-left'], description: 'Knee arthroscopy' }],
    pregnancy: { pregnant: true, weeks: 20, highRisk: false },
    pain: { level: 6, regions: ['low-back', 'gluteal-right'] },
    lifestyle: { hoursSittingPerDay: 6, activityLevel: 'light' },
    pressurePreference: 'moderate',
    draping: 'more-covered',
    consent: { agreed: true, typedName: 'Ana Lopez' },
    fromAnOlderForm: 'kept',
  };
  const out = intakeLines(answers, 2);
  const text = out.join('\n');

  it('stands each answer under its question, booleans as Yes/No', () => {
    expect(out).toContain(`  ${label('pregnancy')} Yes`);
    expect(out).toContain('    High-risk pregnancy: No');
    expect(out).toContain('    Weeks pregnant: 20');
    expect(out).toContain(`  ${label('allergies')} None`);
    // A label that ends a sentence takes no colon; one that does not, takes one.
    expect(label('surgeries')).toMatch(/\.$/);
    expect(intakeLines({ surgeries: [] }, 2)).toEqual([`  ${label('surgeries')} None`]);
    expect(intakeLines({ lifestyle: { occupation: 'Teacher' } }, 2)).toEqual([
      `  ${label('lifestyle')}`,
      '    Occupation: Teacher',
    ]);
    expect(out).toContain(`  ${label('pressurePreference')} Moderate`);
    expect(out).toContain('    Agreed: Yes');
    expectReadable(text, ['recent-sprain', 'low-back', 'gluteal-right', 'knee-left', 'more-covered']);
  });

  it('writes conditions, sites, medicines and choices by their labels', () => {
    expect(text).toContain(
      `${CONDITION_LABELS['recent-sprain']} — where: ${getRegion('low-back').label}; started Jan 5, 2026`,
    );
    expect(text).toContain('Blood thinner (anticoagulant): Warfarin');
    expect(text).toContain('\n    Ibuprofen');
    expect(text).toContain(`Knee arthroscopy — May 2, 2024; where: ${getRegion('knee-left').label}`);
    expect(text).toContain(`Where: ${getRegion('low-back').label}, ${getRegion('gluteal-right').label}`);
    expect(text).toContain('Pain level: 6/10');
    expect(text).toContain('How active: Light activity (walks, light chores)');
    expect(text).toContain('As much covered as possible');
  });

  it('keeps an answer no question of its version asks, and reads a version-1 response with version 1', () => {
    expect(out).toContain('  From an older form: kept');
    // Version 1 has no comfort section: a draping answer is still printed, under its key, as stored.
    expect((QUESTIONNAIRE_V1 as QuestionnaireDefinition).sections.some((s) => s.id === 'comfort')).toBe(
      false,
    );
    expect(intakeLines({ draping: 'standard' }, 1)).toEqual(['  Draping: standard']);
    expect(intakeLines({ draping: 'standard' }, 2)).toEqual([
      `  ${label('draping')} Under a sheet, only the area being treated uncovered`,
    ]);
  });
});

describe('evaluations and session notes', () => {
  it('writes an evaluation’s findings, motions and trigger points in words', () => {
    const out = assessmentLines({
      chiefComplaint: 'Low back pain',
      palpation: {
        tone: 'hypertonic',
        triggerPoints: [
          { region: 'gluteal-right', muscle: 'gluteus medius', referralPattern: 'thigh', active: true },
        ],
      },
      bodyChart: [{ region: 'calf-left', kind: 'numbness_tingling', intensity: 4 }],
      rom: [{ jointMotion: 'lumbar.flexion', value: 40 }],
    });
    expect(out).toEqual([
      '  Chief complaint: Low back pain',
      '  Palpation:',
      '    Tone: Hypertonic',
      '    Trigger points:',
      `      ${getRegion('gluteal-right').label}, gluteus medius — referral pattern: thigh; active: Yes`,
      '  Body chart:',
      `    ${getRegion('calf-left').label}: Numbness / tingling 4/10`,
      '  Range of motion:',
      '    Lumbar spine flexion: 40°',
    ]);
  });

  it('writes a note’s treatment, goal progress and health changes in words', () => {
    const text = noteLines(
      {
        subjective: {
          painToday: 5,
          painMedication: 'less',
          healthChanges: { changed: true, note: 'New inhaler' },
        },
        treatment: {
          rows: [
            { techniqueId: 'trigger-point-therapy', region: 'gluteal-right', minutes: 10, pressure: 'firm' },
          ],
          position: ['side-lying-left'],
        },
        assessment: { goalProgress: [{ goalId: 'g1', progress: 'no-change' }] },
        pain: { before: 6 },
      },
      new Map([['g1', 'Sit through a meeting']]),
    ).join('\n');
    expect(text).toContain(
      `${getTechnique('trigger-point-therapy').name}, ${getRegion('gluteal-right').label}, 10 min, firm pressure`,
    );
    expect(text).toContain('Health changes: Yes — New inhaler');
    expect(text).toContain('Pain medication since the last visit: Less than before');
    expect(text).toContain('Position: Side-lying, left side down');
    expect(text).toContain('Sit through a meeting: No change');
    expect(text).toContain('Pain before the session: 6/10; after: —');
    expectReadable(text, ['trigger-point-therapy', 'gluteal-right', 'side-lying-left', 'g1']);
  });

  it('writes a goal with its instrument’s or motion’s name and a readable due date', () => {
    expect(
      goalText({
        kind: 'instrument',
        instrumentId: 'quickdash',
        baseline: 60,
        target: 30,
        dueDate: '2026-04-13',
      }),
    ).toBe(`${getInstrument('quickdash').name} 60 → 30 by Apr 13, 2026`);
    expect(
      goalText({ kind: 'rom', jointMotion: 'tmj.opening', baseline: 28, target: 40, dueDate: '2026-04-13' }),
    ).toMatch(/^\S.* 28 mm → 40 mm by Apr 13, 2026$/);
    expect(goalText({ kind: 'functional', patientWords: 'Lift my child', dueDate: '2026-04-13' })).toBe(
      'Lift my child by Apr 13, 2026',
    );
  });
});
