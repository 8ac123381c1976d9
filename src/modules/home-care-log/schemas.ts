import { z } from 'zod';

/** The patient's home-care log: shared shapes (server and web). No server imports. */
export const homeCareLogBody = z.strictObject({
  exerciseId: z.string().min(1).max(64).describe("An exercise of the patient's current home-care program"),
  performedOn: z.iso.date().optional().describe("Default: today in the clinic's time zone"),
  done: z.boolean(),
  sets: z.number().int().min(0).max(50).optional(),
  note: z.string().trim().max(500).optional(),
});

export const homeCareLogEntry = z.object({
  id: z.string(),
  exerciseId: z.string(),
  exerciseName: z.string(),
  performedOn: z.string(),
  done: z.boolean(),
  sets: z.number().nullable(),
  note: z.string().nullable(),
  loggedBy: z.enum(['patient', 'staff']),
});

export const adherence = z.object({
  from: z.string(),
  to: z.string(),
  exercises: z.number(),
  expected: z.number().describe('Exercises × days in the window (the program is done daily)'),
  done: z.number(),
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
  exercises: z.array(
    z.object({ id: z.string(), name: z.string(), dosage: z.string(), instructions: z.string() }),
  ),
  entries: z.array(homeCareLogEntry),
  adherence,
});
