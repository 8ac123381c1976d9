import { z } from 'zod';

/** Zod schemas for scheduling set-up and availability, shared by the server and the web app (no server imports). */

export const localTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:mm, e.g. 09:00')
  .describe('Local wall-clock time in the clinic zone, HH:mm');
export const localEndTime = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'Use HH:mm (24:00 for midnight)')
  .describe('Local wall-clock end time, HH:mm; an end at or before the start runs past midnight');
const isRealDate = (value: string) => {
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
};
export const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD')
  .refine(isRealDate, 'Not a real date')
  .describe('Local date in the clinic zone, YYYY-MM-DD');
export const weekday = z.number().int().min(1).max(7).describe('ISO weekday: 1 = Monday … 7 = Sunday');
export const equipmentTag = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'Use lower-case letters, digits and dashes (e.g. hydraulic-table)');

export const durationMinutes = z
  .number()
  .int()
  .min(15, 'At least 15 minutes')
  .max(180, 'At most 180 minutes')
  .refine((n) => n % 5 === 0, 'Use a multiple of 5 minutes (30, 45, 60, 75, 90…)');

export const serviceInput = z.object({
  name: z.string().trim().min(1, 'Required').max(120),
  description: z.string().trim().max(2000).optional(),
  durationMinutes,
  bufferBeforeMinutes: z.number().int().min(0).max(60).default(0),
  bufferAfterMinutes: z.number().int().min(0).max(60).default(0),
  priceCents: z.number().int().min(0).max(10_000_000),
  kind: z.enum(['new_patient', 'follow_up']),
  onlineBookable: z.boolean().default(true),
  requiredEquipment: z.array(equipmentTag).max(10).default([]),
  therapistIds: z.array(z.uuid()).max(200).default([]).describe('Therapists who deliver this service'),
  roomIds: z.array(z.uuid()).max(200).default([]).describe('If not empty, only these rooms may be used'),
});
export const service = serviceInput.extend({
  id: z.uuid(),
  description: z.string().nullable(),
  archived: z.boolean(),
});
export type ServiceDto = z.infer<typeof service>;
/** What patients see: no room or therapist set-up details beyond who can deliver it. */
export const publicService = service.pick({
  id: true,
  name: true,
  description: true,
  durationMinutes: true,
  priceCents: true,
  kind: true,
  onlineBookable: true,
  therapistIds: true,
});

export const roomInput = z.object({
  locationId: z.uuid(),
  name: z.string().trim().min(1, 'Required').max(80),
  equipment: z.array(equipmentTag).max(20).default([]),
  sortOrder: z.number().int().min(0).max(1000).default(0),
});
export const room = roomInput.extend({ id: z.uuid(), archived: z.boolean() });

export const weeklyHoursInput = z.object({
  weekday,
  start: localTime,
  end: localEndTime,
  locationId: z.uuid(),
});
export const weeklyBreakInput = z.object({ weekday, start: localTime, end: localEndTime });

export const therapistSchedule = z.object({
  weeklyHours: z.array(weeklyHoursInput).max(50),
  breaks: z.array(weeklyBreakInput).max(50),
  serviceIds: z.array(z.uuid()).max(200).describe('Services this therapist offers'),
});
export const therapistScheduleOut = therapistSchedule.extend({
  therapistId: z.uuid(),
  displayName: z.string(),
});

const acknowledgeBookedAppointments = z
  .boolean()
  .optional()
  .describe(
    'Save even though booked patients fall in this time (answered 409 appointments_in_time_off otherwise). Their appointments are kept as they are: reschedule or cancel them in the calendar',
  );

export const exceptionInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('time_off'),
    startDate: localDate,
    endDate: localDate,
    startTime: localTime.optional().describe('On startDate; without it the time off starts at midnight'),
    endTime: localEndTime
      .optional()
      .describe('On endDate; without it the time off lasts to the end of endDate'),
    note: z.string().trim().max(200).optional(),
    acknowledgeBookedAppointments,
  }),
  z.object({
    kind: z.literal('holiday'),
    date: localDate,
    note: z.string().trim().max(200).optional(),
    acknowledgeBookedAppointments,
  }),
  z.object({
    kind: z.literal('extra_hours'),
    date: localDate,
    start: localTime,
    end: localEndTime,
    locationId: z.uuid(),
    note: z.string().trim().max(200).optional(),
  }),
]);
export const exceptionOut = z.object({
  id: z.uuid(),
  therapistId: z.uuid(),
  kind: z.enum(['time_off', 'holiday', 'extra_hours']),
  startDate: z.string(),
  endDate: z.string(),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  locationId: z.uuid().nullable(),
  note: z.string().nullable(),
});

/** The statuses of an appointment still to happen (or under way): the patient expects their therapist. */
export const BOOKED_STATUSES = ['booked', 'confirmed', 'checked_in'] as const;

/** A booked appointment of the therapist inside a time off or holiday being saved. */
export const appointmentInTimeOff = z.object({
  id: z.uuid(),
  start: z.string().describe('UTC instant'),
  end: z.string().describe('UTC instant'),
  status: z.enum(BOOKED_STATUSES),
  patientName: z
    .string()
    .nullable()
    .describe("The patient's display name; null when the caller may not read appointments"),
});
export type AppointmentInTimeOff = z.infer<typeof appointmentInTimeOff>;
export const MAX_LISTED_IN_TIME_OFF = 200;
export const appointmentsInTimeOff = z.object({
  total: z.number().int().describe('How many booked appointments fall in the time'),
  appointments: z
    .array(appointmentInTimeOff)
    .describe(`By start; the first ${MAX_LISTED_IN_TIME_OFF} when there are more`),
});
export type AppointmentsInTimeOff = z.infer<typeof appointmentsInTimeOff>;
/** A saved exception, with the booked appointments it covers (still booked: the desk decides what to do). */
export const exceptionCreated = exceptionOut.extend({ bookedAppointments: appointmentsInTimeOff });

export const bookingRules = z.object({
  minNoticeMinutes: z.number().int().min(0).max(20160),
  maxDaysAhead: z.number().int().min(1).max(365),
  slotGranularityMinutes: z
    .number()
    .int()
    .refine((n) => [5, 10, 15, 20, 30, 60].includes(n), 'Use 5, 10, 15, 20, 30 or 60 minutes'),
  lateCancellationHours: z.number().int().min(0).max(168),
  lateCancellationFeeCents: z
    .number({ error: 'Enter an amount in dollars, 0 for no fee' })
    .int()
    .min(0, 'Enter 0 or more')
    .max(100_000, 'At most $1,000')
    .describe('Charged to the account for a late cancellation (0: no fee); staff may waive it'),
  noShowFeeCents: z
    .number({ error: 'Enter an amount in dollars, 0 for no fee' })
    .int()
    .min(0, 'Enter 0 or more')
    .max(100_000, 'At most $1,000')
    .describe('Charged to the account for a no-show (0: no fee); staff may waive it'),
  reminderOffsetsMinutes: z
    .array(z.number().int().min(15).max(20160).describe('Minutes before the start'))
    .max(5)
    .describe('E-mail reminders, e.g. [2880, 120] for 48 h and 2 h before'),
  whatToBring: z.string().trim().max(1000).nullable(),
  selfCareTips: z.string().trim().max(2000).nullable(),
});
export const bookingRulesPatch = bookingRules
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'Send at least one rule' });

export const slot = z.object({
  start: z.string().describe('UTC instant'),
  end: z.string(),
  localDate: z.string(),
  localTime: z.string(),
  localStart: z.string().describe('Local ISO with offset in the clinic zone'),
  therapistId: z.uuid(),
  roomId: z.uuid(),
  locationId: z.uuid(),
});
export type SlotDto = z.infer<typeof slot>;

const booleanQuery = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();

export const availabilityQuery = z.object({
  serviceId: z.uuid(),
  from: localDate.describe('First local date (inclusive)'),
  to: localDate.describe('Last local date (EXCLUSIVE); at most 62 days after from'),
  therapistId: z.uuid().optional(),
  locationId: z.uuid().optional(),
  firstAvailable: booleanQuery.describe('One slot per start time (the first free therapist)'),
});
export type AvailabilityQuery = z.infer<typeof availabilityQuery>;
export const availabilityResponse = z.object({
  timeZone: z.string(),
  audience: z.enum(['patient', 'staff']),
  slots: z.array(slot),
});

/** The calendar's shading: when each therapist works, and what takes time from it (staff only). */
export const workingTimeQuery = z.object({
  from: localDate.describe('First local date (inclusive)'),
  to: localDate.describe('Last local date (EXCLUSIVE); at most 62 days after from'),
});
const utcSpan = z.object({
  start: z.string().describe('UTC instant'),
  end: z.string().describe('UTC instant'),
});
export const AWAY_KINDS = ['break', 'time_off', 'holiday'] as const;
export const workingTimeResponse = z.object({
  timeZone: z.string(),
  therapists: z.array(
    z.object({
      therapistId: z.uuid(),
      working: z
        .array(utcSpan.extend({ locationId: z.uuid() }))
        .describe('Weekly and extra hours at a location, clipped to the range; touching windows merged'),
      away: z
        .array(utcSpan.extend({ kind: z.enum(AWAY_KINDS) }))
        .describe('Breaks, time off and holidays (the whole day but its extra hours): not bookable'),
    }),
  ),
});
export type WorkingTimeDto = z.infer<typeof workingTimeResponse>;

export const feedSettings = z.object({ includePatientNames: z.boolean().default(false) });
export const feedStatus = z.object({
  active: z
    .object({
      id: z.uuid(),
      includePatientNames: z.boolean(),
      createdAt: z.string(),
    })
    .nullable(),
});
export const feedCreated = z.object({
  id: z.uuid(),
  url: z.string().describe('Shown once: the private feed URL (keep it secret; revoke to end it)'),
  includePatientNames: z.boolean(),
});
