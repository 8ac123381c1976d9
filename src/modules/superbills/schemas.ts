import { z } from 'zod';
import { PAYER_KINDS } from '../../domain/billing/cms1500.ts';
import { SUPERBILL_LEFT_OUT_REASONS } from '../../domain/billing/superbill.ts';
import { HEALTH_PLAN_FILING_CODES, PAYER_ID_PATTERN } from '../../domain/billing/x12-837p.ts';

/** A period of documented visits: signed session notes dated from `from` to `to` (clinic days, inclusive). */
const period = z.object({
  from: z.iso.date({ error: 'Enter a date' }),
  to: z.iso.date({ error: 'Enter a date' }),
});
const inOrder = (q: { from: string; to: string }) => q.from <= q.to;
const withinAYear = (q: { from: string; to: string }) =>
  Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000;

/** The visits a superbill covers: signed session notes dated from `from` to `to` (clinic days, inclusive). */
export const superbillQuery = period
  .refine(inOrder, { path: ['to'], message: 'The end comes on or after the start' })
  .refine(withinAYear, { path: ['to'], message: 'A superbill covers at most a year' });

export const CLAIM_PRINTS = ['form', 'review'] as const;

/** A CMS-1500 claim: the visits of a period, to one payer (health plan, auto insurer, workers' comp carrier). */
export const cms1500Query = period
  .extend({
    payer: z.enum(PAYER_KINDS, { error: 'Choose the payer: health, auto or workers_comp' }),
  })
  .refine(inOrder, { path: ['to'], message: 'The end comes on or after the start' })
  .refine(withinAYear, { path: ['to'], message: 'A claim covers at most a year' });

/** The PDF: printed on the red CMS-1500 form (`form`, default) or a review copy listing the boxes. */
export const cms1500PdfQuery = period
  .extend({
    payer: z.enum(PAYER_KINDS, { error: 'Choose the payer: health, auto or workers_comp' }),
    print: z.enum(CLAIM_PRINTS, { error: 'Print on the form or a review copy' }).default('form'),
  })
  .refine(inOrder, { path: ['to'], message: 'The end comes on or after the start' })
  .refine(withinAYear, { path: ['to'], message: 'A claim covers at most a year' });

/**
 * The electronic claim (X12 837P): the CMS-1500's period and payer, the payer ID it is addressed to, and for a
 * health plan its filing indicator.
 */
export const x12ClaimQuery = period
  .extend({
    payer: z.enum(PAYER_KINDS, { error: 'Choose the payer: health, auto or workers_comp' }),
    payerId: z
      .string()
      .trim()
      .regex(PAYER_ID_PATTERN, 'A payer ID is 2 to 15 letters or digits, as your clearinghouse lists it')
      .describe('The payer’s electronic ID from the clearinghouse’s payer list (2010BB, the receiver)'),
    filing: z
      .enum(HEALTH_PLAN_FILING_CODES, { error: 'Choose the plan type' })
      .optional()
      .describe('Health plan only: the claim filing indicator (SBR09), CI commercial by default'),
  })
  .refine(inOrder, { path: ['to'], message: 'The end comes on or after the start' })
  .refine(withinAYear, { path: ['to'], message: 'A claim covers at most a year' })
  .refine((q) => q.filing === undefined || q.payer === 'health', {
    path: ['filing'],
    message: 'Only a health plan claim has a plan type: auto is AM, workers’ compensation WC',
  });

export const claimProblem = z.object({
  field: z.string().describe('The box it concerns ("1a", "24J") or "claim"'),
  message: z.string(),
  severity: z
    .enum(['error', 'warning'])
    .describe('error: the payer would reject the claim; warning: to check'),
});
export type ClaimProblemView = z.infer<typeof claimProblem>;

/** The JSON preflight: every form's boxes (number, label, value) and what stands in the way of a clean claim. */
export const cms1500Preflight = z.object({
  payer: z.enum(PAYER_KINDS),
  payerName: z.string().nullable(),
  visits: z.number().int(),
  leftOff: z.number().int().describe('Visits of the period not under the auto or workers’ comp claim'),
  totalChargeCents: z.number().int(),
  problems: z.array(claimProblem),
  electronicProblems: z
    .array(claimProblem)
    .describe(
      'What the electronic claim (837P) needs besides `problems`: 2-letter states, ZIP+4 for the clinic, a contact phone…',
    ),
  forms: z.array(
    z.object({
      page: z.number().int(),
      pages: z.number().int(),
      boxes: z.array(z.object({ box: z.string(), label: z.string(), value: z.string() })),
    }),
  ),
});
export type Cms1500Preflight = z.infer<typeof cms1500Preflight>;

/**
 * The staff's check of a superbill before it is downloaded or given: what it lists and charges, the payments
 * line as printed, the visits of the period it leaves out (and why), and the visits whose lines point to no
 * diagnosis (the insurer cannot reimburse them).
 */
export const superbillCheck = z.object({
  visits: z.number().int().describe('Visits listed on the superbill'),
  chargedCents: z.number().int().describe('The listed visits’ fees'),
  paidCents: z
    .number()
    .int()
    .describe('Payments applied to the listed visits (as the account allocates them)'),
  otherVisitsPaidCents: z
    .number()
    .int()
    .describe('Payments applied to visits of the period the superbill does not list'),
  unpriced: z.number().int().describe('Listed visits with no recorded fee'),
  paymentText: z.string().describe('The payments sentence as the superbill prints it'),
  leftOut: z.array(
    z.object({
      date: z.iso.date(),
      reason: z.enum(SUPERBILL_LEFT_OUT_REASONS),
      message: z.string().describe('Why, in plain words ("note not signed yet")'),
      noteId: z.string().nullable(),
      appointmentId: z.string().nullable(),
      paidCents: z.number().int(),
    }),
  ),
  withoutDiagnosis: z.array(
    z.object({
      date: z.iso.date(),
      noteId: z.string(),
      referralId: z.string().nullable(),
      fixAt: z.enum(['referral', 'note']).describe('Where it is fixed: the referral, or the visit’s note'),
      message: z.string(),
    }),
  ),
});
export type SuperbillCheck = z.infer<typeof superbillCheck>;
