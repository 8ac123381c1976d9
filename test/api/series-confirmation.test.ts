import { and, eq, inArray, like } from 'drizzle-orm';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOutbox, jobs, users } from '../../src/db/schema/index.ts';
import { localDateTimeLongText } from '../../src/modules/patients/dates.ts';
import { enqueueJob, runDueJobs, type WorkerOptions } from '../../src/modules/scheduling/jobs.ts';
import { reminderHandlers } from '../../src/modules/scheduling/reminders.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import {
  addPatient,
  buildWorld,
  local,
  ok,
  type SchedulingWorld,
  setNow,
  ZONE,
} from './scheduling-support.ts';

/**
 * Booking a series sends the patient ONE confirmation listing every date booked, with one calendar file holding
 * them all (found by a walkthrough: a 12-session series queued 12 e-mails at once). Reminders stay per visit.
 */

let t: TestApp;
let w: SchedulingWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  await ok(
    await w.owner.patch(`/api/clinics/${w.clinicId}/scheduling/rules`, {
      whatToBring: 'Comfortable clothes and your referral.',
      selfCareTips: 'Drink water before and after your session.',
      lateCancellationHours: 48,
    }),
  );
});
afterAll(() => t.close());

const day = (days: number) => DateTime.now().setZone(ZONE).plus({ days }).toISODate()!;
const url = (path: string) => `/api/clinics/${w.clinicId}${path}`;
const worker = (id: string, extra: Partial<WorkerOptions> = {}): WorkerOptions => ({
  workerId: id,
  now: t.clock.now,
  handlers: reminderHandlers(t.app.deps),
  leaseMs: 60_000,
  ...extra,
});
const mailsTo = (address: string) =>
  t.database.db
    .select()
    .from(emailOutbox)
    .where(eq(emailOutbox.toAddress, address))
    .orderBy(emailOutbox.createdAt);

function parseCalendar(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const tz of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  }
  return calendar;
}

interface Occurrence {
  ok: boolean;
  localDate: string;
  slot: { start: string; therapistId: string } | null;
  alternatives: {
    before: { start: string; therapistId: string }[];
    after: { start: string; therapistId: string }[];
  };
}

/** Previews `weeks` of Tuesdays and Thursdays at 10:00 with the first therapist, from `days` ahead. */
async function preview(patientId: string, days: number, weeks: number) {
  return (
    await ok(
      await w.frontDesk.post(url('/appointments/series/preview'), {
        patientId,
        serviceId: w.serviceId,
        therapistId: w.therapists[0]!.userId,
        referralId: null,
        startDate: day(days),
        weeks,
        times: [
          { weekday: 2, time: '10:00' },
          { weekday: 4, time: '10:00' },
        ],
      }),
    )
  ).occurrences as Occurrence[];
}

async function bookSeries(patientId: string, occurrences: { start: string; therapistId: string }[]) {
  return ok(
    await w.frontDesk.post(url('/appointments/series'), {
      patientId,
      serviceId: w.serviceId,
      referralId: null,
      occurrences,
    }),
    201,
  ) as Promise<{ seriesId: string; appointments: { id: string; start: string }[] }>;
}

describe('series confirmation', () => {
  it('sends one e-mail listing every date booked (a moved one at its new time, a skipped one not), with one .ics', async () => {
    const email = 'series@example.test';
    const { patientId } = await addPatient(t, w.clinicId, { email, first: 'Sofia' });
    // Someone else has the third date at 10:00: the desk takes its nearest later time instead.
    const planned = await preview(patientId, 10, 6);
    expect(planned).toHaveLength(12);
    await ok(
      await w.frontDesk.post(url('/appointments'), {
        patientId: (await addPatient(t, w.clinicId)).patientId,
        serviceId: w.serviceId,
        therapistId: w.therapists[0]!.userId,
        start: planned[2]!.slot!.start,
      }),
      201,
    );
    const occurrences = await preview(patientId, 10, 6);
    expect(occurrences[2]!.ok).toBe(false);
    const moved = occurrences[2]!.alternatives.after[0]!;
    // …and the eighth date is left out.
    const skipped = occurrences[7]!;
    const chosen = occurrences
      .filter((o) => o !== skipped)
      .map((o) => (o.ok ? o.slot! : moved))
      .map((s) => ({ start: s.start, therapistId: s.therapistId }));
    const series = await bookSeries(patientId, chosen);
    const n = series.appointments.length;
    expect(n).toBe(11);
    const ids = series.appointments.map((a) => a.id);

    // One confirmation job for the series, none per appointment; the 48 h and 2 h reminders stay per appointment.
    const queued = await t.database.db
      .select()
      .from(jobs)
      .where(like(jobs.dedupeKey, `%${series.seriesId}%`));
    expect(queued.map((j) => [j.kind, j.dedupeKey])).toEqual([
      ['appointment.series_confirmation', `series-confirmation:${series.seriesId}`],
    ]);
    expect(
      await t.database.db
        .select()
        .from(jobs)
        .where(
          inArray(
            jobs.dedupeKey,
            ids.map((id) => `confirmation:${id}`),
          ),
        ),
    ).toHaveLength(0);
    const reminders = await t.database.db
      .select()
      .from(jobs)
      .where(
        inArray(
          jobs.dedupeKey,
          ids.flatMap((id) => [`reminder:${id}:2880`, `reminder:${id}:120`]),
        ),
      );
    expect(reminders).toHaveLength(2 * n);
    // The same series confirmation can never be queued twice.
    expect(
      await enqueueJob(t.database.db, {
        kind: 'appointment.series_confirmation',
        dedupeKey: `series-confirmation:${series.seriesId}`,
        runAt: new Date(),
        payload: {},
      }),
    ).toBe(false);

    // A worker killed between claim and commit sends nothing; the job is taken over once its lease runs out.
    await runDueJobs(
      t.database.db,
      worker('A', { beforeCommit: () => Promise.reject(new Error('power cut')) }),
    );
    expect(await mailsTo(email)).toHaveLength(0);
    t.clock.advance(120_000);
    await runDueJobs(t.database.db, worker('B'));
    const mails = await mailsTo(email);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toBe(`Your ${n} appointments at Harbor Medical Massage are booked`);
    const body = mail.textBody;
    expect(body).toContain(`Your ${n} appointments are booked:`);
    // Every date and time in the clinic's zone, in order, with the therapist; the left-out date is not there.
    const [therapist] = await t.database.db
      .select({ name: users.displayName })
      .from(users)
      .where(eq(users.id, w.therapists[0]!.userId));
    const listed = body.split('\n').filter((line) => line.startsWith('- '));
    expect(listed).toEqual(
      series.appointments.map(
        (a) => `- ${localDateTimeLongText(new Date(a.start), ZONE)}, 60 minutes, with ${therapist!.name}.`,
      ),
    );
    expect(listed.some((line) => line.includes(localDateTimeLongText(new Date(moved.start), ZONE)))).toBe(
      true,
    );
    expect(body).not.toContain(localDateTimeLongText(new Date(skipped.slot!.start), ZONE));
    expect(body).toMatch(/ at 10:00 AM P[SD]T, 60 minutes/);
    expect(body).toMatch(/^Where: .+, .+, .+ \d{5}\.$/m);
    expect(body).toContain('at least 48 hours before it starts');
    expect(body).toContain('Comfortable clothes and your referral.');
    expect(body).toContain('Drink water before and after your session.');
    // The intake is unfinished: a personal link that opens it.
    const token = /\/intake\/([A-Za-z0-9_-]+)/.exec(body)?.[1];
    expect(token).toBeDefined();
    expect((await t.agent().get(`/api/intake/${token}`)).statusCode).toBe(200);
    // No health details: not even the service's name.
    expect(body).not.toMatch(/massage follow-up|Medical massage/i);
    expect(body).toContain(`with all ${n} appointments is attached`);

    // ONE calendar file holding every event, each named as its appointment's later updates name it.
    expect(mail.attachments).toHaveLength(1);
    const [file] = mail.attachments!;
    expect(file).toMatchObject({ filename: 'appointments.ics' });
    expect(file!.contentType).toMatch(/^text\/calendar; method=REQUEST/);
    const calendar = parseCalendar(file!.content);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(calendar.getFirstSubcomponent('vtimezone')!.getFirstPropertyValue('tzid')).toBe(ZONE);
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(n);
    expect(events.map((e) => e.startDate.toJSDate().toISOString())).toEqual(
      series.appointments.map((a) => a.start),
    );
    expect(events.map((e) => e.uid)).toEqual(ids.map((id) => `${id}@palpa`));
    expect(events.every((e) => e.startDate.zone.tzid === ZONE && e.sequence === 0)).toBe(true);
    expect(events.every((e) => e.summary === 'Appointment at Harbor Medical Massage')).toBe(true);

    // Running the jobs again sends nothing more.
    expect(await runDueJobs(t.database.db, worker('C'))).toBe(0);
    expect(await mailsTo(email)).toHaveLength(1);
    const [job] = await t.database.db
      .select()
      .from(jobs)
      .where(eq(jobs.dedupeKey, `series-confirmation:${series.seriesId}`));
    expect(job).toMatchObject({ status: 'done', attempts: 2 });

    // The reminder 48 h before the first visit still comes on its own, for that visit only.
    const firstStart = Date.parse(series.appointments[0]!.start);
    setNow(t, new Date(firstStart - 48 * 3_600_000 + 60_000));
    try {
      await runDueJobs(t.database.db, worker('D'));
    } finally {
      setNow(t, new Date());
    }
    const after = await mailsTo(email);
    expect(after).toHaveLength(2);
    expect(after[1]!.subject).toBe('Reminder: your appointment at Harbor Medical Massage');
    expect(after[1]!.textBody).toContain(localDateTimeLongText(new Date(firstStart), ZONE));
  });

  it('leaves out a date cancelled before it went, sends nothing when all are cancelled or no e-mail is on file', async () => {
    const email = 'series-cancelled@example.test';
    const { patientId } = await addPatient(t, w.clinicId, { email });
    const planned = (await preview(patientId, 50, 2)).map((o) => ({
      start: o.slot!.start,
      therapistId: o.slot!.therapistId,
    }));
    const series = await bookSeries(patientId, planned);
    expect(series.appointments).toHaveLength(4);
    await ok(
      await w.frontDesk.post(url(`/appointments/${series.appointments[1]!.id}/cancel`), {
        reason: 'Patient asked',
        cancelledBy: 'patient',
      }),
    );
    // Another whose every date was cancelled before the e-mail went, and a patient with no e-mail on file.
    const other = await addPatient(t, w.clinicId, { email: 'series-gone@example.test' });
    const gone = await bookSeries(
      other.patientId,
      [local(`${day(60)}T15:00`), local(`${day(61)}T15:00`)].map((start) => ({
        start,
        therapistId: w.therapists[1]!.userId,
      })),
    );
    for (const a of gone.appointments) {
      await ok(
        await w.frontDesk.post(url(`/appointments/${a.id}/cancel`), { reason: 'x', cancelledBy: 'clinic' }),
      );
    }
    const silent = await addPatient(t, w.clinicId, { email: null });
    const unreachable = await bookSeries(silent.patientId, [
      { start: local(`${day(62)}T15:00`), therapistId: w.therapists[1]!.userId },
    ]);
    await runDueJobs(t.database.db, worker('E'));

    const [mail, ...rest] = await mailsTo(email);
    // The cancellation went too; the series confirmation lists the three dates still booked.
    const confirmation = [mail, ...rest].find((m) => m!.subject.endsWith('are booked'))!;
    expect(confirmation.subject).toBe('Your 3 appointments at Harbor Medical Massage are booked');
    const kept = series.appointments.filter((_, i) => i !== 1);
    expect(confirmation.textBody.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(3);
    expect(confirmation.textBody).not.toContain(
      localDateTimeLongText(new Date(series.appointments[1]!.start), ZONE),
    );
    const events = parseCalendar(confirmation.attachments![0]!.content).getAllSubcomponents('vevent');
    expect(events.map((v) => new ICAL.Event(v).startDate.toJSDate().toISOString())).toEqual(
      kept.map((a) => a.start),
    );
    expect(
      (await mailsTo('series-gone@example.test')).filter((m) => m.subject.endsWith('booked')),
    ).toHaveLength(0);
    const statuses = await t.database.db
      .select({ key: jobs.dedupeKey, status: jobs.status })
      .from(jobs)
      .where(
        inArray(jobs.dedupeKey, [
          `series-confirmation:${gone.seriesId}`,
          `series-confirmation:${unreachable.seriesId}`,
        ]),
      );
    expect(statuses.map((s) => s.status)).toEqual(['skipped', 'skipped']);
  });

  it('leaves a single booking as it was: its own confirmation with its own invitation', async () => {
    const email = 'single@example.test';
    const { patientId } = await addPatient(t, w.clinicId, { email });
    const booked = await ok(
      await w.frontDesk.post(url('/appointments'), {
        patientId,
        serviceId: w.serviceId,
        start: local(`${day(20)}T14:00`),
      }),
      201,
    );
    const queued = await t.database.db
      .select()
      .from(jobs)
      .where(and(like(jobs.dedupeKey, `%${booked.id}%`), eq(jobs.kind, 'appointment.confirmation')));
    expect(queued.map((j) => j.dedupeKey)).toEqual([`confirmation:${booked.id}`]);
    await runDueJobs(t.database.db, worker('F'));
    const mails = await mailsTo(email);
    expect(mails.map((m) => m.subject)).toEqual(['Your appointment at Harbor Medical Massage is booked']);
    expect(mails[0]!.textBody).toContain('Your appointment is booked:');
    expect(mails[0]!.attachments!.map((a) => a.filename)).toEqual(['appointment.ics']);
    const events = parseCalendar(mails[0]!.attachments![0]!.content).getAllSubcomponents('vevent');
    expect(events).toHaveLength(1);
  });
});
