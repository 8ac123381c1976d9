import { z } from 'zod';
import { isoDateTime } from '../../platform/schemas.ts';

/** Zod schemas of verified reviews, shared by the server and the web app (no server imports). */
export const COURSE_WINDOW_DAYS = 180;

export const reviewInput = z.object({
  appointmentId: z.uuid(),
  rating: z.number().int().min(1, 'Rate from 1 to 5').max(5, 'Rate from 1 to 5'),
  body: z
    .string()
    .trim()
    .min(10, 'Write at least a sentence (10 characters)')
    .max(2000, 'At most 2,000 characters'),
});

export const eligibility = z.object({
  appointmentId: z.uuid(),
  clinicName: z.string(),
  therapistName: z.string(),
  date: z.string().describe('Local date of the appointment'),
  eligible: z.boolean(),
  reason: z.string().nullable(),
});

export const myReview = z.object({
  id: z.uuid(),
  rating: z.number().int(),
  body: z.string(),
  status: z.enum(['published', 'hidden']),
  createdAt: isoDateTime,
});

export const staffReview = z.object({
  id: z.uuid(),
  therapistId: z.uuid(),
  therapistName: z.string(),
  rating: z.number().int(),
  body: z.string(),
  status: z.enum(['published', 'hidden']),
  createdAt: isoDateTime,
  reply: z.string().nullable(),
  openReportId: z.uuid().nullable(),
});
export type StaffReview = z.infer<typeof staffReview>;

export const replyInput = z.object({ body: z.string().trim().min(1, 'Required').max(2000) });
export const reportInput = z.object({
  reason: z.string().trim().min(3, 'Say why (at least 3 characters)').max(500),
});
export const decisionInput = z.object({
  decision: z.enum(['keep', 'hide']),
  reason: z.string().trim().min(3, 'Give a reason (at least 3 characters)').max(500),
});

export const report = z.object({
  id: z.uuid(),
  reviewId: z.uuid(),
  reason: z.string(),
  reportedByName: z.string(),
  createdAt: isoDateTime,
  review: staffReview,
});

export const moderationEntry = z.object({
  id: z.uuid(),
  reviewId: z.uuid(),
  reportId: z.uuid().nullable(),
  decision: z.enum(['keep', 'hide', 'restore']),
  reason: z.string(),
  decidedByName: z.string(),
  decidedAt: isoDateTime,
});
