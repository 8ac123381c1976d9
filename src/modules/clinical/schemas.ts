import { z } from 'zod';

/** Shared shapes of clinical records: signing, amendments, addenda, people. No server imports. */
export const person = z.object({ userId: z.string(), name: z.string() });

type Unwrapped<T> = T extends z.ZodOptional<infer I extends z.ZodType> ? I : T extends z.ZodType ? T : never;
type Clearable<T> = z.ZodOptional<z.ZodNullable<Unwrapped<T>>>;
type DraftPatchEntry<T> =
  Unwrapped<T> extends z.ZodObject<infer S, infer C>
    ? z.ZodOptional<z.ZodObject<{ -readonly [K in keyof S]: Clearable<S[K]> }, C>>
    : Clearable<T>;
export type DraftPatchShape<S> = { -readonly [K in keyof S]: DraftPatchEntry<S[K]> };

/** The field, optional and nullable (`null` clears it), keeping its description. */
function clearable(field: z.ZodType): z.ZodType {
  const inner = field instanceof z.ZodOptional ? (field.unwrap() as z.ZodType) : field;
  const description = field.description ?? inner.description;
  const out = inner.nullable().optional();
  return description ? out.describe(description) : out;
}

/**
 * The autosave patch of a draft clinical record whose content merges two levels deep (see `mergeSections`):
 * every field may be left out (kept), given (replaces the stored one) or `null` (cleared). Sections (object
 * fields of the content) are not cleared as a whole: their fields are. Signed records never take a patch.
 */
export function draftPatchOf<S extends z.core.$ZodShape, C extends z.core.$ZodObjectConfig>(
  content: z.ZodObject<S, C>,
): z.ZodObject<DraftPatchShape<S>, z.core.$strict> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(content.shape as unknown as Record<string, z.ZodType>)) {
    const inner = field instanceof z.ZodOptional ? (field.unwrap() as z.ZodType) : field;
    shape[key] =
      inner instanceof z.ZodObject
        ? z
            .strictObject(
              Object.fromEntries(
                Object.entries(inner.shape as Record<string, z.ZodType>).map(([k, v]) => [k, clearable(v)]),
              ),
            )
            .optional()
        : clearable(field);
  }
  return z.strictObject(shape) as unknown as z.ZodObject<DraftPatchShape<S>, z.core.$strict>;
}

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
  kind: z.enum([
    'urgent_red_flag',
    'unsigned_note',
    'undocumented_visit',
    're_evaluation_due',
    'progress_report_due',
    'recertification_due',
    'plan_changes_requested',
  ]),
  patientId: z.string(),
  patientName: z.string(),
  resourceType: z.enum(['session_note', 'appointment', 'treatment_plan', 'intake']),
  resourceId: z.string(),
  dueOn: z.string().nullable(),
  since: z.string().nullable(),
  message: z.string(),
  href: z
    .string()
    .describe(
      'The web page that resolves it: the chart (an urgent red flag on the intake), the note, a new note for the visit, the evaluation or report to start, the plan (to certify, or to change as the physician asked)',
    ),
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
