// PSFS — Patient-Specific Functional Scale (Stratford 1995) [R11][R12]. Free; the "item text" is the
// patient's own activity, stored per episode (see psfs-activities.ts).
import type { InstrumentDefinition } from '../types.ts';
import { integerScale, numberedItems } from './build.ts';

export const PSFS_SLOTS = ['activity1', 'activity2', 'activity3', 'activity4', 'activity5'] as const;
export type PsfsSlot = (typeof PSFS_SLOTS)[number];

const ratingScale = integerScale(0, 10, {
  0: 'Unable to perform activity',
  10: 'Able to perform activity at the same level as before injury or problem',
});

export const psfs: InstrumentDefinition = {
  id: 'psfs',
  name: 'PSFS',
  fullName: 'Patient-Specific Functional Scale',
  version: '1.0.0',
  form: 'Stratford 1995: 3–5 patient-chosen activities, each rated 0–10',
  measures: 'Function in 3–5 activities the patient chooses',
  forPatients: 'how well you do the activities you chose',
  direction: 'higher-is-better',
  items: numberedItems(
    'activity',
    PSFS_SLOTS.map(() => ({ domain: 'patient-activity' })),
    ratingScale,
  ),
  scales: [
    {
      id: 'psfs',
      name: 'PSFS average',
      itemIds: [...PSFS_SLOTS],
      rule: { kind: 'mean-of-rated', minRated: 3 },
      missingPolicy: {
        basis: 'reference',
        note: 'Score = sum ÷ number of activities rated; 3–5 activities [R11]. Unused slots are not "missing". Follow-ups must re-rate the same activities (validatePsfsFollowUp).',
      },
      range: { min: 0, max: 10 },
      optional: false,
      mcids: [
        {
          id: 'stratford-mdc90-average',
          kind: 'MDC',
          thresholds: [{ value: 2, unit: 'points' }],
          source: 'R11',
          citation: 'PSFS form (Stratford 1995), MDC (90 %) for the average score',
          isDefault: true,
          population: 'individual',
          note: 'A single activity needs 3 points (MDC90) [R11].',
        },
        {
          id: 'abbott-2014-small',
          kind: 'MID',
          thresholds: [{ value: 1.3, unit: 'points' }],
          source: 'R4',
          citation: 'Abbott & Schmitt 2014, small',
          isDefault: false,
          population: 'individual',
        },
        {
          id: 'abbott-2014-medium',
          kind: 'MID',
          thresholds: [{ value: 2.3, unit: 'points' }],
          source: 'R4',
          citation: 'Abbott & Schmitt 2014, medium',
          isDefault: false,
          population: 'individual',
        },
        {
          id: 'abbott-2014-large',
          kind: 'MID',
          thresholds: [{ value: 2.7, unit: 'points' }],
          source: 'R4',
          citation: 'Abbott & Schmitt 2014, large',
          isDefault: false,
          population: 'individual',
        },
      ],
      sources: ['R11'],
    },
  ],
  primary: { kind: 'scale', scaleId: 'psfs' },
  loinc: [],
  licensing: {
    itemTextShipped: true,
    licence: 'Free (RehabMeasures: "Cost: Free")',
    note: 'Forms are reproduced with the permission of the authors [R11][R12]. Item text is the patient-chosen activity; store it so follow-ups re-rate the same activities.',
  },
  sources: ['R4', 'R11', 'R12'],
};

/** Single-activity MDC (90 %) in points [R11]. */
export const PSFS_SINGLE_ACTIVITY_MDC = 3;
