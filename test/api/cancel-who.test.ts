import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointments, auditLog, emailOutbox, patients } from '../../src/db/schema/index.ts';
import { runDueJobs, type WorkerOptions } from '../../src/modules/scheduling/jobs.ts';
import { reminderHandlers } from '../../src/modules/scheduling/reminders.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic } from '../helpers/fixtures.ts';
import {
  addPatient,
  buildWorld,
  local,
  offersOf,
  ok,
  type SchedulingWorld,
  setNow,
  ZONE,
} from './scheduling-support.ts';

/** Staff say who cancelled: the clinic's cancellation is never late; a patient's late one carries the fee, waivable at once. */
let t: TestApp;
let w: SchedulingWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  // A two-day late-cancellation window with a $40 fee; online booking needs two hours' notice.
  await ok(
    await w.owner.patch(`/api/clinics/${w.clinicId}/scheduling/rules`, {
      lateCancellationHours: 48,
      lateCancellationFeeCents: 4000,
      minNoticeMinutes: 120,
    }),
  );
});
afterAll(() => t.close());

const day = (days: number) => DateTime.now().setZone(ZONE).plus({ days }).toISODate()!;
const url = (path: string) => `/api/clinics/${w.clinicId}${path}`;
const worker = (id: string): WorkerOptions => ({
  workerId: id,
  now: t.clock.now,
  handlers: reminderHandlers(t.app.deps),
  leaseMs: 60_000,
});
const mailsTo = (address: string) =>
  t.database.db
    .select()
    .from(emailOutbox)
    .where(eq(emailOutbox.toAddress, address))
    .orderBy(emailOutbox.createdAt);
const audited = (appointmentId: string, action: string) =>
  t.database.db
    .select({ details: auditLog.details, outcome: auditLog.outcome, patientId: auditLog.patientId })
    .from(auditLog)
    .where(and(eq(auditLog.resourceId, appointmentId), eq(auditLog.action, action)));
const rowOf = async (id: string) =>
  (await t.database.db.select().from(appointments).where(eq(appointments.id, id)))[0]!;

/** A booking tomorrow (inside the late window) for a new patient with this e-mail. */
async function bookTomorrow(email: string, time: string, therapist = 0) {
  const { patientId } = await addPatient(t, w.clinicId, { email });
  const booked = await ok(
    await w.frontDesk.post(url('/appointments'), {
      patientId,
      serviceId: w.serviceId,
      therapistId: w.therapists[therapist]!.userId,
      start: local(`${day(1)}T${time}`),
    }),
    201,
  );
  return { patientId, booked };
}

/** The cancellation e-mail, once the job queue has run. */
async function cancellationMail(email: string) {
  await runDueJobs(t.database.db, worker(`W-${email}`));
  const mails = await mailsTo(email);
  return mails.find((m) => /is cancelled$/.test(m.subject))!;
}

describe('who cancelled', () => {
  it('a clinic cancellation inside the window is not late, has no fee, and the e-mail says the clinic cancelled', async () => {
    const email = 'grace@example.test';
    const { patientId, booked } = await bookTomorrow(email, '12:30');
    const cancelled = await ok(
      await w.frontDesk.post(url(`/appointments/${booked.id}/cancel`), {
        reason: 'Called in sick with flu',
        cancelledBy: 'clinic',
      }),
    );
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      cancelledLate: false,
      cancelledByRole: 'staff',
      fee: null,
    });
    expect((await rowOf(booked.id)).missedFeeCents).toBeNull();
    const [done] = await audited(booked.id, 'appointment.cancel.done');
    expect(done!.details).toMatchObject({ late: false, cancelledBy: 'clinic' });
    const account = await ok(await w.frontDesk.get(url(`/patients/${patientId}/account`)));
    expect(account.charges.filter((c: { appointmentId: string }) => c.appointmentId === booked.id)).toEqual(
      [],
    );

    const mail = await cancellationMail(email);
    expect(mail.textBody).toContain('is cancelled by the clinic.');
    expect(mail.textBody).not.toContain('at your request');
    expect(mail.textBody).not.toContain('fee');
    expect(mail.textBody).not.toContain('flu');
  });

  it("a patient's late cancellation by phone carries the fee; the e-mail says it was at their request", async () => {
    const email = 'paul@example.test';
    const { patientId, booked } = await bookTomorrow(email, '10:00');
    const cancelled = await ok(
      await w.frontDesk.post(url(`/appointments/${booked.id}/cancel`), {
        reason: 'Car broke down',
        cancelledBy: 'patient',
      }),
    );
    expect(cancelled).toMatchObject({
      cancelledLate: true,
      cancelledByRole: 'patient',
      fee: { cents: 4000, waived: false },
    });
    const account = await ok(await w.frontDesk.get(url(`/patients/${patientId}/account`)));
    expect(account.charges).toContainEqual(
      expect.objectContaining({
        appointmentId: booked.id,
        kind: 'late_cancellation',
        feeCents: 4000,
        waived: null,
      }),
    );
    const mail = await cancellationMail(email);
    expect(mail.textBody).toContain('is cancelled at your request.');
    expect(mail.textBody).toContain('a fee of $40.00 applies');
    expect(mail.textBody).not.toContain('Car broke down');
  });

  it('waives the late fee at the cancellation as the payments do: recorded with the reason, audited, not owed', async () => {
    const email = 'wendy@example.test';
    const { patientId, booked } = await bookTomorrow(email, '10:00', 1);
    const cancelled = await ok(
      await w.frontDesk.post(url(`/appointments/${booked.id}/cancel`), {
        reason: 'Family emergency',
        cancelledBy: 'patient',
        waiveFee: true,
      }),
    );
    expect(cancelled).toMatchObject({ cancelledLate: true, fee: { cents: 4000, waived: true } });
    const row = await rowOf(booked.id);
    expect(row).toMatchObject({ missedFeeCents: 4000, feeWaiveReason: 'Family emergency' });
    expect(row.feeWaivedAt).not.toBeNull();
    expect(row.feeWaivedBy).toBe(row.cancelledBy);
    expect(await audited(booked.id, 'fee.waive')).toEqual([
      { details: { reason: 'Family emergency' }, outcome: 'allowed', patientId },
    ]);
    const account = await ok(await w.frontDesk.get(url(`/patients/${patientId}/account`)));
    const charge = account.charges.find((c: { appointmentId: string }) => c.appointmentId === booked.id);
    expect(charge.waived).toMatchObject({ reason: 'Family emergency' });
    // Waived already: the payments route says so.
    const again = await w.frontDesk.post(url(`/patients/${patientId}/charges/${booked.id}/waive`), {
      reason: 'Twice',
    });
    expect(again.statusCode).toBe(409);
    const mail = await cancellationMail(email);
    expect(mail.textBody).toContain('at your request');
    expect(mail.textBody).not.toContain('fee');
  });

  it('asks staff who cancelled (400 naming the field), refuses a patient claiming the clinic, and another clinic', async () => {
    const { booked } = await bookTomorrow('quinn@example.test', '14:00');
    for (const body of [{ reason: 'Sick' }, { reason: 'Sick', cancelledBy: 'therapist' }]) {
      const refused = await w.frontDesk.post(url(`/appointments/${booked.id}/cancel`), body);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.details).toContainEqual(
        expect.objectContaining({ path: 'body.cancelledBy' }),
      );
    }
    const other = await createOtherClinic(t);
    const foreignDesk = (await addMember(t, other.clinicId, ['front_desk'])).agent;
    const foreign = await foreignDesk.post(url(`/appointments/${booked.id}/cancel`), {
      reason: 'Sick',
      cancelledBy: 'clinic',
    });
    expect(foreign.statusCode).toBe(403);
    expect((await rowOf(booked.id)).status).toBe('booked');

    // A patient cancels for themselves only: never "by the clinic", never waiving their own fee.
    const me = await addPatient(t, w.clinicId, { withAccount: true });
    const mine = await ok(
      await w.frontDesk.post(url('/appointments'), {
        patientId: me.patientId,
        serviceId: w.serviceId,
        start: local(`${day(1)}T15:00`),
      }),
      201,
    );
    for (const body of [
      { reason: 'Busy', cancelledBy: 'clinic' },
      { reason: 'Busy', waiveFee: true },
    ]) {
      expect((await me.agent!.post(url(`/appointments/${mine.id}/cancel`), body)).statusCode).toBe(403);
    }
    expect(await audited(mine.id, 'appointment.cancel')).toContainEqual(
      expect.objectContaining({ outcome: 'refused', details: { reason: 'cancelled_by_clinic' } }),
    );
    const own = await ok(await me.agent!.post(url(`/appointments/${mine.id}/cancel`), { reason: 'Busy' }));
    expect(own).toMatchObject({
      cancelledByRole: 'patient',
      cancelledLate: true,
      fee: { cents: 4000 },
      opening: null,
    });
  });
});

describe('what the freed time became', () => {
  it('names who it was offered to and how, closing the minimum notice before the start', async () => {
    // The clock set back to a past morning (sessions end when it jumps days forward).
    const target = day(-3);
    setNow(t, local(`${target}T08:00`));
    try {
      const { booked } = await bookTomorrowOn(target, '13:00');
      const isa = await addPatient(t, w.clinicId, { email: null, first: 'Isa' });
      await t.database.db
        .update(patients)
        .set({ phone: '(619) 555-0134', legalLastName: 'Moreno' })
        .where(eq(patients.id, isa.patientId));
      const ana = await addPatient(t, w.clinicId, { first: 'Ana' });
      for (const p of [isa, ana])
        await ok(
          await w.frontDesk.post(url('/waitlist'), {
            patientId: p.patientId,
            serviceId: w.serviceId,
            fromDate: target,
            toDate: target,
          }),
          201,
        );
      const cancelled = await ok(
        await w.frontDesk.post(url(`/appointments/${booked.id}/cancel`), {
          reason: 'Therapist ill',
          cancelledBy: 'clinic',
        }),
      );
      expect(cancelled.opening).toEqual({
        outcome: 'offered',
        people: [
          { patientId: isa.patientId, patientName: 'Isa Moreno', emailed: false, phone: '(619) 555-0134' },
          { patientId: ana.patientId, patientName: 'Ana Example', emailed: true, phone: null },
        ],
        closesAt: new Date(local(`${target}T11:00`)).toISOString(),
        minNoticeMinutes: 120,
      });
      const offers = await offersOf(t, w.clinicId, ...(await entriesOf(isa.patientId, ana.patientId)));
      expect(offers.map((o) => o.expiresAt.toISOString())).toEqual([
        new Date(local(`${target}T11:00`)).toISOString(),
        new Date(local(`${target}T11:00`)).toISOString(),
      ]);
      // The names and phone shown to the desk are an audited read.
      const reads = await t.database.db
        .select({ details: auditLog.details })
        .from(auditLog)
        .where(and(eq(auditLog.action, 'waitlist.read'), eq(auditLog.clinicId, w.clinicId)));
      expect(reads.map((r) => r.details)).toContainEqual({
        openingOf: booked.id,
        patientIds: [isa.patientId, ana.patientId],
      });

      // Inside the minimum notice: nothing offered online; the desk is told whom to phone.
      const late = await bookTomorrowOn(target, '14:30', 1);
      setNow(t, local(`${target}T13:00`));
      const tooSoon = await ok(
        await w.frontDesk.post(url(`/appointments/${late.booked.id}/cancel`), {
          reason: 'Changed plans',
          cancelledBy: 'patient',
        }),
      );
      expect(tooSoon.opening).toMatchObject({
        outcome: 'too_soon',
        closesAt: null,
        people: [
          { patientName: 'Isa Moreno', emailed: false },
          { patientName: 'Ana Example', emailed: false },
        ],
      });
      const after = await offersOf(t, w.clinicId, ...(await entriesOf(isa.patientId, ana.patientId)));
      expect(after).toHaveLength(2);
    } finally {
      setNow(t, new Date());
    }
  });

  it('says when nobody is waiting for it', async () => {
    const { booked } = await bookTomorrow('nobody@example.test', '15:30');
    const cancelled = await ok(
      await w.frontDesk.post(url(`/appointments/${booked.id}/cancel`), {
        reason: 'x',
        cancelledBy: 'patient',
      }),
    );
    expect(cancelled.opening).toMatchObject({ outcome: 'none_waiting', people: [] });
  });
});

async function bookTomorrowOn(date: string, time: string, therapist = 0) {
  const { patientId } = await addPatient(t, w.clinicId);
  const booked = await ok(
    await w.frontDesk.post(url('/appointments'), {
      patientId,
      serviceId: w.serviceId,
      therapistId: w.therapists[therapist]!.userId,
      start: local(`${date}T${time}`),
    }),
    201,
  );
  return { patientId, booked };
}

async function entriesOf(...patientIds: string[]) {
  const list = await ok(await w.frontDesk.get(url('/waitlist?status=waiting')));
  return list.items
    .filter((i: { patientId: string }) => patientIds.includes(i.patientId))
    .map((i: { id: string }) => i.id as string);
}
