import { z } from 'zod';

/** Shared shapes of clinical records: signing, amendments, addenda, people. No server imports. */
export const person = z.object({ userId: z.string(), name: z.string() });

export const signBody = z.strictObject({
  typedName: z.string().trim().min(1).max(200).describe('The author types their name to sign'),
});

export const addendumBody = z.strictObject({ text: z.string().trim().min(1).max(8000) });

export const amendmentView = z.object({
  id: z.string(),
  author: person,
  at: z.string(),
  reason: z.string(),
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
});

export const addendumView = z.object({ id: z.string(), author: person, at: z.string(), text: z.string() });

export const reminder = z.object({
  kind: z.enum([
    're_evaluation_due',
    'progress_report_due',
    'visits_left',
    'plan_expiring',
    'certification_due',
    'recertification_due',
  ]),
  planId: z.string().nullable(),
  referralId: z.string().nullable(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  message: z.string(),
});

export const clinicalChartSection = z.object({
  reminders: z.array(reminder),
  activePlanId: z.string().nullable(),
  lastNoteOn: z.string().nullable(),
  unsignedNotes: z.number(),
});

export const todoItem = z.object({
  kind: z.enum(['unsigned_note', 're_evaluation_due', 'progress_report_due', 'recertification_due']),
  patientId: z.string(),
  patientName: z.string(),
  resourceType: z.enum(['session_note', 'treatment_plan']),
  resourceId: z.string(),
  dueOn: z.string().nullable(),
  since: z.string().nullable(),
  message: z.string(),
  href: z
    .string()
    .nullable()
    .optional()
    .describe('The web page that resolves it (a progress report due: the report page of the patient)'),
});
export const todoList = z.object({ items: z.array(todoItem) });

export const referralSettingsBody = z.strictObject({
  progressEveryVisits: z.number().int().min(1).max(60),
  progressEveryDays: z.number().int().min(7).max(180),
});
export const referralSettings = z.object({
  referralId: z.string(),
  progressEveryVisits: z.number(),
  progressEveryDays: z.number(),
  isDefault: z.boolean(),
});
