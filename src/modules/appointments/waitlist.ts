import { and, asc, eq, gte, isNull, lte, or } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { uuidv7 } from 'uuidv7';
import { clinics, locations, patients, waitlistEntries, waitlistOffers } from '../../db/schema/index.ts';
import { checkBooking } from '../../domain/scheduling/index.ts';
import { localDateTimeLongText } from '../patients/dates.ts';
import { type LoadedInput, loadSettings } from '../scheduling/engine-input.ts';
import type { AppointmentRow } from './booking.ts';
import { displayName, loadAround } from './booking.ts';
import type { OpeningOffered } from './schemas.ts';

/** How long an offer stays open (never past the lead time before the slot). */
export const OFFER_TTL_MS = 24 * 3_600_000;
/** How many waiting patients are offered one opening at once (the first to accept gets it). */
export const OFFERS_PER_OPENING = 10;

/**
 * When an offer made now for a time starting at `start` ends: after OFFER_TTL_MS, and never later than
 * `leadMinutes` before the start (an opening uses the clinic's minimum notice for online booking, so nobody
 * accepts a time they could not book online and then cannot reach). Not after `now` means: too late to offer.
 */
export const offerExpiry = (now: Date, start: Date, leadMinutes = 0) =>
  new Date(Math.min(now.getTime() + OFFER_TTL_MS, start.getTime() - leadMinutes * 60_000));

/**
 * When a live appointment's time opens (cancellation, reschedule, no-show), offer that exact time —
 * therapist, room, start — to the patients waiting for it: same therapist or any, same location or any,
 * a date window containing the day, and a service that fits there. Each gets an e-mail with a link and no
 * health data (without an address the desk phones them). All offers share an `opening_id`; the first accepted
 * books the slot. Offers close the clinic's minimum notice before the start; inside it nothing is offered and
 * the answer names who it would have suited, for the desk to phone. Answers who it went to and how.
 */
export async function offerOpening(
  app: FastifyInstance,
  freed: AppointmentRow,
  now: Date,
): Promise<OpeningOffered> {
  const { db } = app.deps;
  const { minNoticeMinutes } = await loadSettings(db, freed.clinicId);
  const none = (outcome: OpeningOffered['outcome']): OpeningOffered => ({
    outcome,
    people: [],
    closesAt: null,
    minNoticeMinutes,
  });
  if (freed.startAt <= now) return none('started');
  const [clinic] = await db
    .select({ name: clinics.name, timeZone: clinics.timeZone })
    .from(clinics)
    .where(eq(clinics.id, freed.clinicId));
  if (!clinic) return none('started');
  const day = DateTime.fromJSDate(freed.startAt, { zone: clinic.timeZone }).toISODate()!;
  const waiting = await db
    .select({
      entry: waitlistEntries,
      email: patients.email,
      phone: patients.phone,
      preferredName: patients.preferredName,
      legalFirstName: patients.legalFirstName,
      legalLastName: patients.legalLastName,
    })
    .from(waitlistEntries)
    .innerJoin(
      patients,
      and(eq(patients.clinicId, waitlistEntries.clinicId), eq(patients.id, waitlistEntries.patientId)),
    )
    .where(
      and(
        eq(waitlistEntries.clinicId, freed.clinicId),
        eq(waitlistEntries.status, 'waiting'),
        lte(waitlistEntries.fromDate, day),
        gte(waitlistEntries.toDate, day),
        or(isNull(waitlistEntries.therapistId), eq(waitlistEntries.therapistId, freed.therapistId)),
        or(isNull(waitlistEntries.locationId), eq(waitlistEntries.locationId, freed.locationId)),
      ),
    )
    .orderBy(asc(waitlistEntries.createdAt), asc(waitlistEntries.id))
    .limit(50);
  const openingId = uuidv7();
  const expiresAt = offerExpiry(now, freed.startAt, minNoticeMinutes);
  const tooSoon = expiresAt <= now;
  const inputs = new Map<string, LoadedInput | null>();
  const people: OpeningOffered['people'] = [];
  let offered = 0;
  for (const { entry, email, phone, ...name } of waiting) {
    if (offered >= OFFERS_PER_OPENING) break;
    if (!inputs.has(entry.serviceId)) {
      inputs.set(
        entry.serviceId,
        await loadAround(
          db,
          {
            clinicId: freed.clinicId,
            timeZone: clinic.timeZone,
            serviceId: entry.serviceId,
            start: freed.startAt,
          },
          1,
        ).catch(() => null),
      );
    }
    const loaded = inputs.get(entry.serviceId);
    if (!loaded) continue;
    const check = checkBooking(
      {
        serviceId: entry.serviceId,
        therapistId: freed.therapistId,
        roomId: freed.roomId,
        start: freed.startAt.toISOString(),
        now: now.toISOString(),
        audience: 'staff',
      },
      loaded.input,
    );
    if (!check.ok || !check.slot) continue;
    offered++;
    // Someone waiting on two requests the time suits is named once.
    if (!people.some((p) => p.patientId === entry.patientId))
      people.push({
        patientId: entry.patientId,
        patientName: displayName(name),
        emailed: !tooSoon && Boolean(email),
        phone: phone || null,
      });
    if (tooSoon) continue;
    const offerId = uuidv7();
    await db.insert(waitlistOffers).values({
      clinicId: freed.clinicId,
      id: offerId,
      entryId: entry.id,
      openingId,
      therapistId: freed.therapistId,
      roomId: check.slot.roomId,
      startAt: freed.startAt,
      expiresAt,
      createdAt: now,
    });
    if (email)
      await sendOfferEmail(app, {
        clinicId: freed.clinicId,
        clinic,
        locationId: freed.locationId,
        to: email,
        offerId,
        start: freed.startAt,
        expiresAt,
        shared: true,
      });
  }
  if (people.length === 0) return none(tooSoon ? 'too_soon' : 'none_waiting');
  return {
    outcome: tooSoon ? 'too_soon' : 'offered',
    people,
    closesAt: tooSoon ? null : expiresAt.toISOString(),
    minNoticeMinutes,
  };
}

/**
 * The offer e-mail, for an opening offered to many (`shared`) or a time the desk offers one patient by hand:
 * the clinic, the site, the time in the clinic's zone and the link. Never the service or anything about health.
 */
export function offerEmail(input: {
  clinicName: string;
  locationName: string | null;
  timeZone: string;
  start: Date;
  expiresAt: Date;
  acceptUrl: string;
  shared: boolean;
}): { subject: string; text: string } {
  const where = input.locationName ? ` (${input.locationName})` : '';
  return {
    subject: `An earlier time opened at ${input.clinicName}`,
    text: [
      `An earlier appointment time has opened at ${input.clinicName}${where}:`,
      `${localDateTimeLongText(input.start, input.timeZone)}.`,
      '',
      input.shared
        ? 'Others on the waiting list were told too: the first to accept gets it.'
        : `The clinic is offering it to you. It is not held until you accept, and the offer ends ${localDateTimeLongText(input.expiresAt, input.timeZone, { withYear: false })}.`,
      `Accept it here: ${input.acceptUrl}`,
      '',
      'If you do not want it, do nothing; your current appointment stays as it is.',
    ].join('\n'),
  };
}

/** Sends one waiting patient the e-mail for their offer (see `offerEmail`). */
export async function sendOfferEmail(
  app: FastifyInstance,
  input: {
    clinicId: string;
    clinic: { name: string; timeZone: string };
    locationId: string;
    to: string;
    offerId: string;
    start: Date;
    expiresAt: Date;
    shared: boolean;
  },
): Promise<void> {
  const { db, mailer, config } = app.deps;
  const [location] = await db
    .select({ name: locations.name })
    .from(locations)
    .where(and(eq(locations.clinicId, input.clinicId), eq(locations.id, input.locationId)));
  const { subject, text } = offerEmail({
    clinicName: input.clinic.name,
    locationName: location?.name ?? null,
    timeZone: input.clinic.timeZone,
    start: input.start,
    expiresAt: input.expiresAt,
    acceptUrl: `${config.publicUrl}/clinics/${input.clinicId}/waitlist/offers/${input.offerId}`,
    shared: input.shared,
  });
  await mailer.send({ clinicId: input.clinicId, to: input.to, subject, text });
}
