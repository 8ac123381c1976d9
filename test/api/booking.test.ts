import { randomBytes } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/db/connection.ts';
import {
  appointments,
  auditLog,
  emailOutbox,
  intakeResponses,
  physicianPatientLinks,
  referrals,
  waitlistOffers,
} from '../../src/db/schema/index.ts';
import { isSlotConflict } from '../../src/modules/appointments/booking.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { POSTGRES_SERVER } from '../helpers/database.ts';
import { addMember } from '../helpers/fixtures.ts';
import {
  addPatient,
  buildWorld,
  local,
  ok,
  openSlotFor,
  type SchedulingWorld,
  setNow,
  ZONE,
} from './scheduling-support.ts';

let t: TestApp;
let w: SchedulingWorld;
let base: string;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => t.close());

/** A local date `days` from today in the clinic zone. */
const day = (days: number) => DateTime.now().setZone(ZONE).plus({ days }).toISODate()!;
const url = (path: string) => `/api/clinics/${w.clinicId}${path}`;

describe('no double-booking, ever', () => {
  it('counts a deadlock between two simultaneous inserts of one slot as the slot taken (PostgreSQL)', async () => {
    // PostgreSQL checks an exclusion constraint after inserting the row: A holds 10:00, B inserts 10:30 and
    // waits for A, A inserts 11:15 and waits for B. One is aborted as a deadlock; the other goes on.
    const name = `palpa_deadlock_${randomBytes(4).toString('hex')}`;
    const admin = postgres(POSTGRES_SERVER, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const target = new URL(POSTGRES_SERVER);
    target.pathname = `/${name}`;
    const a = postgres(target.toString(), { max: 1, onnotice: () => {} });
    const b = postgres(target.toString(), { max: 1, onnotice: () => {} });
    try {
      await a.unsafe('create extension btree_gist');
      await a.unsafe(
        'create table slots (who int, at tstzrange, exclude using gist (who with =, at with &&))',
      );
      const slot = (from: string, to: string) => `tstzrange('2026-03-02 ${from}+00', '2026-03-02 ${to}+00')`;
      let aHolds!: () => void;
      const held = new Promise<void>((resolve) => {
        aHolds = resolve;
      });
      const outcomes = await Promise.allSettled([
        a.begin(async (tx) => {
          await tx.unsafe(`insert into slots values (1, ${slot('10:00', '11:00')})`);
          aHolds();
          await new Promise((r) => setTimeout(r, 300)); // B is now waiting for A
          await tx.unsafe(`insert into slots values (1, ${slot('11:15', '12:00')})`);
        }),
        held.then(() => b.unsafe(`insert into slots values (1, ${slot('10:30', '11:30')})`)),
      ]);
      const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(failed.map((f) => (f.reason as { code?: string }).code)).toEqual(['40P01']);
      expect(isSlotConflict(failed[0]!.reason)).toBe(true);
      expect(isSlotConflict({ code: '23505' })).toBe(false);
    } finally {
      await Promise.all([a.end(), b.end()]);
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });

  it('lets exactly one of 60 concurrent HTTP requests for the same slot win', async () => {
    const start = local(`${day(5)}T10:00`);
    const patients = await Promise.all(Array.from({ length: 60 }, () => addPatient(t, w.clinicId)));
    const headers = {
      'content-type': 'application/json',
      cookie: [...w.frontDesk.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'x-csrf-token': w.frontDesk.csrfToken!,
    };
    const responses = await Promise.all(
      patients.map(async ({ patientId }, i) => {
        const r = await fetch(`${base}${url('/appointments')}`, {
          method: 'POST',
          headers: { ...headers, 'idempotency-key': `race-${i}-${patientId.slice(-8)}` },
          body: JSON.stringify({
            patientId,
            serviceId: w.serviceId,
            therapistId: w.therapists[0]!.userId,
            start,
          }),
        });
        return {
          status: r.status,
          body: (await r.json()) as {
            error: { code: string; details: { alternatives: { after: { therapistId: string }[] } } };
          },
        };
      }),
    );
    const statuses = responses.map((r) => r.status);
    const outcomes = JSON.stringify(responses.filter((r) => r.status !== 409).slice(0, 3));
    expect(
      statuses.filter((s) => s === 201),
      outcomes,
    ).toHaveLength(1);
    expect(
      statuses.filter((s) => s === 409),
      outcomes,
    ).toHaveLength(59);
    const lost = responses.find((r) => r.status === 409)!;
    expect(lost.body.error.code).toBe('slot_taken');
    expect(lost.body.error.details.alternatives.after.length).toBeGreaterThan(0);
    expect(lost.body.error.details.alternatives.after[0]?.therapistId).toBe(w.therapists[0]!.userId);
    const live = await t.database.db
      .select()
      .from(appointments)
      .where(and(eq(appointments.clinicId, w.clinicId), eq(appointments.startAt, new Date(start))));
    expect(live).toHaveLength(1);
  });

  it('refuses an overlapping live row in the database itself (therapist, then room), but not a cancelled one', async () => {
    const [winner] = await t.database.db
      .select()
      .from(appointments)
      .where(eq(appointments.clinicId, w.clinicId))
      .limit(1);
    const { patientId } = await addPatient(t, w.clinicId);
    const clash = (overrides: Partial<typeof appointments.$inferInsert>) =>
      t.database.db
        .insert(appointments)
        .values({ ...winner!, id: crypto.randomUUID(), patientId, ...overrides })
        .then(
          () => 'inserted',
          (e: { cause?: { code?: string } }) => e.cause?.code,
        );
    // Same therapist, other room, starts during the 15-minute turnover: refused.
    const turnover = new Date(winner!.endAt.getTime() + 10 * 60_000);
    expect(
      await clash({
        roomId: w.rooms[1]!.id === winner!.roomId ? w.rooms[0]!.id : w.rooms[1]!.id,
        startAt: turnover,
        endAt: new Date(turnover.getTime() + 3_600_000),
        blockedStart: turnover,
        blockedEnd: new Date(turnover.getTime() + 75 * 60_000),
      }),
    ).toBe('23P01');
    // Same room, other therapist: refused.
    expect(await clash({ therapistId: w.therapists[1]!.userId })).toBe('23P01');
    // Back-to-back after the turnover: fine (half-open ranges).
    const after = winner!.blockedEnd;
    expect(
      await clash({
        startAt: after,
        endAt: new Date(after.getTime() + 3_600_000),
        blockedStart: after,
        blockedEnd: new Date(after.getTime() + 75 * 60_000),
      }),
    ).toBe('inserted');
    // A cancelled row does not block.
    expect(await clash({ status: 'cancelled', cancelledAt: new Date() })).toBe('inserted');
    // Blocked range must match the buffers (no way to sneak a shorter range in).
    expect(await clash({ status: 'cancelled', cancelledAt: new Date(), blockedEnd: winner!.endAt })).toBe(
      '23514',
    );
  });

  it('replays a retried booking with the same Idempotency-Key instead of booking twice', async () => {
    const { patientId } = await addPatient(t, w.clinicId);
    const body = { patientId, serviceId: w.serviceId, start: local(`${day(6)}T14:00`) };
    const send = () =>
      w.frontDesk.request({
        method: 'POST',
        url: url('/appointments'),
        payload: body,
        headers: { 'idempotency-key': `retry-${patientId}` },
      });
    const first = await send();
    const second = await send();
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json().id).toBe(first.json().id);
    expect(second.headers['idempotent-replayed']).toBe('true');
    const rows = await t.database.db.select().from(appointments).where(eq(appointments.patientId, patientId));
    expect(rows).toHaveLength(1);
    // "First available": no therapist asked for, one was chosen and a room assigned.
    expect(w.therapists.map((x) => x.userId)).toContain(rows[0]!.therapistId);
  });

  it('ties an Idempotency-Key to one request and one answer, and audits each attempt with its outcome', async () => {
    const a = await addPatient(t, w.clinicId);
    const b = await addPatient(t, w.clinicId);
    const therapistId = w.therapists[0]!.userId;
    const slot = { serviceId: w.serviceId, therapistId, start: local(`${day(8)}T09:00`) };
    const send = (key: string, payload: object) =>
      w.frontDesk.request({
        method: 'POST',
        url: url('/appointments'),
        payload,
        headers: { 'idempotency-key': key },
      });
    // Concurrent retries of one request: one booking, and every retry answers it.
    const retries = await Promise.all(
      Array.from({ length: 6 }, () => send(`same-${a.patientId}`, { ...slot, patientId: a.patientId })),
    );
    expect(
      retries.map((r) => r.statusCode),
      retries[0]!.body,
    ).toEqual(Array(6).fill(201));
    expect(new Set(retries.map((r) => r.json().id)).size).toBe(1);
    const booked = retries[0]!.json().id as string;

    // A losing request's 409 is what its retry gets, too (with the alternatives it was given).
    const lost = await send(`lost-${b.patientId}`, { ...slot, patientId: b.patientId });
    expect(lost.statusCode).toBe(409);
    expect(lost.json().error.code).toBe('slot_taken');
    const lostAgain = await send(`lost-${b.patientId}`, { ...slot, patientId: b.patientId });
    expect(lostAgain.statusCode).toBe(409);
    expect(lostAgain.headers['idempotent-replayed']).toBe('true');
    expect(lostAgain.json()).toEqual(lost.json());

    // The key of the booking, reused for another time: refused, and nothing more is booked.
    const reused = await send(`same-${a.patientId}`, {
      ...slot,
      patientId: a.patientId,
      start: local(`${day(8)}T15:00`),
    });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe('idempotency_key_reused');
    const rows = await t.database.db
      .select({ id: appointments.id })
      .from(appointments)
      .where(inArray(appointments.patientId, [a.patientId, b.patientId]));
    expect(rows.map((r) => r.id)).toEqual([booked]);

    // Audit: the booking's access and its effect, and the refused attempt's access, each once.
    const audit = await t.database.db
      .select({ action: auditLog.action, patientId: auditLog.patientId, resourceId: auditLog.resourceId })
      .from(auditLog)
      .where(inArray(auditLog.patientId, [a.patientId, b.patientId]));
    const count = (action: string, patientId: string) =>
      audit.filter((r) => r.action === action && r.patientId === patientId).length;
    expect(count('appointment.booked', a.patientId)).toBe(1);
    expect(audit.find((r) => r.action === 'appointment.booked')?.resourceId).toBe(booked);
    expect(count('appointment.book', a.patientId)).toBeGreaterThanOrEqual(1);
    expect(count('appointment.book', b.patientId)).toBe(1);
  });

  it('answers bad input with a clear 4xx and writes nothing', async () => {
    const { patientId } = await addPatient(t, w.clinicId);
    const cases: [unknown, number][] = [
      [{ patientId, serviceId: w.serviceId, start: '2030-01-01T10:00:00' }, 400], // no offset
      [{ patientId, serviceId: w.serviceId, start: local(`${day(-1)}T10:00`) }, 422], // past
      [{ patientId, serviceId: w.serviceId, start: local(`${day(4)}T20:00`) }, 422], // outside hours
      [{ patientId, serviceId: crypto.randomUUID(), start: local(`${day(4)}T10:00`) }, 404],
      [{ patientId: crypto.randomUUID(), serviceId: w.serviceId, start: local(`${day(4)}T10:00`) }, 403],
      [{ patientId, serviceId: w.lymphId, roomId: w.rooms[0]!.id, start: local(`${day(4)}T10:00`) }, 422], // no hydraulic table
    ];
    for (const [payload, status] of cases) {
      const r = await w.frontDesk.post(url('/appointments'), payload);
      expect(r.statusCode, JSON.stringify(payload)).toBe(status);
      expect(r.json().error.code).toBeTruthy();
    }
    const rows = await t.database.db.select().from(appointments).where(eq(appointments.patientId, patientId));
    expect(rows).toHaveLength(0);
  });
});

describe('patients, physicians and the calendar', () => {
  it('lets a patient book for themselves under the patient rules, and see only their own', async () => {
    const me = await addPatient(t, w.clinicId, { withAccount: true });
    const someoneElse = await addPatient(t, w.clinicId);
    const forOther = await me.agent!.post(url('/appointments'), {
      patientId: someoneElse.patientId,
      serviceId: w.serviceId,
      start: local(`${day(7)}T09:00`),
    });
    expect(forOther.statusCode).toBe(403);
    const offGrid = await me.agent!.post(url('/appointments'), {
      patientId: me.patientId,
      serviceId: w.serviceId,
      start: local(`${day(7)}T09:05`),
    });
    expect(offGrid.statusCode).toBe(422);
    expect(offGrid.json().error.details.problems).toContain('off-grid');
    const tooFar = await me.agent!.post(url('/appointments'), {
      patientId: me.patientId,
      serviceId: w.serviceId,
      start: local(`${day(90)}T09:00`),
    });
    expect(tooFar.json().error.details.problems).toContain('too-far-ahead');
    const mine = await ok(
      await me.agent!.post(url('/appointments'), {
        patientId: me.patientId,
        serviceId: w.serviceId,
        start: local(`${day(7)}T09:00`),
      }),
      201,
    );
    expect(mine.bookedVia).toBe('patient');
    const list = await ok(await me.agent!.get(url(`/appointments?from=${day(0)}&to=${day(30)}`)));
    expect(list.items.map((a: { id: string }) => a.id)).toEqual([mine.id]);
    const staffView = await ok(
      await w.therapists[1]!.agent.get(url(`/appointments?from=${day(0)}&to=${day(30)}`)),
    );
    expect(staffView.items.length).toBeGreaterThan(3);
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'appointment.booked'), eq(auditLog.resourceId, mine.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.patientId).toBe(me.patientId);
  });

  it('shows physicians only their linked patients’ appointments', async () => {
    const linked = await addPatient(t, w.clinicId);
    const doctor = await addMember(t, w.clinicId, ['physician']);
    await t.database.db.insert(physicianPatientLinks).values({
      clinicId: w.clinicId,
      patientId: linked.patientId,
      userId: doctor.userId,
      reason: 'referral',
    });
    const booked = await ok(
      await w.frontDesk.post(url('/appointments'), {
        patientId: linked.patientId,
        serviceId: w.serviceId,
        start: local(`${day(8)}T13:00`),
      }),
      201,
    );
    expect((await doctor.agent.get(url(`/appointments?from=${day(0)}&to=${day(30)}`))).statusCode).toBe(403);
    const theirs = await ok(
      await doctor.agent.get(url(`/appointments?from=${day(0)}&to=${day(30)}&patientId=${linked.patientId}`)),
    );
    expect(theirs.items.map((a: { id: string }) => a.id)).toEqual([booked.id]);
    const other = await addPatient(t, w.clinicId);
    expect(
      (await doctor.agent.get(url(`/appointments?from=${day(0)}&to=${day(30)}&patientId=${other.patientId}`)))
        .statusCode,
    ).toBe(403);
    expect(
      (await doctor.agent.post(url(`/appointments/${booked.id}/cancel`), { reason: 'x' })).statusCode,
    ).toBe(403);
  });
});

describe('lifecycle', () => {
  it('confirms, checks in and completes with a session note once the visit has started; counts the referral visit', async () => {
    const { patientId } = await addPatient(t, w.clinicId);
    const me = (await w.frontDesk.get('/api/me')).json();
    const [ref] = await t.database.db
      .insert(referrals)
      .values({
        clinicId: w.clinicId,
        id: crypto.randomUUID(),
        patientId,
        source: 'paper',
        referralDate: day(-10),
        diagnoses: [],
        techniques: [],
        bodyRegions: [],
        authorizedVisits: 2,
        validFrom: day(-10),
        validUntil: day(40),
        createdBy: me.user.id,
      })
      .returning();
    // The test clock is set back to the morning of a 09:00 visit: the API books only ahead, and sessions end
    // when the clock jumps days forward.
    const start = local(`${day(-2)}T09:00`);
    const minutesFromStart = (minutes: number) => new Date(Date.parse(start) + minutes * 60_000);
    setNow(t, minutesFromStart(-6 * 60));
    try {
      const a = await ok(
        await w.frontDesk.post(url('/appointments'), {
          patientId,
          serviceId: w.serviceId,
          start,
          referralId: ref!.id,
        }),
        201,
      );
      const visitsCounted = async () =>
        rowsOf<{ n: number }>(
          await t.database.db.execute(
            sql`select count(*)::int as n from referral_visits where referral_id = ${ref!.id} and source_id = ${a.id}`,
          ),
        )[0]!.n;
      const audited = (action: string) =>
        t.database.db
          .select({ outcome: auditLog.outcome, details: auditLog.details })
          .from(auditLog)
          .where(and(eq(auditLog.action, action), eq(auditLog.resourceId, a.id)));

      // Hours before the start, a click on Complete (or No-show) is refused, audited as refused, and changes nothing.
      for (const [path, action, message] of [
        ['complete', 'appointment.complete', /can be completed once the session has started/],
        ['no-show', 'appointment.no_show', /once the appointment has started/],
      ] as const) {
        const early = await w.frontDesk.post(url(`/appointments/${a.id}/${path}`), {});
        expect(early.statusCode, early.body).toBe(409);
        expect(early.json().error).toMatchObject({
          code: 'conflict',
          message: expect.stringMatching(message),
        });
        expect(await audited(action)).toContainEqual({
          outcome: 'refused',
          details: { reason: 'not_started', start: a.start },
        });
      }
      expect(await audited('appointment.complete.done')).toEqual([]);
      expect((await ok(await w.frontDesk.get(url(`/appointments/${a.id}`)))).status).toBe('booked');
      expect(await visitsCounted()).toBe(0);

      expect((await ok(await w.frontDesk.post(url(`/appointments/${a.id}/confirm`)))).status).toBe(
        'confirmed',
      );
      expect((await w.frontDesk.post(url(`/appointments/${a.id}/confirm`))).statusCode).toBe(409);
      // The patient may be checked in early; the visit is completed once it has started.
      expect(
        (await ok(await w.therapists[0]!.agent.post(url(`/appointments/${a.id}/check-in`)))).status,
      ).toBe('checked_in');
      setNow(t, minutesFromStart(5));
      const done = await ok(
        await w.therapists[0]!.agent.post(url(`/appointments/${a.id}/complete`), {
          sessionNoteId: 'note-123',
        }),
      );
      expect(done).toMatchObject({ status: 'completed', sessionNoteId: 'note-123' });
      expect(await audited('appointment.complete.done')).toHaveLength(1);
      expect(await visitsCounted()).toBe(1);
      expect(
        (await w.frontDesk.post(url(`/appointments/${a.id}/cancel`), { reason: 'x', cancelledBy: 'patient' }))
          .statusCode,
      ).toBe(409);
      expect(await audited('appointment.cancel')).toContainEqual({
        outcome: 'refused',
        details: { reason: 'status', status: 'completed' },
      });
    } finally {
      setNow(t, new Date());
    }
  });

  it('undoes a mistaken check-in back to the status it had (confirmed or booked), audited; refused otherwise', async () => {
    const { patientId } = await addPatient(t, w.clinicId);
    const book = async (date: string) =>
      ok(
        await w.frontDesk.post(url('/appointments'), {
          patientId,
          serviceId: w.serviceId,
          start: local(date),
        }),
        201,
      );
    const undo = (id: string) => w.frontDesk.post(url(`/appointments/${id}/undo-check-in`));
    const confirmed = await book(`${day(60)}T09:00`);
    await ok(await w.frontDesk.post(url(`/appointments/${confirmed.id}/confirm`)));
    const notCheckedIn = await undo(confirmed.id);
    expect(notCheckedIn.statusCode, notCheckedIn.body).toBe(409);
    expect(notCheckedIn.json().error).toMatchObject({
      code: 'conflict',
      message: 'This appointment is confirmed',
    });
    // The refused step is audited as refused, with the status that refused it.
    expect(
      await t.database.db
        .select({ outcome: auditLog.outcome, details: auditLog.details })
        .from(auditLog)
        .where(and(eq(auditLog.action, 'appointment.undo_check_in'), eq(auditLog.resourceId, confirmed.id))),
    ).toContainEqual({ outcome: 'refused', details: { reason: 'status', status: 'confirmed' } });

    await ok(await w.frontDesk.post(url(`/appointments/${confirmed.id}/check-in`)));
    expect(await ok(await undo(confirmed.id))).toMatchObject({ status: 'confirmed', checkedInAt: null });
    const audits = await t.database.db
      .select({ actorUserId: auditLog.actorUserId, patientId: auditLog.patientId, details: auditLog.details })
      .from(auditLog)
      .where(
        and(eq(auditLog.action, 'appointment.undo_check_in.done'), eq(auditLog.resourceId, confirmed.id)),
      );
    expect(audits).toEqual([
      {
        actorUserId: expect.any(String),
        patientId,
        details: { from: 'checked_in', to: 'confirmed' },
      },
    ]);
    expect((await undo(confirmed.id)).statusCode).toBe(409);

    const booked = await book(`${day(61)}T09:00`);
    await ok(await w.frontDesk.post(url(`/appointments/${booked.id}/check-in`)));
    expect(await ok(await undo(booked.id))).toMatchObject({ status: 'booked', checkedInAt: null });
    // Back to booked, it can be checked in again.
    expect((await ok(await w.frontDesk.post(url(`/appointments/${booked.id}/check-in`)))).status).toBe(
      'checked_in',
    );
  });

  it('marks a cancellation late inside the window, and records who cancelled', async () => {
    const me = await addPatient(t, w.clinicId, { withAccount: true });
    await ok(await w.owner.patch(url('/scheduling/rules'), { lateCancellationHours: 168 }));
    const soon = await ok(
      await w.frontDesk.post(url('/appointments'), {
        patientId: me.patientId,
        serviceId: w.serviceId,
        start: local(`${day(5)}T15:00`),
      }),
      201,
    );
    const later = await ok(
      await w.frontDesk.post(url('/appointments'), {
        patientId: me.patientId,
        serviceId: w.serviceId,
        start: local(`${day(10)}T14:00`),
      }),
      201,
    );
    const cancelled = await ok(
      await me.agent!.post(url(`/appointments/${later.id}/cancel`), { reason: 'Work trip' }),
    );
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      cancelledLate: false,
      cancelledByRole: 'patient',
      cancellationReason: 'Work trip',
    });
    expect((await me.agent!.post(url(`/appointments/${later.id}/cancel`), { reason: '' })).statusCode).toBe(
      400,
    );
    // Five days before, inside a one-week late-cancellation window.
    const late = await ok(
      await w.frontDesk.post(url(`/appointments/${soon.id}/cancel`), {
        reason: 'Sick',
        cancelledBy: 'patient',
      }),
    );
    expect(late).toMatchObject({ cancelledLate: true, cancelledByRole: 'patient' });
    await ok(await w.owner.patch(url('/scheduling/rules'), { lateCancellationHours: 24 }));
  });

  it('reschedules in one transaction, keeping the history linked both ways', async () => {
    const { patientId } = await addPatient(t, w.clinicId);
    const a = await ok(
      await w.frontDesk.post(url('/appointments'), {
        patientId,
        serviceId: w.serviceId,
        therapistId: w.therapists[1]!.userId,
        start: local(`${day(11)}T09:00`),
      }),
      201,
    );
    // Moving it by 30 minutes overlaps its old self: allowed, since the old one is cancelled in the same transaction.
    const moved = await ok(
      await w.frontDesk.post(url(`/appointments/${a.id}/reschedule`), { start: local(`${day(11)}T09:30`) }),
      201,
    );
    expect(moved).toMatchObject({
      rescheduledFrom: a.id,
      bookedVia: 'reschedule',
      therapistId: w.therapists[1]!.userId,
    });
    const old = await ok(await w.frontDesk.get(url(`/appointments/${a.id}`)));
    expect(old).toMatchObject({
      status: 'cancelled',
      rescheduledTo: moved.id,
      cancellationReason: 'rescheduled',
    });
    // Moving onto a taken time fails with alternatives and changes nothing.
    const other = await ok(
      await w.frontDesk.post(url('/appointments'), {
        patientId: (await addPatient(t, w.clinicId)).patientId,
        serviceId: w.serviceId,
        therapistId: w.therapists[1]!.userId,
        start: local(`${day(11)}T14:00`),
      }),
      201,
    );
    const clash = await w.frontDesk.post(url(`/appointments/${moved.id}/reschedule`), { start: other.start });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.code).toBe('slot_taken');
    expect((await ok(await w.frontDesk.get(url(`/appointments/${moved.id}`)))).status).toBe('booked');
  });

  it('undoes a move as it was: a confirmed appointment comes back confirmed, with both moves in the history', async () => {
    const { patientId } = await addPatient(t, w.clinicId);
    const therapistId = w.therapists[0]!.userId;
    const a = await ok(
      await w.frontDesk.post(url('/appointments'), {
        patientId,
        serviceId: w.serviceId,
        therapistId,
        start: local(`${day(15)}T10:00`),
      }),
      201,
    );
    const confirmed = await ok(await w.frontDesk.post(url(`/appointments/${a.id}/confirm`), {}));
    expect(confirmed).toMatchObject({ status: 'confirmed', confirmedAt: expect.any(String) });
    const reschedule = (id: string, body: Record<string, unknown>) =>
      w.frontDesk.post(url(`/appointments/${id}/reschedule`), body);

    // A real move: the patient has not confirmed the new time.
    const moved = await ok(await reschedule(a.id, { start: local(`${day(15)}T14:00`) }), 201);
    expect(moved).toMatchObject({ status: 'booked', confirmedAt: null, rescheduledFrom: a.id });

    // Refused undos change nothing: another appointment named, another time, another therapist.
    const other = await ok(
      await w.frontDesk.post(url('/appointments'), {
        patientId,
        serviceId: w.serviceId,
        start: local(`${day(15)}T15:30`),
      }),
      201,
    );
    for (const [body, path] of [
      [{ start: a.start, undoOf: other.id }, 'body.undoOf'],
      [{ start: local(`${day(15)}T10:30`), undoOf: a.id }, 'body.start'],
      [{ start: a.start, therapistId: w.therapists[1]!.userId, undoOf: a.id }, 'body.start'],
    ] as const) {
      const r = await reschedule(moved.id, body);
      expect(r.statusCode, r.body).toBe(422);
      expect(r.json().error.details.map((d: { path: string }) => d.path)).toEqual([path]);
    }
    // Too late: past 15 minutes the Undo is a new move.
    t.clock.advance(16 * 60_000);
    try {
      const late = await reschedule(moved.id, { start: a.start, undoOf: a.id });
      expect(late.statusCode, late.body).toBe(422);
      expect(late.json().error.message).toMatch(/more than 15 minutes old/);
    } finally {
      t.clock.advance(-16 * 60_000);
    }
    expect((await ok(await w.frontDesk.get(url(`/appointments/${moved.id}`)))).status).toBe('booked');

    // The undo: back at 10:00, confirmed as the patient had confirmed it; both moves in the history.
    const back = await ok(
      await reschedule(moved.id, { start: a.start, reason: 'move undone', undoOf: a.id }),
      201,
    );
    expect(back).toMatchObject({
      start: a.start,
      therapistId,
      status: 'confirmed',
      confirmedAt: confirmed.confirmedAt,
      rescheduledFrom: moved.id,
      bookedVia: 'reschedule',
    });
    expect(await ok(await w.frontDesk.get(url(`/appointments/${moved.id}`)))).toMatchObject({
      status: 'cancelled',
      rescheduledTo: back.id,
      cancellationReason: 'rescheduled: move undone',
    });
    const audit = await t.database.db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'appointment.reschedule.done'), eq(auditLog.resourceId, back.id)));
    expect(audit.map((r) => r.details)).toEqual([
      expect.objectContaining({ rescheduledFrom: moved.id, undoOf: a.id, status: 'confirmed' }),
    ]);

    // Moving back without undoing (a new move to the old time) does not claim the patient confirmed it.
    const again = await ok(await reschedule(back.id, { start: local(`${day(15)}T14:00`) }), 201);
    const plain = await ok(await reschedule(again.id, { start: a.start }), 201);
    expect(plain).toMatchObject({ status: 'booked', confirmedAt: null });
    // An appointment never confirmed comes back booked.
    const undoneAgain = await ok(
      await reschedule((await ok(await reschedule(plain.id, { start: local(`${day(15)}T14:00`) }), 201)).id, {
        start: a.start,
        undoOf: plain.id,
      }),
      201,
    );
    expect(undoneAgain).toMatchObject({ status: 'booked', confirmedAt: null });
  });

  it('never offers a moved appointment its own current time as an alternative', async () => {
    const therapistId = w.therapists[0]!.userId;
    const book = async (time: string) =>
      ok(
        await w.frontDesk.post(url('/appointments'), {
          patientId: (await addPatient(t, w.clinicId)).patientId,
          serviceId: w.serviceId,
          therapistId,
          start: local(`${day(26)}T${time}`),
        }),
        201,
      );
    const own = await book('14:30');
    const taken = await book('15:45');
    // 15:45 is the day's last start: the nearest times before it reach the appointment's own, which the engine
    // sees as free.
    const clash = await w.frontDesk.post(url(`/appointments/${own.id}/reschedule`), { start: taken.start });
    expect(clash.statusCode, clash.body).toBe(409);
    const { before, after } = clash.json().error.details.alternatives as Record<
      'before' | 'after',
      { start: string; therapistId: string }[]
    >;
    expect([...before, ...after]).not.toContainEqual(
      expect.objectContaining({ start: own.start, therapistId }),
    );
    // Still three before it: the nearest other times, up to the quarter hour before the current one.
    expect(before.map((s) => s.start)).toEqual(
      ['13:45', '14:00', '14:15'].map((time) => local(`${day(26)}T${time}`)),
    );
  });
});

describe('the chart', () => {
  it('lists the patient’s coming and past appointments with their attendance, for staff and a linked physician', async () => {
    // Weeks out, clear of the days the series and waitlist tests plan around.
    const { patientId } = await addPatient(t, w.clinicId);
    const book = async (date: string) =>
      ok(
        await w.frontDesk.post(url('/appointments'), {
          patientId,
          serviceId: w.serviceId,
          start: local(date),
        }),
        201,
      );
    const coming = await book(`${day(45)}T09:00`);
    const moved = await book(`${day(46)}T09:00`);
    const movedTo = await ok(
      await w.frontDesk.post(url(`/appointments/${moved.id}/reschedule`), {
        start: local(`${day(47)}T10:00`),
      }),
      201,
    );
    const dropped = await book(`${day(48)}T09:00`);
    await ok(
      await w.frontDesk.post(url(`/appointments/${dropped.id}/cancel`), {
        reason: 'Feeling better',
        cancelledBy: 'patient',
      }),
    );
    // Visits that have started, straight into the database (the API books only ahead): one attended, one
    // missed, and one under way, which is still coming up and not yet recent.
    const started = async (startAt: Date, status: 'completed' | 'no_show' | 'checked_in') => {
      const endAt = new Date(startAt.getTime() + 3_600_000);
      const [row] = await t.database.db
        .insert(appointments)
        .values({
          clinicId: w.clinicId,
          id: crypto.randomUUID(),
          patientId,
          serviceId: w.serviceId,
          therapistId: w.therapists[0]!.userId,
          roomId: w.rooms[0]!.id,
          locationId: w.locationId,
          startAt,
          endAt,
          blockedStart: startAt,
          blockedEnd: endAt,
          bookedBy: w.therapists[0]!.userId,
          bookedVia: 'staff',
          status,
        })
        .returning();
      return row!;
    };
    const past = (days: number, status: 'completed' | 'no_show') =>
      started(new Date(local(`${day(days)}T09:00`)), status);
    const attended = await past(-7, 'completed');
    const missed = await past(-3, 'no_show');
    const underWay = await started(new Date(Date.now() - 30 * 60_000), 'checked_in');

    const sectionOf = async (agent: typeof w.frontDesk) => {
      const chart = await ok(await agent.get(url(`/patients/${patientId}/chart`)));
      return chart.sections.find((s: { id: string }) => s.id === 'appointments');
    };
    const section = await sectionOf(w.frontDesk);
    expect(section.available).toBe(true);
    expect(section.data.upcoming.map((a: { id: string }) => a.id)).toEqual([
      underWay.id,
      coming.id,
      movedTo.id,
    ]);
    expect(section.data.recent.map((a: { id: string }) => a.id)).toEqual([missed.id, attended.id]);
    expect(section.data.recent[0]).toMatchObject({
      status: 'no_show',
      serviceName: 'Medical massage follow-up 60',
    });
    expect(section.data.tally).toEqual({ completed: 1, noShows: 1, cancelled: 1, cancelledLate: 0 });
    expect(await sectionOf(w.therapists[1]!.agent)).toEqual(section);

    // A physician linked to the patient reads the same; one who is not linked reads no chart at all.
    const doctor = await addMember(t, w.clinicId, ['physician']);
    expect((await doctor.agent.get(url(`/patients/${patientId}/chart`))).statusCode).toBe(403);
    await t.database.db
      .insert(physicianPatientLinks)
      .values({ clinicId: w.clinicId, patientId, userId: doctor.userId, reason: 'referral' });
    expect(await sectionOf(doctor.agent)).toEqual(section);
  });
});

describe('the visit and its note', () => {
  it('signing the note of a checked-in visit completes it, linked to the note; an earlier visit is only linked', async () => {
    const { patientId } = await addPatient(t, w.clinicId);
    const therapist = w.therapists[0]!;
    const me = (await therapist.agent.get('/api/me')).json();
    const book = async (date: string) =>
      ok(
        await w.frontDesk.post(url('/appointments'), {
          patientId,
          serviceId: w.serviceId,
          therapistId: therapist.userId,
          start: local(date),
        }),
        201,
      );
    const signNoteFor = async (appointmentId: string) => {
      const note = await ok(
        await therapist.agent.post(url(`/patients/${patientId}/notes`), {
          appointmentId,
          content: { subjective: { complaint: 'Low back tight' } },
        }),
        201,
      );
      await ok(
        await therapist.agent.post(url(`/patients/${patientId}/notes/${note.id}/sign`), {
          typedName: me.user.displayName,
        }),
      );
      return note.id as string;
    };
    const seen = await book(`${day(55)}T09:00`);
    await ok(await w.frontDesk.post(url(`/appointments/${seen.id}/check-in`)));
    const noteId = await signNoteFor(seen.id);
    expect(await ok(await w.frontDesk.get(url(`/appointments/${seen.id}`)))).toMatchObject({
      status: 'completed',
      sessionNoteId: noteId,
    });
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'appointment.complete.done'), eq(auditLog.resourceId, seen.id)));
    expect(audits).toHaveLength(1);

    // Documented ahead of the visit (not checked in): linked, still to happen.
    const ahead = await book(`${day(56)}T09:00`);
    const early = await signNoteFor(ahead.id);
    expect(await ok(await w.frontDesk.get(url(`/appointments/${ahead.id}`)))).toMatchObject({
      status: 'booked',
      sessionNoteId: early,
    });
  });
});

describe('intake in the calendar', () => {
  it('tells staff, and only staff, whose intake is not done', async () => {
    const done = await addPatient(t, w.clinicId, { withAccount: true });
    const notDone = await addPatient(t, w.clinicId);
    const now = new Date();
    await t.database.db.insert(intakeResponses).values({
      clinicId: w.clinicId,
      id: crypto.randomUUID(),
      patientId: done.patientId,
      questionnaireVersion: 1,
      kind: 'intake',
      status: 'submitted',
      answers: {},
      savedAt: now,
      version: 1,
      submittedAt: now,
      submittedVia: 'staff',
    });
    const date = day(50);
    for (const [patientId, time] of [
      [done.patientId, '09:00'],
      [notDone.patientId, '14:00'],
    ] as const)
      await ok(
        await w.frontDesk.post(url('/appointments'), {
          patientId,
          serviceId: w.serviceId,
          start: local(`${date}T${time}`),
        }),
        201,
      );
    const list = await ok(await w.frontDesk.get(url(`/appointments?from=${date}&to=${day(51)}`)));
    const byPatient = new Map(
      list.items.map((a: { patientId: string; intakeSubmitted?: boolean }) => [
        a.patientId,
        a.intakeSubmitted,
      ]),
    );
    expect(byPatient.get(done.patientId)).toBe(true);
    expect(byPatient.get(notDone.patientId)).toBe(false);
    // The patient's own list says nothing of it.
    const own = await ok(await done.agent!.get(url(`/appointments?from=${date}&to=${day(51)}`)));
    expect(own.items).toHaveLength(1);
    expect(own.items[0]).not.toHaveProperty('intakeSubmitted');
  });
});

describe('series', () => {
  it('with the first available therapist, keeps the one found for the first date whenever free', async () => {
    const { patientId } = await addPatient(t, w.clinicId);
    const [a, b] = w.therapists.map((x) => x.userId) as [string, string];
    // Weeks out, on Mondays: the first one at 15:00 finds A busy, so B takes it.
    let monday = DateTime.now().setZone(ZONE).plus({ days: 63 }).startOf('day');
    while (monday.weekday !== 1) monday = monday.plus({ days: 1 });
    await ok(
      await w.frontDesk.post(url('/appointments'), {
        patientId: (await addPatient(t, w.clinicId)).patientId,
        serviceId: w.serviceId,
        therapistId: a,
        start: local(`${monday.toISODate()}T15:00`),
      }),
      201,
    );
    const preview = await ok(
      await w.frontDesk.post(url('/appointments/series/preview'), {
        patientId,
        serviceId: w.serviceId,
        startDate: monday.toISODate(),
        weeks: 3,
        times: [{ weekday: 1, time: '15:00' }],
      }),
    );
    expect(preview.occurrences.map((o: { slot: { therapistId: string } }) => o.slot.therapistId)).toEqual([
      b,
      b,
      b,
    ]);
  });

  it('previews twice a week for four weeks with conflicts, alternatives and referral warnings, then books it', async () => {
    const { patientId } = await addPatient(t, w.clinicId);
    const me = (await w.frontDesk.get('/api/me')).json();
    const [ref] = await t.database.db
      .insert(referrals)
      .values({
        clinicId: w.clinicId,
        id: crypto.randomUUID(),
        patientId,
        source: 'paper',
        referralDate: day(0),
        diagnoses: [],
        techniques: [],
        bodyRegions: [],
        authorizedVisits: 6,
        validFrom: day(0),
        validUntil: day(60),
        createdBy: me.user.id,
      })
      .returning();
    const startDate = day(14);
    const first = DateTime.fromISO(startDate, { zone: ZONE });
    const tue = first.plus({ days: (2 - first.weekday + 7) % 7 });
    // Block the first Tuesday 10:00 for therapist 0.
    await ok(
      await w.frontDesk.post(url('/appointments'), {
        patientId: (await addPatient(t, w.clinicId)).patientId,
        serviceId: w.serviceId,
        therapistId: w.therapists[0]!.userId,
        start: local(`${tue.toISODate()}T10:00`),
      }),
      201,
    );
    const body = {
      patientId,
      serviceId: w.serviceId,
      therapistId: w.therapists[0]!.userId,
      referralId: ref!.id,
      startDate,
      weeks: 4,
      times: [
        { weekday: 2, time: '10:00' },
        { weekday: 4, time: '10:00' },
      ],
    };
    const preview = await ok(await w.frontDesk.post(url('/appointments/series/preview'), body));
    expect(preview.occurrences).toHaveLength(8);
    const blocked = preview.occurrences.find((o: { localDate: string }) => o.localDate === tue.toISODate());
    expect(blocked.ok).toBe(false);
    expect(blocked.problems).toContain('therapist-busy');
    expect(blocked.alternatives.after.length + blocked.alternatives.before.length).toBeGreaterThan(0);
    expect(preview.warnings.map((x: { code: string }) => x.code)).toEqual(['exceeds_authorized_visits']);
    const okOnes = preview.occurrences.filter((o: { ok: boolean }) => o.ok);
    expect(okOnes).toHaveLength(7);
    expect(okOnes[5].warnings).toEqual([]);
    expect(okOnes[6].warnings[0].code).toBe('exceeds_authorized_visits');

    const occurrences = okOnes.map((o: { slot: { start: string; therapistId: string } }) => ({
      start: o.slot.start,
      therapistId: o.slot.therapistId,
    }));
    const refused = await w.frontDesk.post(url('/appointments/series'), {
      patientId,
      serviceId: w.serviceId,
      referralId: ref!.id,
      occurrences,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.warnings[0].code).toBe('exceeds_authorized_visits');
    const created = await ok(
      await w.frontDesk.post(url('/appointments/series'), {
        patientId,
        serviceId: w.serviceId,
        referralId: ref!.id,
        occurrences,
        acknowledgeWarnings: true,
      }),
      201,
    );
    expect(created.appointments).toHaveLength(7);
    expect(new Set(created.appointments.map((a: { seriesId: string }) => a.seriesId))).toEqual(
      new Set([created.seriesId]),
    );
    // All or nothing: a series with one taken time books none of it.
    const again = await w.frontDesk.post(url('/appointments/series'), {
      patientId,
      serviceId: w.serviceId,
      occurrences: [
        occurrences[0],
        { start: local(`${day(20)}T15:45`), therapistId: w.therapists[1]!.userId },
      ],
    });
    expect(again.statusCode).toBe(409);
    const count = await t.database.db
      .select()
      .from(appointments)
      .where(eq(appointments.patientId, patientId));
    expect(count).toHaveLength(7);
  });
});

describe('waitlist', () => {
  it('offers an opened slot to those waiting by e-mail; the first to accept gets it, the next gets 409', async () => {
    const alice = await addPatient(t, w.clinicId, { withAccount: true, email: 'alice@example.test' });
    const bob = await addPatient(t, w.clinicId, { withAccount: true, email: 'bob@example.test' });
    const { booked } = await openSlotFor(
      t,
      w,
      { start: local(`${day(12)}T15:00`), therapistId: w.therapists[0]!.userId },
      [alice, bob].map((p) => ({ patientId: p.patientId, by: p.agent, fromDate: day(1), toDate: day(20) })),
    );
    // Every offer in the clinic: the opening went to these two and nobody else.
    const offers = await t.database.db
      .select()
      .from(waitlistOffers)
      .where(eq(waitlistOffers.clinicId, w.clinicId));
    expect(offers).toHaveLength(2);
    const mails = await t.database.db
      .select()
      .from(emailOutbox)
      .where(inArray(emailOutbox.toAddress, ['alice@example.test', 'bob@example.test']));
    expect(mails).toHaveLength(2);
    expect(mails[0]!.textBody).toContain('/waitlist/offers/');
    expect(mails[0]!.textBody).not.toContain('follow-up'); // no service (health) details

    const offerOf = async (agent: typeof alice.agent) => {
      const mine = await ok(await agent!.get(url('/waitlist')));
      const entryId = mine.items[0].id;
      return offers.find((o) => o.entryId === entryId)!;
    };
    const bobOffer = await offerOf(bob.agent);
    const aliceOffer = await offerOf(alice.agent);
    // Alice cannot accept Bob's offer.
    expect((await alice.agent!.post(url(`/waitlist/offers/${bobOffer.id}/accept`))).statusCode).toBe(403);
    const [first, second] = await Promise.all([
      bob.agent!.post(url(`/waitlist/offers/${bobOffer.id}/accept`)),
      alice.agent!.post(url(`/waitlist/offers/${aliceOffer.id}/accept`)),
    ]);
    const statuses = [first.statusCode, second.statusCode].sort();
    expect(statuses).toEqual([201, 409]);
    const winner = first.statusCode === 201 ? first.json() : second.json();
    expect(winner.start).toBe(booked.start);
    expect(winner.bookedVia).toBe('waitlist');
    const loserResponse = first.statusCode === 409 ? first : second;
    expect(loserResponse.json().error.code).toBe('slot_taken');
  });
});
