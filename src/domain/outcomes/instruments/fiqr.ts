// FIQR — Revised Fibromyalgia Impact Questionnaire (Bennett 2009) [R22][R23]. Rights in the instrument NV
// (the original FIQ is licensed by Mapi for commercial use [R25]): no item text shipped.
import type { InstrumentDefinition, MissingPolicy } from '../types.ts';
import { integerScale, numberedItems, sameDomain } from './build.ts';

const zeroToTen = integerScale(0, 10);
const fn = numberedItems('q', sameDomain('function', 9), zeroToTen);
const overall = numberedItems('q', sameDomain('overall-impact', 2), zeroToTen, 10, 10);
const symptoms = numberedItems('q', sameDomain('symptoms', 10), zeroToTen, 12, 12);

const missingPolicy: MissingPolicy = {
  basis: 'palpa-choice',
  note: 'Missing items: the domain sum is weighted by items ÷ answered (9/x, 2/x, 10/x) [R22][R23]. The reference does not cap the number; Palpa allows at most 1 missing item per domain.',
};

export const fiqr: InstrumentDefinition = {
  id: 'fiqr',
  name: 'FIQR',
  fullName: 'Revised Fibromyalgia Impact Questionnaire',
  version: '1.0.0',
  form: 'Bennett 2009: 21 items 0–10 in three weighted domains',
  measures: 'Fibromyalgia impact',
  forPatients: 'how much fibromyalgia affects your life',
  direction: 'higher-is-worse',
  items: [...fn, ...overall, ...symptoms],
  scales: [
    {
      id: 'function',
      name: 'Function (sum ÷ 3)',
      itemIds: fn.map((item) => item.id),
      rule: { kind: 'prorated-sum-divided', divisor: 3, maxMissing: 1 },
      missingPolicy,
      range: { min: 0, max: 30 },
      optional: false,
      mcids: [],
      sources: ['R22', 'R23'],
    },
    {
      id: 'overall',
      name: 'Overall impact (sum ÷ 1)',
      itemIds: overall.map((item) => item.id),
      rule: { kind: 'prorated-sum-divided', divisor: 1, maxMissing: 1 },
      missingPolicy,
      range: { min: 0, max: 20 },
      optional: false,
      mcids: [],
      sources: ['R22', 'R23'],
    },
    {
      id: 'symptoms',
      name: 'Symptoms (sum ÷ 2)',
      itemIds: symptoms.map((item) => item.id),
      rule: { kind: 'prorated-sum-divided', divisor: 2, maxMissing: 1 },
      missingPolicy,
      range: { min: 0, max: 50 },
      optional: false,
      mcids: [],
      sources: ['R22', 'R23'],
    },
  ],
  primary: {
    kind: 'sum-of-scales',
    id: 'total',
    scaleIds: ['function', 'overall', 'symptoms'],
    range: { min: 0, max: 100 },
    mcids: [
      {
        id: 'bennett-2009-fiq',
        kind: 'MCID',
        thresholds: [{ value: 14, unit: 'percent' }],
        source: 'R24',
        citation: 'Bennett 2009, J Rheumatol (original FIQ: 14 % change)',
        isDefault: true,
        population: 'individual',
        note: 'FIQR-specific MCID not verified; this value is for the original FIQ.',
      },
    ],
  },
  loinc: [],
  licensing: {
    itemTextShipped: false,
    licence: 'Not verified (original FIQ: © the authors; commercial use licensed by Mapi)',
    note: 'Original FIQ is free for academic and clinical use; industry and commercial use is licensed by Mapi for a fee [R25]. Whether the FIQR has the same terms is NV; the CC-BY paper [R22] does not settle rights in the instrument. Only ids, domains and the 0–10 scale are shipped.',
  },
  sources: ['R22', 'R23', 'R24', 'R25'],
};
