import { z } from 'zod';
import { isoDateTime } from '../../platform/schemas.ts';

/** Payments taken from or for a patient, and their account: shared by the server and the web app. */
export const PAYMENT_METHOD_VALUES = ['card', 'cash', 'check', 'hsa_fsa', 'insurance', 'other'] as const;
export const PAYMENT_METHOD_LABELS: Record<(typeof PAYMENT_METHOD_VALUES)[number], string> = {
  card: 'Card',
  cash: 'Cash',
  check: 'Check',
  hsa_fsa: 'HSA / FSA card',
  insurance: 'Insurance payment',
  other: 'Other',
};

/** Twelve or more digits in a row read like a card number, which a clinic must not keep (PCI DSS). */
const CARD_NUMBER_LIKE = /\d(?:[ -]?\d){11,}/;

const amountCents = z
  .number({ error: 'Enter an amount in dollars, e.g. 45 or 45.50' })
  .int('Whole cents')
  .min(1, 'Enter an amount above zero')
  .max(10_000_000, 'That is more than $100,000: check the amount');
const reference = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .refine((s) => !CARD_NUMBER_LIKE.test(s), 'Do not record card numbers: the last four digits are enough')
  .nullable()
  .optional()
  .describe('A receipt or check number, or a card’s last four digits');
/** Why a payment is voided, a fee waived or a credit refunded: each is kept, so the reason is what explains it. */
const reason = z.string().trim().min(3, 'Say why, in a few words').max(500);

export const paymentInput = z.strictObject({
  amountCents,
  method: z.enum(PAYMENT_METHOD_VALUES),
  appointmentId: z.uuid().nullable().optional().describe('The visit paid for; none: on account'),
  receivedAt: isoDateTime.optional().describe('Default: now. Never in the future'),
  reference,
});

export const refundInput = z.strictObject({
  amountCents: amountCents.describe('At most what the account is in credit'),
  method: z.enum(PAYMENT_METHOD_VALUES).describe('How the money went back: to the card, in cash, by check…'),
  refundedAt: isoDateTime.optional().describe('Default: now. Never in the future'),
  reference,
  reason,
});

export const correctionReason = z.strictObject({ reason });

export const payment = z.object({
  id: z.uuid(),
  kind: z.enum(['payment', 'refund']).describe('A refund is money given back from a credit, on account'),
  appointmentId: z.uuid().nullable(),
  amountCents: z.number().int().describe('Always above zero: a refund counts against what was paid'),
  method: z.enum(PAYMENT_METHOD_VALUES),
  receivedAt: isoDateTime.describe('When the money changed hands'),
  reference: z.string().nullable(),
  refundReason: z.string().nullable(),
  recordedByName: z.string(),
  voided: z
    .object({ at: isoDateTime, byName: z.string(), reason: z.string() })
    .nullable()
    .describe('A voided payment no longer counts'),
});
export type Payment = z.infer<typeof payment>;

const CHARGE_KINDS = ['visit', 'late_cancellation', 'no_show'] as const;
export const CHARGE_KIND_LABELS: Record<(typeof CHARGE_KINDS)[number], string> = {
  visit: 'Visit',
  late_cancellation: 'Late-cancellation fee',
  no_show: 'No-show fee',
};

export const charge = z.object({
  appointmentId: z.uuid(),
  start: isoDateTime,
  serviceName: z.string(),
  kind: z.enum(CHARGE_KINDS),
  feeCents: z.number().int().describe("The session's price, or the missed-visit fee charged at the time"),
  paidCents: z
    .number()
    .int()
    .describe('What settles this charge: payments for it, then payments on account, oldest charge first'),
  waived: z
    .object({ at: isoDateTime, byName: z.string(), reason: z.string() })
    .nullable()
    .describe('A waived fee is kept but no longer owed'),
});
export type Charge = z.infer<typeof charge>;

export const patientAccount = z.object({
  payments: z.array(payment).describe('Newest first, voided ones included'),
  charges: z
    .array(charge)
    .describe('Visits attended (checked in or completed) and missed-visit fees, latest first'),
  chargedCents: z.number().int().describe('Every charge not waived'),
  paidCents: z
    .number()
    .int()
    .describe('Every payment that counts, for a charge or on account, minus the refunds that count'),
  balanceCents: z.number().int().describe('Charged minus paid: above zero is owed, below zero is a credit'),
});
export type PatientAccount = z.infer<typeof patientAccount>;

export const balanceDue = z.object({
  patientId: z.uuid(),
  patientName: z.string(),
  balanceCents: z.number().int().describe('Charges not waived minus payments (net of refunds) that count'),
  lastVisitAt: isoDateTime,
});
export const balancesDue = z.object({
  items: z.array(balanceDue).describe('Largest balance first'),
  totalCents: z.number().int(),
});
export type BalancesDue = z.infer<typeof balancesDue>;
