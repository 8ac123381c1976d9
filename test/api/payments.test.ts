import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, payments, services } from '../../src/db/schema/index.ts';
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
import { pdfPages, treatedPatient } from './reports-support.ts';

let t: TestApp;
let w: ClinicalWorld;
let frontDesk: Awaited<ReturnType<typeof addMember>>;
let portal: Awaited<ReturnType<typeof addMember>>;
let patientId: string;
let visitId: string;
let otherVisitId: string;

beforeAll(async () => {
  t = await createTestApp();
  w = await clinicalWorld(t);
  frontDesk = await addMember(t, w.clinicId, ['front_desk']);
  portal = await addMember(t, w.clinicId, ['patient']);
  const treated = await treatedPatient(w, { userId: portal.userId, sessions: 1 });
  patientId = treated.patientId;
  // The documented visit: a completed $110 session, completed with its signed note.
  const place = await serviceAndRoom(w);
  await t.database.db
    .update(services)
    .set({ priceCents: 11000 })
    .where(and(eq(services.clinicId, w.clinicId), eq(services.id, place.serviceId)));
  const startAt = new Date(t.clock.now().getTime() - 3 * 3_600_000);
  visitId = await insertAppointment(w, place, {
    patientId,
    startAt,
    endAt: new Date(startAt.getTime() + 3_600_000),
    status: 'completed',
    sessionNoteId: treated.noteIds[0]!,
  });
  const other = await treatedPatient(w, { sessions: 0 });
  const otherStart = new Date(startAt.getTime() + 2 * 3_600_000);
  otherVisitId = await insertAppointment(w, place, {
    patientId: other.patientId,
    startAt: otherStart,
    endAt: new Date(otherStart.getTime() + 3_600_000),
    status: 'completed',
  });
}, 120_000);
afterAll(() => t?.close());

const account = () => `${base(w, patientId)}/account`;
const paymentsUrl = () => `${base(w, patientId)}/payments`;

describe('payments and the patient account', () => {
  it('records a payment for a visit once, however often the request is retried', async () => {
    const before = (await frontDesk.agent.get(account())).json();
    expect(before).toMatchObject({ chargedCents: 11000, paidCents: 0, balanceCents: 11000, payments: [] });
    expect(before.charges).toEqual([
      expect.objectContaining({ appointmentId: visitId, kind: 'visit', feeCents: 11000, waived: null }),
    ]);

    const body = { amountCents: 6000, method: 'card', appointmentId: visitId, reference: 'last four 4242' };
    const headers = { 'idempotency-key': `pay-${patientId}` };
    const first = await frontDesk.agent.post(paymentsUrl(), body, headers);
    expect(first.statusCode, first.body).toBe(201);
    const retried = await frontDesk.agent.post(paymentsUrl(), body, headers);
    expect(retried.statusCode).toBe(201);
    expect(retried.json()).toEqual(first.json());
    const after = first.json();
    expect(after).toMatchObject({ chargedCents: 11000, paidCents: 6000, balanceCents: 5000 });
    expect(after.charges[0].paidCents).toBe(6000);
    expect(after.payments).toHaveLength(1);
    expect(after.payments[0]).toMatchObject({
      amountCents: 6000,
      method: 'card',
      appointmentId: visitId,
      reference: 'last four 4242',
      recordedByName: expect.any(String),
      voided: null,
    });
  });

  it('refuses bad input at its field, and a visit of another patient, writing nothing', async () => {
    const cases: [Record<string, unknown>, string, number][] = [
      [{ amountCents: 0, method: 'cash' }, 'body.amountCents', 400],
      [{ amountCents: 12.5, method: 'cash' }, 'body.amountCents', 400],
      [{ amountCents: 1000, method: 'bitcoin' }, 'body.method', 400],
      [{ amountCents: 1000, method: 'card', reference: '4111 1111 1111 1111' }, 'body.reference', 400],
      [
        {
          amountCents: 1000,
          method: 'cash',
          receivedAt: new Date(t.clock.now().getTime() + 86_400_000).toISOString(),
        },
        'body.receivedAt',
        400,
      ],
      [{ amountCents: 1000, method: 'cash', appointmentId: otherVisitId }, 'body.appointmentId', 422],
    ];
    for (const [body, path, status] of cases) {
      const response = await frontDesk.agent.post(paymentsUrl(), body);
      expect(response.statusCode, JSON.stringify(body)).toBe(status);
      expect(response.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect((await frontDesk.agent.get(account())).json().payments).toHaveLength(1);
  });

  it('voids a mistaken payment with a reason: it stays on the account and no longer counts', async () => {
    const cash = await frontDesk.agent.post(paymentsUrl(), { amountCents: 5000, method: 'cash' });
    expect(cash.statusCode, cash.body).toBe(201);
    expect(cash.json().balanceCents).toBe(0);
    // Paid on account, it settles the visit still owing: nothing shows as due twice.
    expect(cash.json().charges[0]).toMatchObject({ appointmentId: visitId, paidCents: 11000 });
    const mistaken = cash.json().payments.find((p: { method: string }) => p.method === 'cash');
    expect(mistaken.appointmentId).toBeNull();

    const voidUrl = `${paymentsUrl()}/${mistaken.id}/void`;
    expect((await frontDesk.agent.post(voidUrl, { reason: '' })).statusCode).toBe(400);
    const voided = await frontDesk.agent.post(voidUrl, { reason: 'Entered twice' });
    expect(voided.statusCode, voided.body).toBe(200);
    expect(voided.json()).toMatchObject({ paidCents: 6000, balanceCents: 5000 });
    expect(voided.json().payments.find((p: { id: string }) => p.id === mistaken.id).voided).toMatchObject({
      reason: 'Entered twice',
      byName: expect.any(String),
    });
    const again = await frontDesk.agent.post(voidUrl, { reason: 'Entered twice' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('conflict');
    const unknown = await frontDesk.agent.post(`${paymentsUrl()}/${w.clinicId}/void`, { reason: 'Typo' });
    expect(unknown.statusCode).toBe(404);

    // The database keeps payments as taken: no change but the voiding, no deletion.
    const db = t.database.db;
    await expect(
      db.update(payments).set({ amountCents: 1 }).where(eq(payments.id, mistaken.id)),
    ).rejects.toThrow();
    await expect(db.delete(payments).where(eq(payments.id, mistaken.id))).rejects.toThrow();
    await expect(
      db.execute(sql`update payments set void_reason = 'changed' where id = ${mistaken.id}`),
    ).rejects.toThrow();
  });

  it('prints what was paid on the superbill: per visit, and the balance', async () => {
    const response = await frontDesk.agent.get(
      `${base(w, patientId)}/superbill.pdf?from=${plusDays(t, -7)}&to=${today(t)}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    const text = (await pdfPages(response.rawPayload)).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('$110.00 $60.00');
    expect(text).toContain('total charged $110.00. Paid $60.00; balance due $50.00.');
  });

  it('lists who owes the clinic for the front desk, largest first; patients and physicians are refused', async () => {
    // A second patient owes less: $110 charged, $100 paid.
    const second = await treatedPatient(w, { sessions: 0 });
    const place = await serviceAndRoom(w);
    await t.database.db
      .update(services)
      .set({ priceCents: 11000 })
      .where(and(eq(services.clinicId, w.clinicId), eq(services.id, place.serviceId)));
    const startAt = new Date(t.clock.now().getTime() - 6 * 3_600_000);
    const visit = await insertAppointment(w, place, {
      patientId: second.patientId,
      startAt,
      endAt: new Date(startAt.getTime() + 3_600_000),
      status: 'checked_in',
    });
    const paid = await frontDesk.agent.post(`${base(w, second.patientId)}/payments`, {
      amountCents: 10000,
      method: 'card',
      appointmentId: visit,
    });
    expect(paid.statusCode, paid.body).toBe(201);

    const url = `/api/clinics/${w.clinicId}/balances`;
    const balances = await frontDesk.agent.get(url);
    expect(balances.statusCode, balances.body).toBe(200);
    const mine = balances
      .json()
      .items.filter((i: { patientId: string }) => [patientId, second.patientId].includes(i.patientId));
    expect(mine).toEqual([
      expect.objectContaining({
        patientId,
        balanceCents: 5000,
        patientName: expect.any(String),
      }),
      expect.objectContaining({ patientId: second.patientId, balanceCents: 1000 }),
    ]);
    expect(balances.json().totalCents).toBe(
      balances.json().items.reduce((sum: number, i: { balanceCents: number }) => sum + i.balanceCents, 0),
    );
    expect((await w.therapist.agent.get(url)).statusCode).toBe(200);
    expect((await portal.agent.get(url)).statusCode).toBe(403);
    expect((await w.physician.agent.get(url)).statusCode).toBe(403);
    expect((await (await createOtherClinic(t)).owner.get(url)).statusCode).toBe(403);
  });

  it('charges the clinic’s late-cancellation and no-show fees at the time, and lets staff waive one with a reason', async () => {
    const rules = `/api/clinics/${w.clinicId}/scheduling/rules`;
    // A fraction of a cent is refused, never rounded.
    for (const bad of [
      { noShowFeeCents: -1 },
      { lateCancellationFeeCents: 100_001 },
      { noShowFeeCents: 1234.5 },
    ]) {
      expect((await w.owner.patch(rules, bad)).statusCode).toBe(400);
    }
    const set = await w.owner.patch(rules, { lateCancellationFeeCents: 4000, noShowFeeCents: 6000 });
    expect(set.statusCode, set.body).toBe(200);
    // Patients are told before they book.
    const told = (await t.agent().get(`/api/public/clinics/${w.clinicId}/services`)).json();
    expect(told).toMatchObject({ lateCancellationFeeCents: 4000, noShowFeeCents: 6000 });

    const place = await serviceAndRoom(w);
    const at = t.clock.now().getTime();
    const soon = await insertAppointment(w, place, {
      patientId,
      startAt: new Date(at + 2 * 3_600_000),
      endAt: new Date(at + 3 * 3_600_000),
      status: 'booked',
    });
    const missed = await insertAppointment(w, place, {
      patientId,
      startAt: new Date(at - 9 * 3_600_000),
      endAt: new Date(at - 8 * 3_600_000),
      status: 'confirmed',
    });
    const appointmentUrl = (id: string) => `/api/clinics/${w.clinicId}/appointments/${id}`;
    const cancelled = await frontDesk.agent.post(`${appointmentUrl(soon)}/cancel`, {
      reason: 'Patient is ill',
      cancelledBy: 'patient',
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect((await frontDesk.agent.post(`${appointmentUrl(missed)}/no-show`)).statusCode).toBe(200);
    // A later change of the fees changes no charge already made.
    await w.owner.patch(rules, { lateCancellationFeeCents: 5000 });

    const account = (await frontDesk.agent.get(`${base(w, patientId)}/account`)).json();
    const kinds = Object.fromEntries(
      account.charges.map((c: { appointmentId: string; kind: string; feeCents: number }) => [
        c.appointmentId,
        [c.kind, c.feeCents],
      ]),
    );
    expect(kinds[soon]).toEqual(['late_cancellation', 4000]);
    expect(kinds[missed]).toEqual(['no_show', 6000]);
    expect(account.balanceCents).toBe(5000 + 4000 + 6000);

    const waive = (id: string, reason: string) =>
      frontDesk.agent.post(`${base(w, patientId)}/charges/${id}/waive`, { reason });
    expect((await waive(missed, '')).statusCode).toBe(400);
    const waived = await waive(missed, 'Hospital admission');
    expect(waived.statusCode, waived.body).toBe(200);
    expect(waived.json().balanceCents).toBe(5000 + 4000);
    expect(
      waived.json().charges.find((c: { appointmentId: string }) => c.appointmentId === missed).waived,
    ).toMatchObject({ reason: 'Hospital admission' });
    expect((await waive(missed, 'Again')).statusCode).toBe(409);
    expect((await waive(visitId, 'A visit has no fee')).json().error.message).toBe(
      'This appointment has no fee to waive',
    );
    expect((await waive(w.clinicId, 'Unknown')).statusCode).toBe(404);
    expect(
      (await portal.agent.post(`${base(w, patientId)}/charges/${soon}/waive`, { reason: 'Please' }))
        .statusCode,
    ).toBe(403);

    // The list of balances counts the fee still owed, not the one waived.
    const balances = (await frontDesk.agent.get(`/api/clinics/${w.clinicId}/balances`)).json();
    expect(balances.items.find((i: { patientId: string }) => i.patientId === patientId).balanceCents).toBe(
      9000,
    );
    // Back to no fees for the tests that follow.
    await w.owner.patch(rules, { lateCancellationFeeCents: 0, noShowFeeCents: 0 });
  });

  it('lets the patient read their own account only; physicians and other clinics are refused', async () => {
    const own = await portal.agent.get(account());
    expect(own.statusCode).toBe(200);
    expect(own.json().balanceCents).toBe(9000); // with the late-cancellation fee still owed
    expect((await portal.agent.post(paymentsUrl(), { amountCents: 100, method: 'cash' })).statusCode).toBe(
      403,
    );
    const stranger = await addMember(t, w.clinicId, ['patient']);
    expect((await stranger.agent.get(account())).statusCode).toBe(403);
    expect((await w.physician.agent.get(account())).statusCode).toBe(403);
    const other = await createOtherClinic(t);
    expect((await other.owner.get(account())).statusCode).toBe(403);
    expect((await other.owner.post(paymentsUrl(), { amountCents: 100, method: 'cash' })).statusCode).toBe(
      403,
    );
  });

  it('audits every read and write of the account, and every refusal', async () => {
    const rows = await t.database.db
      .select({ action: auditLog.action, outcome: auditLog.outcome, patientId: auditLog.patientId })
      .from(auditLog)
      .where(eq(auditLog.clinicId, w.clinicId));
    const count = (action: string, outcome = 'allowed') =>
      rows.filter(
        (r) => r.action === action && r.outcome === outcome && (r.patientId ?? patientId) === patientId,
      ).length;
    // Two payments recorded (the retry was replayed, not run again) and two refused by the route; requests
    // refused by the schema never reached the patient's data.
    expect(count('payment.record')).toBe(4);
    expect(count('payment.void')).toBe(3); // voided, already voided, unknown payment
    expect(count('account.read')).toBe(4);
    expect(count('fee.waive')).toBe(4); // waived, already waived, a visit without a fee, unknown
    expect(count('account.read', 'refused')).toBe(1); // another patient
    expect(count('balances.read')).toBe(3); // the front desk twice, the therapist once
    // Refused by role: the patient (paying and waiving) and the other clinic's owner writing, and with the
    // physician, listing balances; the physician and that owner reading an account.
    expect(count('access.billing.record', 'refused')).toBe(6);
    expect(count('access.billing.read', 'refused')).toBe(2);
  });
});

describe('refunds', () => {
  it('gives back at most the credit, once, with a reason; a refund is voidable and counts against what was paid', async () => {
    // A patient who paid $150 for a $110 visit is in credit $40.
    const credited = await treatedPatient(w, { sessions: 0 });
    const place = await serviceAndRoom(w);
    await t.database.db
      .update(services)
      .set({ priceCents: 11000 })
      .where(and(eq(services.clinicId, w.clinicId), eq(services.id, place.serviceId)));
    const startAt = new Date(t.clock.now().getTime() - 30 * 3_600_000);
    await insertAppointment(w, place, {
      patientId: credited.patientId,
      startAt,
      endAt: new Date(startAt.getTime() + 3_600_000),
      status: 'completed',
    });
    const paidUrl = `${base(w, credited.patientId)}/payments`;
    const refundsUrl = `${base(w, credited.patientId)}/refunds`;
    const paid = await frontDesk.agent.post(paidUrl, { amountCents: 15000, method: 'card' });
    expect(paid.json()).toMatchObject({ balanceCents: -4000 });
    const paymentId = paid.json().payments[0].id;

    const refund = { amountCents: 4000, method: 'card', reason: 'Paid the package price by mistake' };
    const cases: [Record<string, unknown>, string, number][] = [
      [{ ...refund, reason: '' }, 'body.reason', 400],
      [{ ...refund, reference: '4111 1111 1111 1111' }, 'body.reference', 400],
      [
        { ...refund, refundedAt: new Date(t.clock.now().getTime() + 86_400_000).toISOString() },
        'body.refundedAt',
        400,
      ],
      [{ ...refund, amountCents: 4001 }, 'body.amountCents', 422],
    ];
    for (const [body, path, status] of cases) {
      const response = await frontDesk.agent.post(refundsUrl, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(status);
      expect(response.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    const tooMuch = await frontDesk.agent.post(refundsUrl, { ...refund, amountCents: 4001 });
    expect(tooMuch.json().error.details[0].message).toContain('$40.00');

    const headers = { 'idempotency-key': `refund-${credited.patientId}` };
    const first = await frontDesk.agent.post(refundsUrl, refund, headers);
    expect(first.statusCode, first.body).toBe(201);
    expect((await frontDesk.agent.post(refundsUrl, refund, headers)).json()).toEqual(first.json());
    expect(first.json()).toMatchObject({ chargedCents: 11000, paidCents: 11000, balanceCents: 0 });
    const given = first.json().payments.find((p: { kind: string }) => p.kind === 'refund');
    expect(given).toMatchObject({ amountCents: 4000, appointmentId: null, refundReason: refund.reason });
    expect(first.json().charges[0].paidCents).toBe(11000);
    const nothingLeft = await frontDesk.agent.post(refundsUrl, { ...refund, amountCents: 100 });
    expect(nothingLeft.statusCode).toBe(422);
    expect(nothingLeft.json().error.details[0].message).toContain('not in credit');

    // Voided, the refund no longer counts: the credit is back, and two refunds of it at once cannot both win.
    const voided = await frontDesk.agent.post(`${paidUrl}/${given.id}/void`, { reason: 'Card declined it' });
    expect(voided.json().balanceCents).toBe(-4000);
    const race = await Promise.all(
      [1, 2].map((n) =>
        frontDesk.agent.post(refundsUrl, refund, { 'idempotency-key': `race-${n}-${credited.patientId}` }),
      ),
    );
    expect(race.map((r) => r.statusCode).sort()).toEqual([201, 422]);

    // The refund counts against what was paid in the balances due too: with the $150 voided, $110 plus the
    // $40 given back are owed.
    await frontDesk.agent.post(`${paidUrl}/${paymentId}/void`, { reason: 'Charged the wrong card' });
    const balances = (await frontDesk.agent.get(`/api/clinics/${w.clinicId}/balances`)).json();
    expect(
      balances.items.find((i: { patientId: string }) => i.patientId === credited.patientId).balanceCents,
    ).toBe(15000);

    // Refunds are staff's: the patient, a physician and another clinic are refused.
    expect((await portal.agent.post(refundsUrl, refund)).statusCode).toBe(403);
    expect((await w.physician.agent.post(refundsUrl, refund)).statusCode).toBe(403);
    const other = await createOtherClinic(t);
    expect((await other.owner.post(refundsUrl, refund)).statusCode).toBe(403);

    const audited = await t.database.db
      .select({ outcome: auditLog.outcome })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'refund.record'), eq(auditLog.patientId, credited.patientId)));
    // Two given, five refused by the route (future date, over the credit twice, nothing left, the race's loser);
    // the replayed retry ran nothing.
    expect(audited.filter((r) => r.outcome === 'allowed')).toHaveLength(7);
  });
});
