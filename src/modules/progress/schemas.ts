import { z } from 'zod';
import { bodyChartFinding, bodyChartSource, regionComparison } from '../clinical/body-chart.ts';
import { adherence } from '../home-care-log/schemas.ts';
import { GOAL_STATUSES, reportFacts } from '../reports/schemas.ts';

const bodyChartSnapshot = z.object({ source: bodyChartSource, findings: z.array(bodyChartFinding) });

/** The progress view (therapist) and the patient's plain-words version. Shared shapes, no server imports. */
export const progressView = z.object({
  patient: z.object({
    name: z.string().describe('The name the chart shows: preferred first name, then the last name'),
    dateOfBirth: z.string(),
  }),
  planId: z.string().nullable(),
  since: z.string().describe('Start of the episode (plan start, or the first record)'),
  today: z.string(),
  outcomes: z.array(
    z.object({
      instrumentId: z.string(),
      name: z.string(),
      direction: z.enum(['higher-is-worse', 'higher-is-better']),
      range: z.object({ min: z.number(), max: z.number() }),
      baseline: z.object({ score: z.number(), date: z.string() }),
      mcid: z
        .object({ value: z.number(), unit: z.enum(['points', 'percent']), source: z.string() })
        .nullable(),
      band: z
        .object({ low: z.number(), high: z.number() })
        .nullable()
        .describe('Baseline ± MCID: a score outside the band is a meaningful change'),
      points: z.array(
        z.object({
          date: z.string(),
          score: z.number(),
          classification: z.enum(['improved', 'no-meaningful-change', 'worse']).nullable(),
        }),
      ),
      meaning: z.string().nullable(),
    }),
  ),
  pain: z.array(z.object({ date: z.string(), before: z.number().nullable(), after: z.number().nullable() })),
  rom: z.array(
    z.object({
      jointMotion: z.string(),
      label: z.string(),
      side: z.enum(['left', 'right']).nullable(),
      unit: z.string(),
      normal: z.number(),
      points: z.array(z.object({ date: z.string(), value: z.number() })),
      percentOfNormal: z.number().nullable(),
      status: z.string(),
    }),
  ),
  goals: z.array(
    reportFacts.shape.goals.element.extend({
      forPatients: z.string().describe('The goal in plain words with a readable due date, for the portal'),
    }),
  ),
  visits: z.object({
    used: z
      .number()
      .describe('Visits counted on the referral; on a self-referred plan (no referral), the visits attended'),
    authorized: z.number().nullable(),
    planned: z.number().nullable(),
    attended: z.number(),
    missed: z.number(),
  }),
  homeCare: z.object({
    exercises: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        dosage: z.string(),
        timesPerDay: z.number().describe('Times a day prescribed, read from the dosage'),
      }),
    ),
    adherence,
  }),
  bodyChart: z.object({
    first: bodyChartSnapshot
      .nullable()
      .describe('The first body chart a clinician recorded (evaluation or note)'),
    latest: bodyChartSnapshot.nullable().describe('The latest body chart a clinician recorded'),
    regions: z
      .array(regionComparison)
      .describe('First → latest per region, clinician-recorded charts only; empty with fewer than two'),
    patientReport: bodyChartSnapshot
      .nullable()
      .describe("The patient's own latest pain map (health history): shown as theirs, never compared"),
  }),
});
export type ProgressView = z.infer<typeof progressView>;

export const portalProgress = z.object({
  firstName: z.string(),
  measures: z.array(
    z.object({
      name: z.string(),
      what: z
        .string()
        .describe('The measure in plain words, then its acronym and range: "Pain rating (NPRS, 0–10)"'),
      betterWhen: z.enum(['lower', 'higher']),
      range: z.object({ min: z.number(), max: z.number() }),
      first: z.object({ score: z.number(), date: z.string() }),
      latest: z.object({ score: z.number(), date: z.string() }),
      points: z.array(z.object({ date: z.string(), score: z.number() })),
      plain: z.string(),
    }),
  ),
  pain: z.array(z.object({ date: z.string(), before: z.number().nullable(), after: z.number().nullable() })),
  painSummary: z.string().nullable(),
  goals: z.array(z.object({ description: z.string(), status: z.enum(GOAL_STATUSES), plain: z.string() })),
  visits: z.object({ used: z.number(), planned: z.number().nullable(), plain: z.string() }),
});
