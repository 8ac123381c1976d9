// Property tests (fast-check): scores stay within range for any valid answers; missing-item limits hold;
// change classification is antisymmetric.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { classifyChange } from './change.ts';
import { getInstrument } from './instruments/index.ts';
import { score } from './score.ts';
import { INSTRUMENT_IDS, type InstrumentId } from './types.ts';

function itemsArb(count: number, min: number, max: number, missing: fc.Arbitrary<number[]>) {
  return fc
    .tuple(fc.array(fc.integer({ min, max }), { minLength: count, maxLength: count }), missing)
    .map(([values, holes]) => {
      const answers: Record<string, number | null> = {};
      values.forEach((value, i) => {
        answers[`q${i + 1}`] = holes.includes(i) ? null : value;
      });
      return answers;
    });
}

const holes = (count: number, maxHoles: number) =>
  fc.uniqueArray(fc.integer({ min: 0, max: count - 1 }), { minLength: 0, maxLength: maxHoles });

describe('ODI', () => {
  it('with ≤ 2 skipped sections the index is always within 0–100 and equals sum ÷ (5 × n) × 100', () => {
    fc.assert(
      fc.property(itemsArb(10, 0, 5, holes(10, 2)), (answers) => {
        const result = score('odi', answers);
        const answered = Object.values(answers).filter((v): v is number => v !== null);
        const expected = (answered.reduce((a, b) => a + b, 0) / (5 * answered.length)) * 100;
        return (
          result.ok && result.score >= 0 && result.score <= 100 && Math.abs(result.score - expected) < 1e-9
        );
      }),
    );
  });
  it('with 3 or more skipped sections there is never a score', () => {
    const many = fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { minLength: 3, maxLength: 10 });
    fc.assert(fc.property(itemsArb(10, 0, 5, many), (answers) => !score('odi', answers).ok));
  });
});

it('NDI raw stays within 0–50 and percent = raw × 2', () => {
  fc.assert(
    fc.property(itemsArb(10, 0, 5, holes(10, 2)), (answers) => {
      const result = score('ndi', answers);
      return (
        result.ok && result.score >= 0 && result.score <= 50 && result.subscores?.percent === result.score * 2
      );
    }),
  );
});

it('QuickDASH stays within 0–100 with at most one missing item', () => {
  fc.assert(
    fc.property(itemsArb(11, 1, 5, holes(11, 1)), (answers) => {
      const result = score('quickdash', answers);
      return result.ok && result.score >= 0 && result.score <= 100;
    }),
  );
});

it('FIQR total stays within 0–100 and equals the sum of its domains', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 21, maxLength: 21 }), (values) => {
      const answers = Object.fromEntries(values.map((v, i) => [`q${i + 1}`, v]));
      const result = score('fiqr', answers);
      if (!result.ok || result.subscores === undefined) return false;
      const { function: f = 0, overall = 0, symptoms = 0 } = result.subscores;
      return (
        result.score >= 0 && result.score <= 100 && Math.abs(result.score - (f + overall + symptoms)) < 1e-9
      );
    }),
  );
});

it.each(INSTRUMENT_IDS)('%s: any complete set of allowed answers scores within the primary range', (id) => {
  const def = getInstrument(id);
  const primary = def.primary;
  const range =
    primary.kind === 'scale'
      ? def.scales.find((scale) => scale.id === primary.scaleId)?.range
      : primary.range;
  const answersArb = fc.record(
    Object.fromEntries(
      def.items.map((item) => [
        item.id,
        fc.constantFrom(...item.scale.options.map((option) => option.value)),
      ]),
    ),
  );
  fc.assert(
    fc.property(answersArb, (answers) => {
      const result = score(id, answers);
      return result.ok && range !== undefined && result.score >= range.min && result.score <= range.max;
    }),
  );
});

it.each<[InstrumentId, number, number]>([
  ['lefs', 0, 80],
  ['odi', 0, 100],
  ['hit6', 36, 78],
  ['nprs', 0, 10],
])('%s: a → b improved ⇔ b → a worse', (id, min, max) => {
  fc.assert(
    fc.property(fc.integer({ min, max }), fc.integer({ min, max }), (a, b) => {
      const forward = classifyChange(id, a, b).classification;
      const backward = classifyChange(id, b, a).classification;
      // NPRS also has a percent threshold relative to baseline, so only one direction is guaranteed:
      // a fall that counts as improvement is a rise that counts as worsening when reversed.
      if (id === 'nprs') return forward !== 'improved' || backward === 'worse';
      return (forward === 'improved') === (backward === 'worse');
    }),
  );
});

it('out-of-range answers are always rejected', () => {
  fc.assert(
    fc.property(
      fc.oneof(fc.integer({ max: -1 }), fc.integer({ min: 6 }), fc.double({ noInteger: true })),
      (bad) => {
        const result = score('odi', {
          q1: bad,
          q2: 1,
          q3: 1,
          q4: 1,
          q5: 1,
          q6: 1,
          q7: 1,
          q8: 1,
          q9: 1,
          q10: 1,
        });
        return !result.ok && result.reason === 'invalid-answer';
      },
    ),
  );
});
