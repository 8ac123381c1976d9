import { z } from 'zod';
import { INJURY_CAUSE_IDS } from '../../domain/catalog/injury.ts';
import { PAIN_MEDICATION } from '../session-notes/schemas.ts';

/** Reports to the referring physician: shared shapes (server and web). No server imports. */
export const REPORT_KINDS = ['progress_report', 'discharge_summary'] as const;
export const REPORT_KIND_LABELS = {
  progress_report: 'Progress report',
  discharge_summary: 'Discharge summary',
} as const;
export const RECOMMENDATIONS = ['continue', 'modify', 'discharge', 'refer_back'] as const;
export const RECOMMENDATION_LABELS = {
  continue: 'Continue the plan of care',
  modify: 'Modify the plan of care',
  discharge: 'Discharge',
  refer_back: 'Refer back to the physician',
} as const;
export const GOAL_STATUSES = ['met', 'progressing', 'no-change', 'regressed', 'not-assessed'] as const;

const dated = z.object({ value: z.number(), date: z.string() });

/**
 * A range-of-motion value as people read it: "40°", "35 mm" (TMJ opening), a dash when not measured. The data
 * keeps the UCUM unit (`deg`); only text for people shows the degree sign.
 */
export function romValueText(value: number | null, unit: string): string {
  if (value === null) return '—';
  const number = Number.isInteger(value) ? String(value) : value.toFixed(1);
  return unit === 'deg' ? `${number}°` : `${number} ${unit}`;
}

/** What the record says, generated when the draft is made (a snapshot: signing locks it with the text). */
export const reportFacts = z.object({
  patient: z.object({ name: z.string(), dateOfBirth: z.string() }),
  clinic: z.object({ name: z.string(), address: z.string().nullable(), phone: z.string().nullable() }),
  therapist: z.object({ userId: z.string(), name: z.string() }),
  referral: z
    .object({
      id: z.string(),
      referralDate: z.string(),
      physicianName: z.string().nullable(),
      diagnoses: z.array(z.object({ code: z.string(), description: z.string() })),
      authorizedVisits: z.number().nullable(),
      /** What the condition is related to; absent in reports drafted before referrals recorded injuries. */
      injury: z
        .object({ cause: z.enum(INJURY_CAUSE_IDS), date: z.string(), state: z.string().nullable() })
        .nullable()
        .optional(),
    })
    .nullable(),
  plan: z
    .object({
      id: z.string(),
      version: z.number(),
      problems: z.array(z.string()),
      techniques: z.array(z.string()),
      regions: z.array(z.string()),
      frequencyPerWeek: z.number(),
      durationWeeks: z.number(),
      plannedVisits: z.number(),
      sessionMinutes: z.number(),
      startDate: z.string(),
      endDate: z.string(),
    })
    .nullable(),
  period: z.object({ start: z.string(), end: z.string() }),
  visits: z.object({
    attended: z
      .number()
      .describe(
        'Completed appointments, plus signed notes of days without one (a note documents its day’s appointment)',
      ),
    noShow: z.number(),
    lateCancelled: z.number(),
    missed: z.number().describe('No-shows plus late cancellations'),
    sinceStart: z.number().describe('Visits counted on the referral so far'),
    authorized: z.number().nullable(),
  }),
  treatment: z.object({
    sessions: z.number(),
    totalMinutes: z.number(),
    byTechnique: z.array(
      z.object({
        techniqueId: z.string(),
        name: z.string(),
        cpt: z.string(),
        minutes: z.number(),
        sessions: z.number(),
      }),
    ),
  }),
  pain: z.object({
    sessions: z.array(
      z.object({
        date: z.string(),
        before: z.number().nullable(),
        after: z.number().nullable(),
        // Absent from reports generated before it was recorded.
        medication: z.enum(PAIN_MEDICATION).nullable().optional(),
      }),
    ),
    averageBefore: z.number().nullable(),
    averageAfter: z.number().nullable(),
  }),
  outcomes: z.array(
    z.object({
      instrumentId: z.string(),
      name: z.string(),
      direction: z.enum(['higher-is-worse', 'higher-is-better']),
      baseline: dated,
      latest: dated,
      change: z.number(),
      percentChange: z.number().nullable(),
      classification: z.enum(['improved', 'no-meaningful-change', 'worse']),
      mcid: z
        .object({ value: z.number(), unit: z.enum(['points', 'percent']), source: z.string() })
        .nullable(),
      meaning: z.string().describe('The change in words, with the MCID it was judged against'),
    }),
  ),
  rom: z.array(
    z.object({
      jointMotion: z.string(),
      label: z.string(),
      side: z.enum(['left', 'right']).nullable(),
      unit: z.string(),
      normal: z.number(),
      first: dated,
      latest: dated,
      percentOfNormal: z.number().nullable(),
      status: z.string(),
    }),
  ),
  goals: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      description: z.string(),
      baseline: z.number().nullable(),
      target: z.number().nullable(),
      current: z.number().nullable(),
      status: z.enum(GOAL_STATUSES),
      note: z.string().nullable(),
    }),
  ),
  homeCare: z.object({
    exercises: z.array(z.object({ id: z.string(), name: z.string(), dosage: z.string() })),
    advice: z.array(z.string()),
    adherencePercent: z.number().nullable(),
    daysLogged: z.number(),
  }),
});
export type ReportFacts = z.infer<typeof reportFacts>;

/**
 * A report on a self-referred plan: a plan and no referral (every referred plan carries its referral into the
 * report). It has no referring physician and no diagnosis: it is written for the record, about the client.
 */
export const isSelfReferredReport = (facts: Pick<ReportFacts, 'referral' | 'plan'>) =>
  facts.referral === null && facts.plan !== null;

const text = (max: number) => z.string().trim().max(max);

/** The parts the therapist writes (prefilled from the record, edited before signing). */
export const reportText = z.object({
  summary: text(8000),
  assessment: text(8000),
  plan: text(8000),
  recommendationNote: text(4000),
});

/** How a signed report reached a provider outside Palpa. */
export const SENT_METHODS = ['fax', 'post', 'hand'] as const;

export const reportView = z.object({
  id: z.string(),
  patientId: z.string(),
  referralId: z.string().nullable(),
  planId: z.string().nullable(),
  kind: z.enum(REPORT_KINDS),
  title: z.string(),
  status: z.enum(['draft', 'signed']),
  periodStart: z.string(),
  periodEnd: z.string(),
  facts: reportFacts,
  text: reportText,
  recommendation: z.enum(RECOMMENDATIONS),
  author: z.object({ userId: z.string(), name: z.string() }),
  signedAt: z.string().nullable(),
  signatureTypedName: z.string().nullable(),
  deliveries: z.array(
    z.object({
      id: z.string(),
      recipient: z.object({ userId: z.string(), name: z.string() }),
      deliveredAt: z.string(),
      openedAt: z.string().nullable(),
      openCount: z.number(),
    }),
  ),
  referringProvider: z
    .object({
      name: z.string().describe('As people write it: "Dr Maya Chen, MD"'),
      fax: z.string().nullable(),
      phone: z.string().nullable(),
    })
    .nullable()
    .describe("The referral's provider on file (none on a self-referred plan)"),
  recipients: z
    .array(z.object({ userId: z.string(), name: z.string() }))
    .describe(
      'The physicians on Palpa that signing delivers the report to; none means it must go another way',
    ),
  sentOutside: z
    .array(
      z.object({
        id: z.string(),
        recipient: z.string(),
        description: z.string().describe('What was sent and how, as in the accounting'),
        sentAt: z.string(),
      }),
    )
    .describe('Copies sent outside Palpa (fax, post, by hand), each in the accounting of disclosures'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ReportView = z.infer<typeof reportView>;

export const reportSummary = reportView.pick({
  id: true,
  patientId: true,
  referralId: true,
  kind: true,
  title: true,
  status: true,
  periodStart: true,
  periodEnd: true,
  recommendation: true,
  author: true,
  signedAt: true,
  createdAt: true,
});

export const reportCreate = z.strictObject({
  kind: z.enum(REPORT_KINDS),
  referralId: z.uuid().optional().describe("Default: the referral of the patient's current plan"),
  periodEnd: z.iso.date().optional().describe("Default: today in the clinic's time zone"),
});

export const reportUpdate = z.strictObject({
  text: reportText.partial().optional(),
  recommendation: z.enum(RECOMMENDATIONS).optional(),
});

export const deliveryCreate = z.strictObject({
  physicianUserId: z.uuid().describe('A physician linked to the patient'),
});

export const sentOutsideCreate = z.strictObject({
  method: z.enum(SENT_METHODS),
  recipient: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .optional()
    .describe("Default: the referral's provider on file"),
  sentAt: z.iso.datetime({ offset: true }).optional().describe('Default: now'),
});

/** What a physician sees in their portal: signed reports about their patients. */
export const physicianReportItem = z.object({
  id: z.string(),
  patientId: z.string(),
  patientName: z.string(),
  kind: z.enum(REPORT_KINDS),
  title: z.string(),
  signedAt: z.string(),
  deliveredAt: z.string().nullable(),
  openedAt: z.string().nullable(),
});
