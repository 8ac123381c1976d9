// NPRS — 0–10 Numeric Pain Rating Scale [R1]. Free to use (no licence found; NV), so item text is shipped.
import type { InstrumentDefinition } from '../types.ts';
import { integerScale } from './build.ts';

export const nprs: InstrumentDefinition = {
  id: 'nprs',
  name: 'NPRS',
  fullName: 'Numeric Pain Rating Scale (0–10)',
  version: '1.0.0',
  form: 'Single-item 0–10 numeric rating, 0 = no pain, 10 = worst imaginable pain',
  measures: 'Pain intensity',
  forPatients: 'pain rating',
  direction: 'higher-is-worse',
  items: [
    {
      id: 'pain',
      number: 1,
      domain: 'pain-intensity',
      text: 'Rate your pain on a scale from 0 (no pain) to 10 (worst imaginable pain).',
      scale: integerScale(0, 10, { 0: 'No pain', 10: 'Worst imaginable pain' }),
    },
  ],
  scales: [
    {
      id: 'pain',
      name: 'Pain intensity',
      itemIds: ['pain'],
      rule: { kind: 'sum', maxMissing: 0 },
      missingPolicy: { basis: 'palpa-choice', note: 'Single item: no score when unanswered.' },
      range: { min: 0, max: 10 },
      optional: false,
      mcids: [
        {
          id: 'ostelo-2008',
          kind: 'MCID',
          thresholds: [
            { value: 2, unit: 'points' },
            { value: 30, unit: 'percent' },
          ],
          source: 'R2',
          citation: 'Ostelo 2008 (low-back-pain consensus)',
          isDefault: true,
          population: 'individual',
          note: '2 points OR 30 % of baseline.',
        },
        {
          id: 'salaffi-2004-slightly-better',
          kind: 'MCID',
          thresholds: [
            { value: 1, unit: 'points' },
            { value: 15, unit: 'percent' },
          ],
          source: 'R3',
          citation: 'Salaffi 2004 (chronic musculoskeletal pain), "slightly better"',
          isDefault: false,
          population: 'individual',
        },
        {
          id: 'salaffi-2004-much-better',
          kind: 'MCID',
          thresholds: [
            { value: 2, unit: 'points' },
            { value: 33, unit: 'percent' },
          ],
          source: 'R3',
          citation: 'Salaffi 2004 (chronic musculoskeletal pain), "much better"',
          isDefault: false,
          population: 'individual',
        },
        {
          id: 'abbott-2014-small',
          kind: 'MID',
          thresholds: [{ value: 1.5, unit: 'points' }],
          source: 'R4',
          citation: 'Abbott & Schmitt 2014 (physical-therapy cohort), small',
          isDefault: false,
          population: 'individual',
        },
        {
          id: 'abbott-2014-large',
          kind: 'MID',
          thresholds: [{ value: 3.5, unit: 'points' }],
          source: 'R4',
          citation: 'Abbott & Schmitt 2014 (physical-therapy cohort), large',
          isDefault: false,
          population: 'individual',
        },
      ],
      sources: ['R1', 'R2'],
    },
  ],
  primary: { kind: 'scale', scaleId: 'pain' },
  loinc: [
    {
      code: '72514-3',
      display: 'Pain severity - 0-10 verbal numeric rating [Score] - Reported',
      part: 'total',
      status: 'verified',
      source: 'R40',
    },
  ],
  licensing: {
    itemTextShipped: true,
    licence: 'None found (not verified)',
    note: 'Generic 0–10 rating; no licence holder found. The MCID grows with baseline (1 point for baseline 1–4, 2 for 5–7, 3–4 for 8–10) [R1]; not used by default.',
  },
  sources: ['R1', 'R2', 'R3', 'R4', 'R40'],
};
