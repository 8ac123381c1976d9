// NDI — Neck Disability Index (Vernon & Mior 1991) [R9][R10]. Copyright H. Vernon, terms NV:
// no item text shipped.
import type { InstrumentDefinition } from '../types.ts';
import { integerScale, numberedItems } from './build.ts';

const SECTIONS = [
  'pain-intensity',
  'personal-care',
  'lifting',
  'reading',
  'headaches',
  'concentration',
  'work',
  'driving',
  'sleeping',
  'recreation',
] as const;

const items = numberedItems(
  'q',
  SECTIONS.map((domain) => ({ domain })),
  integerScale(0, 5),
);

export const ndi: InstrumentDefinition = {
  id: 'ndi',
  name: 'NDI',
  fullName: 'Neck Disability Index',
  version: '1.0.0',
  form: 'Vernon & Mior 1991: 10 sections, each 0–5',
  measures: 'Disability from neck pain',
  forPatients: 'how much neck pain limits your day',
  direction: 'higher-is-worse',
  items,
  scales: [
    {
      id: 'ndi',
      name: 'NDI raw score',
      itemIds: items.map((item) => item.id),
      rule: { kind: 'sum-impute-mean', maxMissing: 2 },
      missingPolicy: {
        basis: 'palpa-choice',
        note: 'Vernon: a missing item is replaced by the average of the answered items [R9]. The reference does not say how many may be missing; Palpa allows at most 2 (20 % of the form) and refuses the score beyond that.',
      },
      range: { min: 0, max: 50 },
      optional: false,
      alsoReportAs: { id: 'percent', multiplier: 2, range: { min: 0, max: 100 } },
      bands: [
        { id: 'none', label: 'No disability', min: 0, max: 4 },
        { id: 'mild', label: 'Mild', min: 5, max: 14 },
        { id: 'moderate', label: 'Moderate', min: 15, max: 24 },
        { id: 'severe', label: 'Severe', min: 25, max: 34 },
        { id: 'complete', label: 'Complete', min: 35, max: 50 },
      ],
      mcids: [
        {
          id: 'young-2009',
          kind: 'MCID',
          thresholds: [{ value: 10, unit: 'points' }],
          source: 'R10',
          citation: 'Young 2009 (MCID 7.5, MDC 10.2 raw points; authors advise 10 as the MCID)',
          isDefault: true,
          population: 'individual',
        },
        {
          id: 'vernon-author',
          kind: 'MCID',
          thresholds: [{ value: 5, unit: 'points' }],
          source: 'R9',
          citation: 'Vernon (author: MDC = MCID = 5 raw points)',
          isDefault: false,
          population: 'individual',
        },
        {
          id: 'young-2009-calculated',
          kind: 'MCID',
          thresholds: [{ value: 7.5, unit: 'points' }],
          source: 'R10',
          citation: 'Young 2009, calculated MCID',
          isDefault: false,
          population: 'individual',
        },
        {
          id: 'abbott-2014',
          kind: 'MID',
          thresholds: [{ value: 7, unit: 'points' }],
          source: 'R4',
          citation: 'Abbott & Schmitt 2014: −14, probably on the % scale (NV) = 7 raw points',
          isDefault: false,
          population: 'individual',
        },
      ],
      sources: ['R9', 'R10'],
    },
  ],
  primary: { kind: 'scale', scaleId: 'ndi' },
  loinc: [
    {
      code: '82226-2',
      display: 'Neck Disability Index panel',
      part: 'panel',
      status: 'check',
      source: 'R41',
    },
    {
      code: '82237-9',
      display: 'Neck Disability Index total',
      part: 'total',
      status: 'check',
      source: 'R41',
    },
  ],
  licensing: {
    itemTextShipped: false,
    licence: 'Copyright H. Vernon; terms not verified',
    note: 'Only item ids, sections and the 0–5 scale are shipped. Load the form text your clinic is entitled to use with withLicensedText. Vernon advises administering at baseline and then every 2 weeks [R9]. LOINC items 82227-0…82236-1 exist in the PACIO sample IG only.',
  },
  sources: ['R4', 'R9', 'R10', 'R41'],
};
