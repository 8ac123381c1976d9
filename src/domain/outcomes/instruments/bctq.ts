// BCTQ — Boston Carpal Tunnel Questionnaire (Levine 1993) [R26][R27]. Licence NV: no item text shipped.
import type { InstrumentDefinition } from '../types.ts';
import { integerScale, numberedItems, sameDomain } from './build.ts';

const fivePoint = integerScale(1, 5);
const sss = numberedItems('sss', sameDomain('symptom-severity', 11), fivePoint);
const fss = numberedItems('fss', sameDomain('functional-status', 8), fivePoint, 12);

const missingPolicy = {
  basis: 'palpa-choice',
  note: 'Each scale = mean of its items [R26][R27]; the reference is silent on missing items. Palpa takes the mean of the answered items and allows at most 1 missing item per scale.',
} as const;

export const bctq: InstrumentDefinition = {
  id: 'bctq',
  name: 'BCTQ',
  fullName: 'Boston Carpal Tunnel Questionnaire',
  version: '1.0.0',
  form: 'Levine 1993: Symptom Severity Scale (11 items) + Functional Status Scale (8 items), each 1–5',
  measures: 'Carpal tunnel syndrome symptoms (SSS) and function (FSS)',
  forPatients: 'carpal tunnel symptoms in your hand',
  direction: 'higher-is-worse',
  items: [...sss, ...fss],
  scales: [
    {
      id: 'sss',
      name: 'Symptom Severity Scale',
      itemIds: sss.map((item) => item.id),
      rule: { kind: 'mean', maxMissing: 1 },
      missingPolicy,
      range: { min: 1, max: 5 },
      optional: false,
      mcids: [
        {
          id: 'jht-2020-pooled',
          kind: 'MCID',
          thresholds: [{ value: 1.05, unit: 'points' }],
          source: 'R28',
          citation: 'Systematic review, J Hand Ther 2020 (pooled; MDC90 0.72)',
          isDefault: true,
          population: 'individual',
        },
        {
          id: 'ozer-2013-non-diabetic',
          kind: 'MCID',
          thresholds: [{ value: 1.45, unit: 'points' }],
          source: 'R29',
          citation: 'Ozer 2013, 6 months after carpal tunnel release, non-diabetic',
          isDefault: false,
          population: 'individual',
        },
        {
          id: 'ozer-2013-diabetic',
          kind: 'MCID',
          thresholds: [{ value: 1.55, unit: 'points' }],
          source: 'R29',
          citation: 'Ozer 2013, 6 months after carpal tunnel release, diabetic',
          isDefault: false,
          population: 'individual',
        },
      ],
      sources: ['R26', 'R27'],
    },
    {
      id: 'fss',
      name: 'Functional Status Scale',
      itemIds: fss.map((item) => item.id),
      rule: { kind: 'mean', maxMissing: 1 },
      missingPolicy,
      range: { min: 1, max: 5 },
      optional: false,
      mcids: [
        {
          id: 'jht-2020-pooled',
          kind: 'MCID',
          thresholds: [{ value: 1.13, unit: 'points' }],
          source: 'R28',
          citation: 'Systematic review, J Hand Ther 2020 (pooled; MDC90 0.79)',
          isDefault: true,
          population: 'individual',
        },
        {
          id: 'ozer-2013-non-diabetic',
          kind: 'MCID',
          thresholds: [{ value: 1.6, unit: 'points' }],
          source: 'R29',
          citation: 'Ozer 2013, 6 months after carpal tunnel release, non-diabetic',
          isDefault: false,
          population: 'individual',
        },
        {
          id: 'ozer-2013-diabetic',
          kind: 'MCID',
          thresholds: [{ value: 2.05, unit: 'points' }],
          source: 'R29',
          citation: 'Ozer 2013, 6 months after carpal tunnel release, diabetic',
          isDefault: false,
          population: 'individual',
        },
      ],
      sources: ['R26', 'R27'],
    },
  ],
  // The BCTQ has no total: `score` is the SSS, and both scales are in `subscores`.
  primary: { kind: 'scale', scaleId: 'sss' },
  loinc: [],
  licensing: {
    itemTextShipped: false,
    licence: 'Not verified',
    note: 'Licence terms were not found, so only item ids, scales and the 1–5 answer structure are shipped.',
  },
  sources: ['R26', 'R27', 'R28', 'R29'],
};
