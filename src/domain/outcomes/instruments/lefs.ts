// LEFS — Lower Extremity Functional Scale (Binkley 1999) [R13][R14]. Free (RehabMeasures).
// Shipped item text is a SHORT LABEL per activity, not a verbatim copy of the form; a clinic may load
// the exact form wording with withLicensedText.
import type { InstrumentDefinition } from '../types.ts';
import { integerScale, numberedItems } from './build.ts';

const difficulty = integerScale(0, 4, {
  0: 'Extreme difficulty or unable to perform activity',
  1: 'Quite a bit of difficulty',
  2: 'Moderate difficulty',
  3: 'A little bit of difficulty',
  4: 'No difficulty',
});

const LABELS = [
  'Usual work, housework or school activities',
  'Usual hobbies, recreational or sporting activities',
  'Getting into or out of the bath',
  'Walking between rooms',
  'Putting on shoes or socks',
  'Squatting',
  'Lifting an object (e.g. a bag of groceries) from the floor',
  'Light activities around the home',
  'Heavy activities around the home',
  'Getting into or out of a car',
  'Walking 2 blocks',
  'Walking a mile',
  'Going up or down 10 stairs',
  'Standing for 1 hour',
  'Sitting for 1 hour',
  'Running on even ground',
  'Running on uneven ground',
  'Making sharp turns while running fast',
  'Hopping',
  'Rolling over in bed',
] as const;

const items = numberedItems(
  'q',
  LABELS.map((text) => ({ domain: 'lower-extremity-function', text })),
  difficulty,
);

export const lefs: InstrumentDefinition = {
  id: 'lefs',
  name: 'LEFS',
  fullName: 'Lower Extremity Functional Scale',
  version: '1.0.0',
  form: 'Binkley 1999: 20 items, 0 (extreme difficulty / unable) to 4 (no difficulty)',
  measures: 'Lower-limb function',
  forPatients: 'how well your leg works',
  direction: 'higher-is-better',
  items,
  scales: [
    {
      id: 'lefs',
      name: 'LEFS total',
      itemIds: items.map((item) => item.id),
      rule: { kind: 'sum', maxMissing: 0 },
      missingPolicy: {
        basis: 'palpa-choice',
        note: 'The reference gives a plain sum [R13][R14] and no proration rule, so a form with any item missing is not scored.',
      },
      range: { min: 0, max: 80 },
      optional: false,
      mcids: [
        {
          id: 'binkley-1999',
          kind: 'MCID',
          thresholds: [{ value: 9, unit: 'points' }],
          source: 'R13',
          citation: 'Binkley 1999 (MCID 9, MDC 9 at 90 % CI)',
          isDefault: true,
          population: 'individual',
          note: 'Error of a single score ±5.3 points.',
        },
        {
          id: 'abbott-2014-upper',
          kind: 'MID',
          thresholds: [{ value: 16, unit: 'points' }],
          source: 'R4',
          citation: 'Abbott & Schmitt 2014 (MID range 9–16), upper end',
          isDefault: false,
          population: 'individual',
        },
      ],
      sources: ['R13', 'R14'],
    },
  ],
  primary: { kind: 'scale', scaleId: 'lefs' },
  loinc: [],
  licensing: {
    itemTextShipped: true,
    licence: 'Free (RehabMeasures)',
    note: 'Short activity labels are shipped, not verbatim form wording; load the exact form text with withLicensedText if wanted.',
  },
  sources: ['R4', 'R13', 'R14'],
};
