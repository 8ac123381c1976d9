import { describe, expect, it } from 'vitest';
import { assessmentContent } from '../../src/modules/assessments/schemas.ts';
import { noteContent } from '../../src/modules/session-notes/schemas.ts';
import {
  AMENDABLE_ASSESSMENT_FIELDS,
  AMENDABLE_NOTE_FIELDS,
  type AmendableField,
  amendmentChanges,
  correctedValue,
  draftOf,
  valueText,
} from '../../web/src/features/assessments/amend.ts';

const field = (fields: AmendableField[], path: string) => {
  const f = fields.find((x) => x.path === path);
  if (!f) throw new Error(`${path} is not amendable`);
  return f;
};
const noteField = (path: string) => field(AMENDABLE_NOTE_FIELDS, path);
const evalField = (path: string) => field(AMENDABLE_ASSESSMENT_FIELDS, path);

const pain = noteField('subjective.painToday');
const rowsField = noteField('treatment.rows');
const row = {
  key: 't0',
  techniqueId: 'swedish-massage',
  region: 'upper-back',
  minutes: '20',
  pressure: 'moderate',
} as const;
const draft = (patch: Partial<ReturnType<typeof draftOf>>) => ({
  ...draftOf(undefined, undefined),
  ...patch,
});

describe('correctedValue', () => {
  it('refuses an empty number instead of sending 0', () => {
    for (const text of ['', '   '])
      expect(correctedValue(pain, draft({ text }))).toEqual({
        problem: 'Enter the corrected number: an amendment cannot leave it empty.',
      });
    expect(correctedValue(pain, draft({ text: '2.5' }))).toEqual({ problem: 'Enter a whole number.' });
    expect(correctedValue(pain, draft({ text: '0' }))).toEqual({ value: 0 });
    expect(correctedValue(pain, draft({ text: ' 7 ' }))).toEqual({ value: 7 });
  });

  it('sends complete treatment rows and refuses incomplete ones rather than dropping them', () => {
    expect(correctedValue(rowsField, draft({ rows: [row] }))).toEqual({
      value: [{ techniqueId: 'swedish-massage', region: 'upper-back', minutes: 20, pressure: 'moderate' }],
    });
    expect(correctedValue(rowsField, draft({ rows: [row, { ...row, key: 't1', minutes: '' }] }))).toEqual({
      problem: 'Complete or remove the 1 incomplete row first.',
    });
  });

  it('keeps text as typed', () => {
    expect(
      correctedValue(noteField('objective.findings'), draft({ text: 'Hypertonic upper trapezius' })),
    ).toEqual({ value: 'Hypertonic upper trapezius' });
  });

  it('sends one of the offered values for a choice, and asks for one when none is chosen', () => {
    const hotCold = noteField('treatment.hotCold');
    expect(correctedValue(hotCold, draftOf(hotCold, 'heat'))).toEqual({ value: 'heat' });
    expect(correctedValue(hotCold, draftOf(hotCold, undefined))).toEqual({
      problem: 'Choose the corrected value.',
    });
    expect(correctedValue(noteField('subjective.pressurePreference'), draft({ text: 'firm' }))).toEqual({
      value: 'firm',
    });
    expect(correctedValue(evalField('palpation.tone'), draft({ text: 'hypertonic' }))).toEqual({
      value: 'hypertonic',
    });
  });

  it('sends the positions ticked in the order offered, or none', () => {
    const position = noteField('treatment.position');
    expect(draftOf(position, ['supine']).choices).toEqual(['supine']);
    expect(correctedValue(position, draft({ choices: ['seated', 'prone'] }))).toEqual({
      value: ['prone', 'seated'],
    });
    expect(correctedValue(position, draft({ choices: [] }))).toEqual({ value: [] });
  });

  it('sends the body chart findings as edited', () => {
    const chart = noteField('objective.bodyChart');
    const findings = [{ region: 'upper-back', kind: 'pain', intensity: 6 }] as const;
    expect(draftOf(chart, findings).findings).toEqual(findings);
    expect(correctedValue(chart, draft({ findings: [...findings] }))).toEqual({ value: findings });
    expect(correctedValue(evalField('bodyChart'), draft({ findings: [] }))).toEqual({ value: [] });
  });

  it('sends complete range-of-motion rows and refuses a row without a side or value', () => {
    const rom = noteField('objective.rom');
    const measured = [{ jointMotion: 'cervical.rotation', side: 'left', value: 60 }] as const;
    const rows = draftOf(rom, measured).rom;
    expect(correctedValue(rom, draft({ rom: rows }))).toEqual({ value: measured });
    expect(correctedValue(rom, draft({ rom: [{ ...rows[0]!, value: '45' }] }))).toEqual({
      value: [{ ...measured[0], value: 45 }],
    });
    expect(
      correctedValue(evalField('rom'), draft({ rom: [...rows, { ...rows[0]!, key: 'n', side: '' }] })),
    ).toEqual({ problem: 'Complete or remove the 1 incomplete row first.' });
  });

  it('sends trigger points with a region and refuses one without', () => {
    const tp = evalField('palpation.triggerPoints');
    const rows = draftOf(tp, [
      { region: 'upper-back', muscle: 'Trapezius', referralPattern: 'temple', active: true },
    ]).triggerPoints;
    expect(correctedValue(tp, draft({ triggerPoints: rows }))).toEqual({
      value: [{ region: 'upper-back', muscle: 'Trapezius', referralPattern: 'temple', active: true }],
    });
    expect(
      correctedValue(tp, draft({ triggerPoints: [...rows, { ...rows[0]!, key: 'x', region: '' }] })),
    ).toEqual({
      problem: 'Complete or remove the 1 incomplete row first.',
    });
  });
});

describe('what can be amended', () => {
  /** Every field path two levels deep of a content schema (lists and choices are leaves). */
  const paths = (shape: Record<string, unknown>): string[] =>
    Object.entries(shape).flatMap(([key, schema]) => {
      const inner = (schema as { unwrap?: () => { shape?: Record<string, unknown> } }).unwrap?.();
      return inner?.shape ? Object.keys(inner.shape).map((sub) => `${key}.${sub}`) : [key];
    });

  it('offers every field a signed note documents, health changes and progress per goal included', () => {
    const offered = AMENDABLE_NOTE_FIELDS.map((f) => f.path).sort();
    const documented = paths(noteContent.shape)
      .filter((p) => p !== 'questionnaires')
      .sort();
    expect(offered).toEqual(documented);
  });

  it('offers every field a signed evaluation documents', () => {
    const offered = AMENDABLE_ASSESSMENT_FIELDS.map((f) => f.path).sort();
    expect(offered).toEqual(
      paths(assessmentContent.shape)
        .filter((p) => p !== 'questionnaires')
        .sort(),
    );
  });

  it('offers exactly the values the record accepts for each choice', () => {
    const enumAt = (shape: Record<string, unknown>, path: string) => {
      const [head, sub] = path.split('.') as [string, string];
      // biome-ignore lint/suspicious/noExplicitAny: walking zod's optional wrappers
      const leaf = (shape[head] as any).unwrap().shape[sub].unwrap();
      return (leaf.options ?? leaf.element.options) as string[];
    };
    for (const f of AMENDABLE_NOTE_FIELDS)
      if (f.type === 'choice' || f.type === 'choices')
        expect(Object.keys(f.options).sort(), f.path).toEqual([...enumAt(noteContent.shape, f.path)].sort());
    for (const f of AMENDABLE_ASSESSMENT_FIELDS)
      if (f.type === 'choice')
        expect(Object.keys(f.options).sort(), f.path).toEqual(
          [...enumAt(assessmentContent.shape, f.path)].sort(),
        );
  });
});

describe('amendmentChanges', () => {
  it('puts the corrected value at its place in the record', () => {
    expect(amendmentChanges('treatment.hotCold', 'cold')).toEqual({ treatment: { hotCold: 'cold' } });
    expect(amendmentChanges('bodyChart', [])).toEqual({ bodyChart: [] });
  });
});

describe('valueText', () => {
  it('says choices, lists and measurements in words', () => {
    expect(valueText(noteField('treatment.hotCold'), 'contrast')).toBe('Contrast');
    expect(valueText(noteField('treatment.position'), ['prone', 'side-lying-left'])).toBe(
      'Prone, Side-lying, left side down',
    );
    expect(valueText(noteField('treatment.position'), [])).toBe('None');
    expect(
      valueText(noteField('objective.bodyChart'), [{ region: 'upper-back', kind: 'pain', intensity: 6 }]),
    ).toBe('Pain 6/10, Upper back');
    expect(
      valueText(evalField('rom'), [{ jointMotion: 'cervical.rotation', side: 'left', value: 60 }]),
    ).toMatch(/rotation, left: 60°$/i);
    expect(valueText(noteField('objective.findings'), 'text')).toBeNull();
  });
});
