import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, referrals, services } from '../../src/db/schema/index.ts';
import { dayText } from '../../src/modules/patients/dates.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic } from '../helpers/fixtures.ts';
import {
  base,
  type ClinicalWorld,
  clinicalWorld,
  insertAppointment,
  plusDays,
  serviceAndRoom,
  today,
} from './clinical-support.ts';
import { pdfPages, ROWS, treatedPatient } from './reports-support.ts';

let t: TestApp;
let w: ClinicalWorld;
let frontDesk: Awaited<ReturnType<typeof addMember>>;
let portal: Awaited<ReturnType<typeof addMember>>;
let patientId: string;
let referralId: string;
const visit: Record<string, { appointmentId: string; noteId?: string }> = {};

/**
 * Five $110 visits in the last two weeks, each paid in full for itself: one documented and signed, one whose
 * note is a draft, one with no note, one signed with no treatment (no procedure code), and one signed after its
 * referral ended (no diagnosis to point to).
 */
beforeAll(async () => {
  t = await createTestApp();
  w = await clinicalWorld(t);
  frontDesk = await addMember(t, w.clinicId, ['front_desk']);
  portal = await addMember(t, w.clinicId, ['patient']);
  const treated = await treatedPatient(w, { userId: portal.userId, sessions: 0 });
  patientId = treated.patientId;
  referralId = treated.referralId;
  await t.database.db
    .update(referrals)
    .set({ referralDate: plusDays(t, -20), validFrom: plusDays(t, -20), validUntil: plusDays(t, -2) })
    .where(and(eq(referrals.clinicId, w.clinicId), eq(referrals.id, referralId)));
  const place = await serviceAndRoom(w);
  await t.database.db
    .update(services)
    .set({ priceCents: 11000 })
    .where(and(eq(services.clinicId, w.clinicId), eq(services.id, place.serviceId)));
  const book = async (name: string, daysAgo: number) => {
    const startAt = new Date(t.clock.now().getTime() - daysAgo * 86_400_000);
    const appointmentId = await insertAppointment(w, place, {
      patientId,
      startAt,
      endAt: new Date(startAt.getTime() + 3_600_000),
      status: 'completed',
    });
    visit[name] = { appointmentId };
    const paid = await frontDesk.agent.post(`${base(w, patientId)}/payments`, {
      amountCents: 11000,
      method: 'card',
      appointmentId,
    });
    expect(paid.statusCode, paid.body).toBe(201);
    return appointmentId;
  };
  const note = async (name: string, daysAgo: number, rows: typeof ROWS | [], sign: boolean) => {
    const created = await w.therapist.agent.post(`${base(w, patientId)}/notes`, {
      appointmentId: visit[name]!.appointmentId,
      visitDate: plusDays(t, -daysAgo),
      content: { subjective: { painToday: 5 }, treatment: { rows } },
    });
    expect(created.statusCode, created.body).toBe(201);
    visit[name]!.noteId = created.json().id;
    if (!sign) return;
    const signed = await w.therapist.agent.post(`${base(w, patientId)}/notes/${created.json().id}/sign`, {
      typedName: w.therapist.name,
    });
    expect(signed.statusCode, signed.body).toBe(200);
  };
  await book('signed', 10);
  await note('signed', 10, ROWS, true);
  await book('draft', 8);
  await note('draft', 8, ROWS, false);
  await book('unwritten', 6);
  await book('untreated', 4);
  await note('untreated', 4, [], true);
  await book('unreferred', 1);
  await note('unreferred', 1, ROWS, true);
}, 120_000);
afterAll(() => t?.close());

const period = () => `from=${plusDays(t, -14)}&to=${today(t)}`;
const checkUrl = () => `${base(w, patientId)}/superbill?${period()}`;

describe('what a superbill leaves out', () => {
  it('lists for the staff each visit of the period left out, with why, and the lines with no diagnosis', async () => {
    const response = await frontDesk.agent.get(checkUrl());
    expect(response.statusCode, response.body).toBe(200);
    const check = response.json();
    expect(check).toMatchObject({
      visits: 2,
      chargedCents: 22000,
      paidCents: 22000,
      otherVisitsPaidCents: 33000,
      unpriced: 0,
      paymentText: 'Paid in full ($220.00). Payments for visits not listed: $330.00.',
    });
    expect(check.leftOut).toEqual([
      {
        date: plusDays(t, -8),
        reason: 'note_unsigned',
        message: 'note not signed yet',
        noteId: visit.draft!.noteId,
        appointmentId: visit.draft!.appointmentId,
        paidCents: 11000,
      },
      {
        date: plusDays(t, -6),
        reason: 'no_note',
        message: 'no note written yet',
        noteId: null,
        appointmentId: visit.unwritten!.appointmentId,
        paidCents: 11000,
      },
      {
        date: plusDays(t, -4),
        reason: 'no_procedure',
        message: 'no billable procedure documented (no treatment with a procedure code)',
        noteId: visit.untreated!.noteId,
        appointmentId: visit.untreated!.appointmentId,
        paidCents: 11000,
      },
    ]);
    expect(check.withoutDiagnosis).toEqual([
      {
        date: plusDays(t, -1),
        noteId: visit.unreferred!.noteId,
        referralId,
        fixAt: 'referral',
        message: `the visit is after the referral of ${dayText(plusDays(t, -20))} ends (valid until ${dayText(plusDays(t, -2))})`,
      },
    ]);
    // One audit row, saying what the check found.
    const rows = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.patientId, patientId), eq(auditLog.action, 'superbill.check')));
    expect(rows.map((r) => [r.outcome, r.details])).toEqual([
      ['allowed', { from: plusDays(t, -14), to: today(t), visits: 2, leftOut: 3, withoutDiagnosis: 1 }],
    ]);
  });

  it('prints the payments for the visits it does not list apart, not as "paid in full" of everything', async () => {
    const response = await portal.agent.get(`${base(w, patientId)}/superbill.pdf?${period()}`);
    expect(response.statusCode, response.body).toBe(200);
    const text = (await pdfPages(response.rawPayload)).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain(
      '2 visits; total charged $220.00. Paid in full ($220.00). Payments for visits not listed: $330.00.',
    );
    // The visits left out are not on it, and the patient's copy gives no staff work list.
    expect(text).not.toContain(dayText(plusDays(t, -8)));
    expect(text).not.toContain(dayText(plusDays(t, -6)));
    expect(text).not.toContain('not signed');
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.patientId, patientId), eq(auditLog.action, 'superbill.read')));
    expect(audit?.details).toEqual({ from: plusDays(t, -14), to: today(t), visits: 2, leftOut: 3 });
  });

  it('says a listed visit is not fully paid while payments went to visits left out', async () => {
    // Another patient: their documented visit unpaid, their undocumented one paid.
    const other = await treatedPatient(w, { sessions: 1 });
    const place = await serviceAndRoom(w);
    await t.database.db
      .update(services)
      .set({ priceCents: 9000 })
      .where(and(eq(services.clinicId, w.clinicId), eq(services.id, place.serviceId)));
    const at = (hoursAgo: number) => new Date(t.clock.now().getTime() - hoursAgo * 3_600_000);
    await insertAppointment(w, place, {
      patientId: other.patientId,
      startAt: at(3),
      endAt: at(2),
      status: 'completed',
      sessionNoteId: other.noteIds[0]!,
    });
    const undocumented = await insertAppointment(w, place, {
      patientId: other.patientId,
      startAt: at(26),
      endAt: at(25),
      status: 'completed',
    });
    const paid = await frontDesk.agent.post(`${base(w, other.patientId)}/payments`, {
      amountCents: 9000,
      method: 'cash',
      appointmentId: undocumented,
    });
    expect(paid.statusCode, paid.body).toBe(201);
    const check = (await frontDesk.agent.get(`${base(w, other.patientId)}/superbill?${period()}`)).json();
    expect(check).toMatchObject({ visits: 1, chargedCents: 9000, paidCents: 0, otherVisitsPaidCents: 9000 });
    expect(check.paymentText).toBe(
      'Nothing paid yet for these visits. Payments for visits not listed: $90.00.',
    );
    expect(check.leftOut).toEqual([
      expect.objectContaining({ reason: 'no_note', appointmentId: undocumented }),
    ]);
  });

  it('is refused to the patient, a physician and another clinic; bad dates are a 400 at the field', async () => {
    const refused = await portal.agent.get(checkUrl());
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('forbidden');
    expect((await w.physician.agent.get(checkUrl())).statusCode).toBe(403);
    const other = await createOtherClinic(t);
    expect((await other.owner.get(checkUrl())).statusCode).toBe(403);
    expect(
      (await other.owner.get(`/api/clinics/${other.clinicId}/patients/${patientId}/superbill?${period()}`))
        .statusCode,
    ).toBe(403);
    const backwards = await frontDesk.agent.get(
      `${base(w, patientId)}/superbill?from=${today(t)}&to=${plusDays(t, -14)}`,
    );
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details[0].path).toBe('querystring.to');
    // The patient's refusal is audited.
    const [refusal] = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.patientId, patientId),
          eq(auditLog.action, 'superbill.check'),
          eq(auditLog.outcome, 'refused'),
        ),
      );
    expect(refusal?.actorUserId).toBe(portal.userId);
  });
});
