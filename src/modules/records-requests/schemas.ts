import { z } from 'zod';

/** Right of access (45 CFR 164.524): records requests. Shared shapes, no server imports. */
export const RECORDS_FORMATS = ['pdf', 'fhir', 'pdf_and_fhir'] as const;
export const REQUESTER_RELATIONSHIPS = ['self', 'personal_representative', 'designated_third_party'] as const;

export const recordsRequestCreate = z.strictObject({
  patientId: z.uuid(),
  requestedOn: z.iso.date().describe('When the request was received; due 30 days later'),
  requesterName: z.string().trim().min(1).max(200),
  requesterRelationship: z.enum(REQUESTER_RELATIONSHIPS).default('self'),
  format: z.enum(RECORDS_FORMATS).default('pdf_and_fhir'),
  deliverTo: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .optional()
    .describe('Where the copy goes (e-mail, address, third party)'),
  notes: z.string().trim().max(2000).optional(),
});

export const extensionBody = z.strictObject({
  reason: z.string().trim().min(1).max(2000).describe('The written reason given to the requester'),
});

export const fulfilBody = z.strictObject({
  deliveredTo: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .optional()
    .describe('Default: the request’s deliverTo, else the requester'),
});

export const recordsRequestView = z.object({
  id: z.string(),
  patientId: z.string(),
  patientName: z.string(),
  requestedOn: z.string(),
  requesterName: z.string(),
  requesterRelationship: z.enum(REQUESTER_RELATIONSHIPS),
  format: z.enum(RECORDS_FORMATS),
  deliverTo: z.string().nullable(),
  notes: z.string().nullable(),
  dueOn: z.string(),
  extendedDueOn: z.string().nullable(),
  extensionReason: z.string().nullable(),
  deadline: z.string().describe('dueOn, or extendedDueOn once extended'),
  daysLeft: z.number().describe('Days from today to the deadline (negative: overdue)'),
  overdue: z.boolean(),
  status: z.enum(['open', 'fulfilled']),
  fulfilledAt: z.string().nullable(),
  createdAt: z.string(),
});

export const recordsRequestListQuery = z.object({
  status: z.enum(['open', 'fulfilled', 'all']).default('open'),
});
