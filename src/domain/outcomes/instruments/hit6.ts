// HIT-6 — Headache Impact Test [R18][R19][R20]. Copyrighted (QualityMetric); licence needed [R18][R21]:
// no item text or answer labels shipped. Answers are stored as the item weight (6/8/10/11/13).
import type { AnswerScale, InstrumentDefinition } from '../types.ts';
import { numberedItems, sameDomain } from './build.ts';

/** Item weights per response category [R19, S]. */
export const HIT6_WEIGHTS = { never: 6, rarely: 8, sometimes: 10, 'very-often': 11, always: 13 } as const;
export type Hit6Response = keyof typeof HIT6_WEIGHTS;

const frequency: AnswerScale = {
  options: (Object.entries(HIT6_WEIGHTS) as [Hit6Response, number][]).map(([key, value]) => ({ key, value })),
};

const items = numberedItems('q', sameDomain('headache-impact', 6), frequency);

export const hit6: InstrumentDefinition = {
  id: 'hit6',
  name: 'HIT-6',
  fullName: 'Headache Impact Test',
  version: '1.0.0',
  form: 'HIT-6: 6 items, never/rarely/sometimes/very often/always, 4-week recall',
  measures: 'Impact of headache: pain, social, role, cognitive, vitality, psychological distress',
  forPatients: 'how much headaches affect your life',
  recall: '4 weeks',
  direction: 'higher-is-worse',
  items,
  scales: [
    {
      id: 'hit6',
      name: 'HIT-6 total',
      itemIds: items.map((item) => item.id),
      rule: { kind: 'sum', maxMissing: 0 },
      missingPolicy: {
        basis: 'palpa-choice',
        note: 'Total = sum of the 6 item weights [R18][R19]; the reference gives no proration, so every item must be answered.',
      },
      range: { min: 36, max: 78 },
      optional: false,
      bands: [
        { id: 'little-or-none', label: 'Little or no impact', min: 36, max: 49 },
        { id: 'some', label: 'Some impact', min: 50, max: 55 },
        { id: 'substantial', label: 'Substantial impact', min: 56, max: 59 },
        { id: 'severe', label: 'Severe impact', min: 60, max: 78 },
      ],
      mcids: [
        {
          id: 'smelt-2014-roc',
          kind: 'MIC',
          thresholds: [{ value: 6, unit: 'points' }],
          source: 'R20',
          citation: 'Smelt 2014, within-person MIC (ROC method)',
          isDefault: true,
          population: 'individual',
          note: 'Also the ≥6-point fall used in chronic migraine [R19, S].',
        },
        {
          id: 'smelt-2014-mean-change',
          kind: 'MIC',
          thresholds: [{ value: 2.5, unit: 'points' }],
          source: 'R20',
          citation: 'Smelt 2014, within-person MIC (mean-change method)',
          isDefault: false,
          population: 'individual',
        },
        {
          id: 'smelt-2014-between-group',
          kind: 'MID',
          thresholds: [{ value: 1.5, unit: 'points' }],
          source: 'R20',
          citation: 'Smelt 2014, between-group MID (primary-care migraine)',
          isDefault: false,
          population: 'group',
        },
      ],
      sources: ['R18', 'R19'],
    },
  ],
  primary: { kind: 'scale', scaleId: 'hit6' },
  loinc: [],
  licensing: {
    itemTextShipped: false,
    licence: 'Copyright QualityMetric; licence needed',
    note: 'Copyrighted; the NINDS CDE page carries a copyright notice [R18][R21]. Only item ids, response keys and weights are shipped; load licensed item text and response labels with withLicensedText.',
  },
  sources: ['R18', 'R19', 'R20', 'R21'],
};
