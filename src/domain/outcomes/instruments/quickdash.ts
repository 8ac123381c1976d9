// QuickDASH [R15][R16]. © Institute for Work & Health; commercial software needs a licence [R17]:
// no item text shipped.
import type { InstrumentDefinition } from '../types.ts';
import { integerScale, numberedItems, sameDomain } from './build.ts';

const fivePoint = integerScale(1, 5);

const core = numberedItems(
  'q',
  [
    ...sameDomain('physical-function', 6),
    { domain: 'social-function' },
    { domain: 'role-limitation' },
    ...sameDomain('symptoms', 2),
    { domain: 'sleep' },
  ],
  fivePoint,
);
const work = numberedItems('work', sameDomain('work-module', 4), fivePoint);
const sports = numberedItems('sports', sameDomain('sports-performing-arts-module', 4), fivePoint);

const moduleMissing = {
  basis: 'palpa-choice',
  note: 'The reference only says the optional modules are scored separately [R15][R16]. Palpa scores a module only when all 4 items are answered; a module with no answers is simply not scored.',
} as const;

export const quickdash: InstrumentDefinition = {
  id: 'quickdash',
  name: 'QuickDASH',
  fullName: 'Quick Disabilities of the Arm, Shoulder and Hand',
  version: '1.0.0',
  form: 'QuickDASH: 11 items 1–5, optional 4-item Work and Sports/Performing-Arts modules',
  measures: 'Upper-limb disability and symptoms',
  forPatients: 'how well your arm, shoulder and hand work',
  direction: 'higher-is-worse',
  items: [...core, ...work, ...sports],
  scales: [
    {
      id: 'disability',
      name: 'QuickDASH disability/symptom score',
      itemIds: core.map((item) => item.id),
      rule: { kind: 'dash', maxMissing: 1 },
      missingPolicy: {
        basis: 'reference',
        note: 'Score = ((sum ÷ n answered) − 1) × 25; cannot be computed if more than 1 item is missing [R15][R16].',
      },
      range: { min: 0, max: 100 },
      optional: false,
      mcids: [
        {
          id: 'sorensen-2013',
          kind: 'MCID',
          thresholds: [{ value: 14, unit: 'points' }],
          source: 'R15',
          citation: 'Sorensen 2013 via ISSH (95 % CI 9–20)',
          isDefault: true,
          population: 'individual',
        },
        {
          id: 'dash-full',
          kind: 'MCID',
          thresholds: [{ value: 10, unit: 'points' }],
          source: 'R15',
          citation: 'ISSH: MCID of the full DASH (not the QuickDASH)',
          isDefault: false,
          population: 'individual',
        },
      ],
      sources: ['R15', 'R16'],
    },
    {
      id: 'work',
      name: 'Work module',
      itemIds: work.map((item) => item.id),
      rule: { kind: 'dash', maxMissing: 0 },
      missingPolicy: moduleMissing,
      range: { min: 0, max: 100 },
      optional: true,
      mcids: [],
      sources: ['R15', 'R16'],
    },
    {
      id: 'sports',
      name: 'Sports/Performing Arts module',
      itemIds: sports.map((item) => item.id),
      rule: { kind: 'dash', maxMissing: 0 },
      missingPolicy: moduleMissing,
      range: { min: 0, max: 100 },
      optional: true,
      mcids: [],
      sources: ['R15', 'R16'],
    },
  ],
  primary: { kind: 'scale', scaleId: 'disability' },
  loinc: [],
  licensing: {
    itemTextShipped: false,
    licence: '© Institute for Work & Health',
    note: 'Free for non-commercial use; commercial use needs a licence first. Category B "Commercial Software and/or Web-based Software for Repeated Use": CAD 1,250 first year, CAD 650/yr renewal, plus user fees [R17]. Only ids, domains and the 1–5 scale are shipped. No MCID for the modules is in the reference: pass one to classifyChange explicitly.',
  },
  sources: ['R15', 'R16', 'R17'],
};
