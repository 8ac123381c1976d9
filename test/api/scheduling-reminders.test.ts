import { and, eq, like } from 'drizzle-orm';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, emailOutbox, jobs, patients } from '../../src/db/schema/index.ts';
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

describe('reminders through the durable job queue', () => {
  it('asks for the unfinished intake with a personal link, and texts patients who prefer SMS', async () => {
    const email = 'no-intake-yet@example.test';
    const { patientId } = await addPatient(t, w.clinicId, { email, first: 'Nia' });
    await t.database.db
      .update(patients)
      .set({ phone: '+1 619 555 0199', contactPreferences: { channel: 'sms', reminders: true } })
      .where(eq(patients.id, patientId));
    await ok(
      await w.frontDesk.post(url('/appointments'), {
        patientId,
        serviceId: w.serviceId,
        start: local(`${day(6)}T14:00`),
      }),
      201,
    );
    const texts: { to: string; text: string }[] = [];
    const sms = { send: async (m: { to: string; text: string }) => void texts.push(m) };
    await runDueJobs(t.database.db, { ...worker('S'), handlers: reminderHandlers({ ...t.app.deps, sms }) });
    const [confirmation] = await mailsTo(email);
    const link = /\/intake\/([A-Za-z0-9_-]+)/.exec(confirmation!.textBody)?.[1];
    expect(link).toBeDefined();
    const preview = await t.agent().get(`/api/intake/${link}`);
    expect(preview.statusCode).toBe(200);
    expect(texts).toHaveLength(1);
    expect(texts[0]!.to).toBe('+1 619 555 0199');
    expect(texts[0]!.text).toContain('Harbor Medical Massage');
    // Times read as in the web app: the 12-hour clock and the zone's abbreviation.
    expect(confirmation!.textBody).toMatch(/ at 2:00 PM P[SD]T/);
    expect(texts[0]!.text).toMatch(/, 2:00 PM P[SD]T,/);
    expect(texts[0]!.text).not.toMatch(/Nia/);
  });

  it('sends the confirmation and the 48 h and 2 h reminders exactly once, surviving a worker killed mid-run', async () => {
    const email = 'remind-me@example.test';
    const { patientId } = await addPatient(t, w.clinicId, { email, first: 'Rita' });
    const booked = await ok(
      await w.frontDesk.post(url('/appointments'), {
        patientId,
        serviceId: w.serviceId,
        start: local(`${day(4)}T10:00`),
      }),
      201,
    );
    const queued = await t.database.db
      .select()
      .from(jobs)
      .where(like(jobs.dedupeKey, `%${booked.id}%`));
    expect(queued.map((j) => j.dedupeKey).sort()).toEqual([
      `confirmation:${booked.id}`,
      `reminder:${booked.id}:120`,
      `reminder:${booked.id}:2880`,
    ]);
    // The same reminder can never be queued twice.
    expect(
      await enqueueJob(t.database.db, {
        kind: 'appointment.reminder',
        dedupeKey: `reminder:${booked.id}:120`,
        runAt: new Date(),
        payload: {},
      }),
    ).toBe(false);

    // Worker A is killed between claiming the confirmation and finishing it.
    const crash = new Error('killed');
    await expect(
      runDueJobs(t.database.db, worker('A', { afterClaim: () => Promise.reject(crash) })),
    ).rejects.toBe(crash);
    expect(await mailsTo(email)).toHaveLength(0);
    const [claimed] = await t.database.db
      .select()
      .from(jobs)
      .where(eq(jobs.dedupeKey, `confirmation:${booked.id}`));
    expect(claimed).toMatchObject({ status: 'pending', lockedBy: 'A', attempts: 1 });
    // A restarted worker does not steal the job while A's lease runs…
    expect(await runDueJobs(t.database.db, worker('B'))).toBe(0);
    // …and takes it over once the lease has run out. Worker C then crashes after the e-mail was written but
    // before commit: the transaction rolls back, so nothing was sent, and the job is retried with back-off.
    t.clock.advance(61_000);
    await runDueJobs(
      t.database.db,
      worker('C', { beforeCommit: () => Promise.reject(new Error('power cut')) }),
    );
    expect(await mailsTo(email)).toHaveLength(0);
    const [retrying] = await t.database.db.select().from(jobs).where(eq(jobs.id, claimed!.id));
    expect(retrying).toMatchObject({
      status: 'pending',
      attempts: 2,
      lastError: 'power cut',
      lockedBy: null,
    });
    expect(retrying!.runAt.getTime()).toBeGreaterThan(t.clock.now().getTime());
    t.clock.advance(120_000);
    expect(await runDueJobs(t.database.db, worker('D'))).toBe(1);
    const confirmation = await mailsTo(email);
    expect(confirmation).toHaveLength(1);
    expect(confirmation[0]!.subject).toMatch(/is booked/);
    expect(confirmation[0]!.textBody).toContain('Drink water before and after your session.');
    expect(confirmation[0]!.textBody).toContain('Comfortable clothes');
    // The clinic's cancellation rule, told before it can bite.
    expect(confirmation[0]!.textBody).toContain('at least 48 hours before it starts');
    expect(confirmation[0]!.textBody).not.toContain('follow-up');
    // The invitation is kept with the message (no e-mail server here), and owners see it in the outbox.
    const [invitation] = confirmation[0]!.attachments ?? [];
    expect(invitation).toMatchObject({ filename: 'appointment.ics' });
    const event = new ICAL.Event(parseCalendar(invitation!.content).getFirstSubcomponent('vevent')!);
    expect(event.startDate.toJSDate().toISOString()).toBe(booked.start);
    const outbox = (await w.owner.get(url('/outbox'))).json();
    const listed = outbox.items.find((m: { id: string }) => m.id === confirmation[0]!.id);
    expect(listed.attachments[0]).toEqual(invitation);

    // Two workers racing over the same due reminders never send one twice.
    setNow(t, new Date(Date.parse(booked.start) - 48 * 3_600_000 + 60_000));
    await Promise.all([runDueJobs(t.database.db, worker('E')), runDueJobs(t.database.db, worker('F'))]);
    await runDueJobs(t.database.db, worker('G'));
    expect(await mailsTo(email)).toHaveLength(2);
    setNow(t, new Date(Date.parse(booked.start) - 2 * 3_600_000 + 60_000));
    await Promise.all([runDueJobs(t.database.db, worker('H')), runDueJobs(t.database.db, worker('I'))]);
    const all = await mailsTo(email);
    expect(all).toHaveLength(3);
    expect(all.slice(1).every((m) => m.subject.startsWith('Reminder'))).toBe(true);
    const done = await t.database.db
      .select()
      .from(jobs)
      .where(like(jobs.dedupeKey, `%${booked.id}%`));
    expect(done.every((j) => j.status === 'done')).toBe(true);
    setNow(t, new Date());
  });

  it('sends no reminders to a patient who turned them off on their own record (the confirmation still goes)', async () => {
    const email = 'no-reminders@example.test';
    const { patientId, agent } = await addPatient(t, w.clinicId, { email, withAccount: true });
    const other = await addPatient(t, w.clinicId);
    const contact = (id: string) => url(`/patients/${id}/contact`);
    // The patient changes how they are reached on their own record only, and nothing else there.
    const off = await agent!.patch(contact(patientId), {
      contactPreferences: { channel: 'email', reminders: false },
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().contactPreferences).toEqual({ channel: 'email', reminders: false });
    expect((await agent!.patch(contact(patientId), { legalFirstName: 'Someone' })).statusCode).toBe(400);
    expect((await agent!.patch(url(`/patients/${patientId}`), { phone: '+1 619 555 0100' })).statusCode).toBe(
      403,
    );
    expect((await agent!.patch(contact(other.patientId), { phone: '+1 619 555 0100' })).statusCode).toBe(403);
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.patientId, patientId), eq(auditLog.action, 'patient.contact_updated')));
    expect(audit?.details).toEqual({ fields: ['contactPreferences'] });

    const booked = await ok(
      await w.frontDesk.post(url('/appointments'), {
        patientId,
        serviceId: w.serviceId,
        start: local(`${day(6)}T10:00`),
      }),
      201,
    );
    setNow(t, new Date(Date.parse(booked.start) - 60 * 60_000));
    await runDueJobs(t.database.db, worker('R'));
    setNow(t, new Date());
    expect((await mailsTo(email)).map((m) => m.subject)).toEqual([
      expect.stringMatching(/^Your appointment at .* is booked$/),
    ]);
    const reminders = await t.database.db
      .select()
      .from(jobs)
      .where(like(jobs.dedupeKey, `reminder:${booked.id}:%`));
    expect(reminders.map((j) => j.status)).toEqual(['skipped', 'skipped']);
  });

  it('tells the patient of a cancellation, and removes the event from their calendar; reminders are skipped', async () => {
    const email = 'cancelled@example.test';
    const { patientId } = await addPatient(t, w.clinicId, { email });
    const booked = await ok(
      await w.frontDesk.post(url('/appointments'), {
        patientId,
        serviceId: w.serviceId,
        start: local(`${day(5)}T13:00`),
      }),
      201,
    );
    await runDueJobs(t.database.db, worker('J0'));
    await ok(
      await w.frontDesk.post(url(`/appointments/${booked.id}/cancel`), {
        reason: 'Clinic closed',
        cancelledBy: 'clinic',
      }),
    );
    setNow(t, new Date(Date.parse(booked.start) - 60 * 60_000));
    await runDueJobs(t.database.db, worker('J'));
    setNow(t, new Date());
    const [confirmation, cancellation, ...rest] = await mailsTo(email);
    expect(rest).toHaveLength(0);
    expect(cancellation!.subject).toMatch(/^Your appointment at .* is cancelled$/);
    expect(cancellation!.textBody).toMatch(/ at 1:00 PM P[SD]T at .* is cancelled by the clinic\./);
    expect(cancellation!.textBody).toContain(`/book?clinicId=${w.clinicId}`);
    expect(cancellation!.textBody).not.toContain('Clinic closed');
    // The update names the invitation's event, one sequence on, so the patient's calendar drops it.
    const invited = parseCalendar(confirmation!.attachments![0]!.content);
    const update = parseCalendar(cancellation!.attachments![0]!.content);
    expect(update.getFirstPropertyValue('method')).toBe('CANCEL');
    const [before, after] = [invited, update].map((c) => new ICAL.Event(c.getFirstSubcomponent('vevent')!));
    expect(after!.uid).toBe(before!.uid);
    expect(after!.sequence).toBe(before!.sequence + 1);
    expect(after!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    const rows = await t.database.db
      .select()
      .from(jobs)
      .where(like(jobs.dedupeKey, `reminder:${booked.id}%`));
    expect(rows.every((j) => j.status === 'skipped')).toBe(true);
  });

  it('tells the patient their appointment moved, from when to when, and moves the event in their calendar', async () => {
    const email = 'moved@example.test';
    const { patientId, agent } = await addPatient(t, w.clinicId, { email, withAccount: true });
    const booked = await ok(
      await w.frontDesk.post(url('/appointments'), {
        patientId,
        serviceId: w.serviceId,
        start: local(`${day(8)}T09:00`),
      }),
      201,
    );
    await runDueJobs(t.database.db, worker('M0'));
    const moved = await ok(
      await w.frontDesk.post(url(`/appointments/${booked.id}/reschedule`), {
        start: local(`${day(5)}T15:00`),
      }),
      201,
    );
    const again = await ok(
      await agent!.post(url(`/appointments/${moved.id}/reschedule`), { start: local(`${day(9)}T14:00`) }),
      201,
    );
    await runDueJobs(t.database.db, worker('M1'));
    const mails = await mailsTo(email);
    // The first move's confirmation was overtaken by the second move before it ran: it is skipped.
    expect(mails.map((m) => m.subject)).toEqual([
      expect.stringMatching(/is booked$/),
      expect.stringMatching(/^Your appointment at .* has moved$/),
    ]);
    const notice = mails[1]!;
    expect(notice.textBody).toMatch(/moved to a new time:\n.* at 2:00 PM P[SD]T, 60 minutes\./);
    expect(notice.textBody).toMatch(/It replaces the time you had on .* at 3:00 PM P[SD]T\./);
    const [first, last] = mails.map(
      (m) => new ICAL.Event(parseCalendar(m.attachments![0]!.content).getFirstSubcomponent('vevent')!),
    );
    expect(last!.uid).toBe(first!.uid);
    expect(last!.sequence).toBe(2);
    expect(last!.startDate.toJSDate().toISOString()).toBe(again.start);
    // The calendar file on the appointment's page names the same event.
    const page = parseCalendar((await agent!.get(url(`/appointments/${again.id}/calendar.ics`))).body);
    expect(new ICAL.Event(page.getFirstSubcomponent('vevent')!).uid).toBe(first!.uid);
  });
});

function parseCalendar(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const tz of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  }
  return calendar;
}

describe('iCalendar', () => {
  it('serves an appointment invitation with its VTIMEZONE, correct across DST', async () => {
    setNow(t, '2026-10-20T12:00:00Z');
    try {
      const { patientId } = await addPatient(t, w.clinicId);
      const booked = await ok(
        await w.frontDesk.post(url('/appointments'), {
          patientId,
          serviceId: w.serviceId,
          therapistId: w.therapists[1]!.userId,
          start: local('2026-11-02T09:00'),
        }),
        201,
      );
      const response = await w.frontDesk.get(url(`/appointments/${booked.id}/calendar.ics`));
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/text\/calendar/);
      const calendar = parseCalendar(response.body);
      expect(calendar.getFirstSubcomponent('vtimezone')!.getFirstPropertyValue('tzid')).toBe(ZONE);
      const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
      expect(event.startDate.zone.tzid).toBe(ZONE);
      expect(response.body).toMatch(/^DTSTAMP:\d{8}T\d{6}Z\r?$/m);
      expect(event.startDate.toString()).toBe('2026-11-02T09:00:00');
      expect(event.startDate.toJSDate().toISOString()).toBe('2026-11-02T17:00:00.000Z');
      expect(event.endDate.toJSDate().toISOString()).toBe('2026-11-02T18:00:00.000Z');
    } finally {
      setNow(t, new Date());
    }
  });

  it('gives each therapist a private, revocable feed without patient names unless turned on', async () => {
    const therapist = w.therapists[0]!;
    const { patientId } = await addPatient(t, w.clinicId, { first: 'Zelda' });
    await ok(
      await w.frontDesk.post(url('/appointments'), {
        patientId,
        serviceId: w.serviceId,
        therapistId: therapist.userId,
        start: local(`${day(3)}T14:00`),
      }),
      201,
    );
    const status = (agent = therapist.agent) =>
      agent.get(url(`/therapists/${therapist.userId}/calendar-feed`));
    expect((await ok(await status())).active).toBeNull();
    const bad = await therapist.agent.get(url('/therapists/not-a-uuid/calendar-feed'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('params.therapistId');
    // Another therapist cannot open this therapist's feed, nor see whether there is one.
    expect((await status(w.therapists[1]!.agent)).statusCode).toBe(403);
    expect(
      (await w.therapists[1]!.agent.post(url(`/therapists/${therapist.userId}/calendar-feed`), {}))
        .statusCode,
    ).toBe(403);
    const created = await ok(
      await therapist.agent.post(url(`/therapists/${therapist.userId}/calendar-feed`), {}),
      201,
    );
    const path = new URL(created.url).pathname;
    const anonymous = t.agent();
    const feed = await anonymous.get(path);
    expect(feed.statusCode).toBe(200);
    const calendar = parseCalendar(feed.body);
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.length).toBeGreaterThan(0);
    expect(feed.body).not.toContain('Zelda');
    const zelda = events.find((e) => e.startDate.toJSDate().toISOString() === local(`${day(3)}T14:00`));
    expect(zelda?.summary).toBe('Medical massage follow-up 60');

    const named = await ok(
      await therapist.agent.post(url(`/therapists/${therapist.userId}/calendar-feed`), {
        includePatientNames: true,
      }),
      201,
    );
    expect((await anonymous.get(path)).statusCode).toBe(404); // the old URL stopped working
    const active = (await ok(await status())).active;
    expect(active).toMatchObject({ id: named.id, includePatientNames: true });
    expect(JSON.stringify(active)).not.toContain(new URL(named.url).pathname); // the URL is never shown again
    const namedFeed = await anonymous.get(new URL(named.url).pathname);
    expect(namedFeed.body).toContain('Zelda E.');
    await ok(await therapist.agent.delete(url(`/therapists/${therapist.userId}/calendar-feed`)));
    expect((await anonymous.get(new URL(named.url).pathname)).statusCode).toBe(404);
    expect((await ok(await status(w.frontDesk))).active).toBeNull();
    const stored = await t.database.db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.clinicId, w.clinicId)));
    expect(stored.every((m) => !m.textBody.includes(created.url))).toBe(true);
  });
});
