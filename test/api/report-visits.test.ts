import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import {
  base,
  type ClinicalWorld,
  clinicalWorld,
  insertAppointment,
  patientWithReferral,
  planBody,
  plusDays,
  serviceAndRoom,
  today,
  ZONE,
} from './clinical-support.ts';
import { ROWS } from './reports-support.ts';

let t: TestApp;
let w: ClinicalWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await clinicalWorld(t);
});
afterAll(() => t.close());

/** A signed note of `visitDate` linked to no appointment. */
async function signedNoteWithoutAppointment(patientId: string, visitDate: string) {
  const note = await w.therapist.agent.post(`${base(w, patientId)}/notes`, {
    visitDate,
    content: { treatment: { rows: ROWS }, pain: { before: 5, after: 3 } },
  });
  expect(note.statusCode, note.body).toBe(201);
  const signed = await w.therapist.agent.post(`${base(w, patientId)}/notes/${note.json().id}/sign`, {
    typedName: w.therapist.name,
  });
  expect(signed.statusCode, signed.body).toBe(200);
}

describe('visits attended in a progress report', () => {
  it('counts a completed appointment and a note without an appointment on the same day once; a note on another day still counts', async () => {
    const { patientId, referralId } = await patientWithReferral(w);
    const plan = await w.therapist.agent.post(
      `${base(w, patientId)}/plans`,
      planBody(w, referralId, { startDate: plusDays(t, -1) }),
    );
    expect(plan.statusCode, plan.body).toBe(201);
    // Today's session: a completed appointment, documented by a note the therapist did not link to it.
    const now = t.clock.now().getTime();
    const midnight = DateTime.fromMillis(now, { zone: ZONE }).startOf('day').toMillis();
    const startAt = new Date(Math.max(now - 3_600_000, midnight));
    await insertAppointment(w, await serviceAndRoom(w), {
      patientId,
      startAt,
      endAt: new Date(startAt.getTime() + 1_800_000),
      status: 'completed',
      completedAt: startAt,
    });
    await signedNoteWithoutAppointment(patientId, today(t));
    // Yesterday's session had no appointment: its note is the only record of the visit.
    await signedNoteWithoutAppointment(patientId, plusDays(t, -1));

    const report = await w.therapist.agent.post(`${base(w, patientId)}/reports`, { kind: 'progress_report' });
    expect(report.statusCode, report.body).toBe(201);
    expect(report.json()).toMatchObject({ periodStart: plusDays(t, -1), periodEnd: today(t) });
    expect(report.json().facts.visits).toMatchObject({ attended: 2, missed: 0 });
    expect(report.json().facts.treatment.sessions).toBe(2);
    expect(report.json().text.summary).toContain('2 visits attended, 0 missed');

    const progress = await w.therapist.agent.get(`${base(w, patientId)}/progress`);
    expect(progress.statusCode, progress.body).toBe(200);
    expect(progress.json().visits.attended).toBe(2);
  });

  it('counts one referral visit when a completed appointment and a note not linked to it are of the same day', async () => {
    const { patientId, referralId } = await patientWithReferral(w);
    const plan = await w.therapist.agent.post(`${base(w, patientId)}/plans`, planBody(w, referralId));
    expect(plan.statusCode, plan.body).toBe(201);
    const now = t.clock.now().getTime();
    const midnight = DateTime.fromMillis(now, { zone: ZONE }).startOf('day').toMillis();
    const startAt = new Date(Math.max(now - 3_600_000, midnight));
    const appointmentId = await insertAppointment(w, await serviceAndRoom(w), {
      patientId,
      referralId,
      therapistId: w.ownerId, // the first test's visit holds the therapist at this time
      startAt,
      endAt: new Date(startAt.getTime() + 1_800_000),
      status: 'checked_in',
    });
    const completed = await w.owner.post(
      `/api/clinics/${w.clinicId}/appointments/${appointmentId}/complete`,
      {},
    );
    expect(completed.statusCode, completed.body).toBe(200);
    await signedNoteWithoutAppointment(patientId, today(t));
    const referral = await w.therapist.agent.get(`/api/clinics/${w.clinicId}/referrals/${referralId}`);
    expect(referral.statusCode, referral.body).toBe(200);
    expect(referral.json().visitsUsed).toBe(1);
  });

  it('does not count a late move as a late cancellation: the report agrees with the chart', async () => {
    const { patientId, referralId } = await patientWithReferral(w);
    const plan = await w.therapist.agent.post(
      `${base(w, patientId)}/plans`,
      planBody(w, referralId, { startDate: plusDays(t, -1) }),
    );
    expect(plan.statusCode, plan.body).toBe(201);
    const place = await serviceAndRoom(w);
    const now = t.clock.now().getTime();
    const midnight = DateTime.fromMillis(now, { zone: ZONE }).startOf('day').toMillis();
    // Today's visit, moved at short notice to next week: the old one is "cancelled late, rescheduled".
    const movedTo = await insertAppointment(w, place, {
      patientId,
      therapistId: w.ownerId,
      startAt: new Date(now + 7 * 86_400_000),
      endAt: new Date(now + 7 * 86_400_000 + 1_800_000),
      status: 'booked',
    });
    const startAt = new Date(Math.max(now - 2 * 3_600_000, midnight));
    await insertAppointment(w, place, {
      patientId,
      therapistId: w.ownerId,
      startAt,
      endAt: new Date(startAt.getTime() + 1_800_000),
      status: 'cancelled',
      cancelledAt: new Date(startAt.getTime() - 3_600_000),
      cancelledLate: true,
      cancelledByRole: 'patient',
      rescheduledTo: movedTo,
    });
    const report = await w.therapist.agent.post(`${base(w, patientId)}/reports`, { kind: 'progress_report' });
    expect(report.statusCode, report.body).toBe(201);
    expect(report.json().facts.visits).toMatchObject({ lateCancelled: 0, missed: 0 });
    const chart = await w.owner.get(`${base(w, patientId)}/chart`);
    expect(chart.statusCode, chart.body).toBe(200);
    const section = chart.json().sections.find((s: { id: string }) => s.id === 'appointments');
    expect(section.data.tally).toMatchObject({ cancelled: 0, cancelledLate: 0 });
  });
});
