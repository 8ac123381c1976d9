import { z } from 'zod';

/** The patient's home-care log: shared shapes (server and web). No server imports. */

/** A day can be logged (or a log undone) on that day and the days before it, this many days in all. */
export const LOG_DAYS = 7;

export const homeCareLogBody = z.strictObject({
  exerciseId: z.string().min(1).max(64).describe("An exercise of the patient's current home-care program"),
  performedOn: z.iso
    .date()
    .optional()
    .describe(
      "Default: today in the clinic's time zone. Today or one of the 6 days before it, not before the home care began",
    ),
  done: z
    .boolean()
    .describe(
      'true: one more time done that day (up to the times a day prescribed); false: not done that day (replaces the day’s entries for the exercise)',
    ),
  sets: z.number().int().min(0).max(50).optional(),
  note: z.string().trim().max(500).optional(),
});

export const homeCareLogEntry = z.object({
  id: z.string(),
  exerciseId: z.string(),
  exerciseName: z.string(),
  performedOn: z.string(),
  occurrence: z.number().describe('Which time that day (1, 2, …)'),
  done: z.boolean(),
  sets: z.number().nullable(),
  note: z.string().nullable(),
  loggedBy: z.enum(['patient', 'staff']),
});

export const adherence = z.object({
  from: z.string(),
  to: z.string(),
  exercises: z.number(),
  expected: z
    .number()
    .describe(
      "Times prescribed in the window: each exercise's times a day × the days (the program is done daily)",
    ),
  done: z.number().describe('Times done, each day counting no more than the times prescribed that day'),
  percent: z.number().nullable(),
  daysLogged: z.number(),
});
export type Adherence = z.infer<typeof adherence>;

export const homeCareLogQuery = z.object({
  from: z.iso.date().optional().describe('Default: 13 days before `to` (a two-week window)'),
  to: z.iso.date().optional().describe('Default: today'),
});

export const homeCareLogView = z.object({
  planId: z.string().nullable(),
  today: z.string().describe("Today in the clinic's time zone"),
  startedOn: z
    .string()
    .nullable()
    .describe('The day the home care began (the plan’s start); null without a plan'),
  exercises: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      dosage: z.string(),
      instructions: z.string(),
      timesPerDay: z
        .number()
        .describe('Times a day prescribed, read from the dosage (once when it names none)'),
      upTo: z.number().describe('The most times a day it can be logged ("once or twice a day": 2)'),
    }),
  ),
  entries: z.array(homeCareLogEntry),
  adherence,
});
