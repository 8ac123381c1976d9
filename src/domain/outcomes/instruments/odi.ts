// ODI — Oswestry Disability Index [R5][R6][R7]. Licensed through Mapi Research Trust (ePROVIDE); fees may
// apply to healthcare organisations, commercial users and IT companies: no item text shipped.
import type { InstrumentDefinition } from '../types.ts';
import { integerScale, numberedItems } from './build.ts';

const SECTIONS = [
  'pain-intensity',
  'personal-care',
  'lifting',
  'walking',
  'sitting',
  'standing',
  'sleeping',
  'sex-life',
  'social-life',
  'travelling',
] as const;

const items = numberedItems(
  'q',
  SECTIONS.map((domain) => ({ domain })),
  integerScale(0, 5),
);

export const odi: InstrumentDefinition = {
  id: 'odi',
  name: 'ODI',
  fullName: 'Oswestry Disability Index',
  version: '1.0.0',
  form: 'ODI: 10 sections, each 0–5 (original section set, including sex life)',
  measures: 'Disability from low back pain',
  forPatients: 'how much back pain limits your day',
  direction: 'higher-is-worse',
  items,
  scales: [
    {
      id: 'odi',
      name: 'ODI index (%)',
      itemIds: items.map((item) => item.id),
      rule: { kind: 'percent-of-answered-max', maxMissing: 2 },
      missingPolicy: {
        basis: 'palpa-choice',
        note: 'Index = sum ÷ (5 × sections answered) × 100; a skipped section lowers the denominator by 5 [R5][R6]. The reference does not cap the number of skipped sections; Palpa refuses the score when more than 2 are skipped.',
      },
      range: { min: 0, max: 100 },
      optional: false,
      bands: [
        { id: 'minimal', label: 'Minimal disability', min: 0, max: 20 },
        { id: 'moderate', label: 'Moderate disability', min: 21, max: 40 },
        { id: 'severe', label: 'Severe disability', min: 41, max: 60 },
        { id: 'crippled', label: 'Crippled', min: 61, max: 80 },
        { id: 'bed-bound', label: 'Bed-bound or exaggerating symptoms', min: 81, max: 100 },
      ],
      mcids: [
        {
          id: 'ostelo-2008',
          kind: 'MCID',
          thresholds: [{ value: 10, unit: 'points' }],
          source: 'R2',
          citation: 'Ostelo 2008',
          isDefault: true,
          population: 'individual',
          note: 'MDC (90 %) is also 10 %-points [R6, S].',
        },
        {
          id: 'copay',
          kind: 'MCID',
          thresholds: [{ value: 12.8, unit: 'points' }],
          source: 'R5',
          citation: 'Copay (as cited on Wikipedia)',
          isDefault: false,
          population: 'individual',
        },
        {
          id: 'abbott-2014',
          kind: 'MID',
          thresholds: [{ value: 12, unit: 'points' }],
          source: 'R4',
          citation: 'Abbott & Schmitt 2014',
          isDefault: false,
          population: 'individual',
        },
      ],
      sources: ['R5', 'R6'],
    },
  ],
  primary: { kind: 'scale', scaleId: 'odi' },
  loinc: [
    { code: '97908-8', display: 'Oswestry Disability Index', part: 'total', status: 'check', source: 'R41' },
  ],
  licensing: {
    itemTextShipped: false,
    licence: 'Mapi Research Trust (ePROVIDE)',
    note: 'Free for students, physicians, clinical practice and non-funded academics; fees may apply to funded academics, healthcare organisations, commercial users and IT companies [R7]. Only ids, sections and the 0–5 scale are shipped; a clinic loads the text it holds a licence for. The "modified ODI" (employment/homemaking instead of sex life) is a different form and is not modelled [R8].',
  },
  sources: ['R2', 'R4', 'R5', 'R6', 'R7', 'R41'],
};
