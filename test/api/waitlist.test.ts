import { and, asc, desc, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appointments,
  auditLog,
  emailOutbox,
  waitlistEntries,
  waitlistOffers,
} from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic } from '../helpers/fixtures.ts';
import {
  addPatient,
  buildWorld,
  local,
  offersOf,
  ok,
  openSlotFor,
  type SchedulingWorld,
  ZONE,
} from './scheduling-support.ts';

/** The staff side of the waiting list: the front desk adds a patient who phones in, reads and manages the list. */
let t: TestApp;
let w: SchedulingWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
});
afterAll(() => t.close());

const day = (days: number) => DateTime.now().setZone(ZONE).plus({ days }).toISODate()!;
const url = (path: string, clinicId = w.clinicId) => `/api/clinics/${clinicId}${path}`;

describe('waitlist for staff', () => {
  it('lets the front desk add a patient who phones in, list them by name, and remove them (audited)', async () => {
    const { patientId } = await addPatient(t, w.clinicId, { first: 'Wanda' });
    const entry = await ok(
      await w.frontDesk.post(url('/waitlist'), {
        patientId,
        serviceId: w.serviceId,
        therapistId: w.therapists[0]!.userId,
        fromDate: day(2),
        toDate: day(9),
      }),
      201,
    );
    expect(entry).toMatchObject({ patientId, status: 'waiting', fromDate: day(2), toDate: day(9) });

    const list = await ok(await w.frontDesk.get(url('/waitlist?status=waiting')));
    const row = list.items.find((i: { id: string }) => i.id === entry.id);
    expect(row).toMatchObject({
      patientName: 'Wanda Example',
      therapistId: w.therapists[0]!.userId,
      latestOffer: null,
    });
    // A therapist (appointments.book) reads the same list.
    const therapistList = await ok(await w.therapists[1]!.agent.get(url('/waitlist')));
    expect(therapistList.items.map((i: { id: string }) => i.id)).toContain(entry.id);

    const removed = await ok(await w.frontDesk.delete(url(`/waitlist/${entry.id}`)));
    expect(removed.status).toBe('cancelled');
    const waiting = await ok(await w.frontDesk.get(url('/waitlist?status=waiting')));
    expect(waiting.items.map((i: { id: string }) => i.id)).not.toContain(entry.id);
    const cancelled = await ok(await w.frontDesk.get(url('/waitlist?status=cancelled')));
    expect(cancelled.items[0]).toMatchObject({ id: entry.id, patientName: 'Wanda Example' });

    const audit = await t.database.db
      .select({ action: auditLog.action, outcome: auditLog.outcome })
      .from(auditLog)
      .where(and(eq(auditLog.clinicId, w.clinicId), eq(auditLog.patientId, patientId)));
    const actions = audit.map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'waitlist.join',
        'waitlist.join.done',
        'waitlist.leave',
        'waitlist.leave.done',
      ]),
    );
  });

  it('shows the latest offer on the list; removing the entry withdraws an open offer', async () => {
    const waiter = await addPatient(t, w.clinicId, { withAccount: true, first: 'Olga' });
    const {
      booked,
      entries: [entry],
    } = await openSlotFor(t, w, { start: local(`${day(14)}T10:00`), therapistId: w.therapists[0]!.userId }, [
      { patientId: waiter.patientId },
    ]);

    const list = await ok(await w.frontDesk.get(url('/waitlist?status=waiting')));
    const row = list.items.find((i: { id: string }) => i.id === entry.id);
    expect(row.latestOffer).toMatchObject({ status: 'open', start: booked.start });
    expect(Date.parse(row.latestOffer.expiresAt)).toBeGreaterThan(Date.now());
    // The patient sees the same offer on their own (and only their own) entries.
    const mine = await ok(await waiter.agent!.get(url('/waitlist')));
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0].latestOffer.id).toBe(row.latestOffer.id);

    await ok(await w.frontDesk.delete(url(`/waitlist/${entry.id}`)));
    const [offer] = await offersOf(t, w.clinicId, entry.id);
    expect(offer!.status).toBe('expired');
    const accept = await waiter.agent!.post(url(`/waitlist/offers/${offer!.id}/accept`));
    expect(accept.statusCode).toBe(410);
  });

  it('refuses to withdraw a request that was already booked (409)', async () => {
    const waiter = await addPatient(t, w.clinicId, { withAccount: true });
    const {
      entries: [entry],
      offers: [offer],
    } = await openSlotFor(t, w, { start: local(`${day(16)}T14:00`), therapistId: w.therapists[1]!.userId }, [
      { patientId: waiter.patientId, by: waiter.agent },
    ]);
    await ok(await waiter.agent!.post(url(`/waitlist/offers/${offer!.id}/accept`)), 201);

    const fulfilled = await ok(await w.frontDesk.get(url('/waitlist?status=fulfilled')));
    expect(fulfilled.items[0]).toMatchObject({ id: entry.id, latestOffer: { status: 'accepted' } });
    const refused = await w.frontDesk.delete(url(`/waitlist/${entry.id}`));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('conflict');
  });

  it('closes the requests a booking from the calendar answers, and withdraws their open offers', async () => {
    const target = day(18);
    const waiter = await addPatient(t, w.clinicId, { withAccount: true });
    const { patientId } = waiter;
    const {
      entries: [answered, otherTherapist, laterWindow],
    } = await openSlotFor(t, w, { start: local(`${target}T09:00`), therapistId: w.therapists[0]!.userId }, [
      { patientId, toDate: day(20) },
      // Asks for another therapist only: booking with the first does not answer it.
      { patientId, therapistId: w.therapists[1]!.userId },
      { patientId, fromDate: day(25), toDate: day(30) },
    ]);
    const offerOf = async (entryId: string) => (await offersOf(t, w.clinicId, entryId))[0];
    expect((await offerOf(answered.id))?.status).toBe('open');

    // The desk phones the patient and books the freed time from the calendar, not through the offer.
    const booked = await ok(
      await w.frontDesk.post(url('/appointments'), {
        patientId: waiter.patientId,
        serviceId: w.serviceId,
        therapistId: w.therapists[0]!.userId,
        start: local(`${target}T09:00`),
      }),
      201,
    );
    const list = await ok(await w.frontDesk.get(url('/waitlist')));
    const statusOf = (id: string) => list.items.find((i: { id: string }) => i.id === id)?.status;
    expect(statusOf(answered.id)).toBe('fulfilled');
    expect(statusOf(otherTherapist.id)).toBe('waiting');
    expect(statusOf(laterWindow.id)).toBe('waiting');
    const [entryRow] = await t.database.db
      .select({ appointmentId: waitlistEntries.appointmentId })
      .from(waitlistEntries)
      .where(and(eq(waitlistEntries.clinicId, w.clinicId), eq(waitlistEntries.id, answered.id)));
    expect(entryRow!.appointmentId).toBe(booked.id);
    // The offer it no longer needs cannot be accepted.
    const offer = await offerOf(answered.id);
    expect(offer!.status).toBe('expired');
    expect((await waiter.agent!.post(url(`/waitlist/offers/${offer!.id}/accept`))).statusCode).toBe(410);
  });

  it('refuses another clinic, in both directions', async () => {
    const { patientId } = await addPatient(t, w.clinicId);
    const entry = await ok(
      await w.frontDesk.post(url('/waitlist'), {
        patientId,
        serviceId: w.serviceId,
        fromDate: day(1),
        toDate: day(5),
      }),
      201,
    );
    const other = await createOtherClinic(t);
    expect((await other.owner.get(url('/waitlist'))).statusCode).toBe(403);
    expect((await other.owner.delete(url(`/waitlist/${entry.id}`))).statusCode).toBe(403);
    const intoOurs = await other.owner.post(url('/waitlist'), {
      patientId,
      serviceId: w.serviceId,
      fromDate: day(1),
      toDate: day(5),
    });
    expect(intoOurs.statusCode).toBe(403);
    expect(intoOurs.json().error.code).toBe('forbidden');
    // Our patient cannot be put on their list either: they do not reach our patients.
    const otherServices = await ok(await other.owner.get(url('/services', other.clinicId)));
    const theirs = await other.owner.post(url('/waitlist', other.clinicId), {
      patientId,
      serviceId: otherServices.items[0]?.id ?? w.serviceId,
      fromDate: day(1),
      toDate: day(5),
    });
    expect(theirs.statusCode).toBe(403);
    // Their entry list does not show ours.
    const theirList = await ok(await other.owner.get(url('/waitlist', other.clinicId)));
    expect(theirList.items.map((i: { id: string }) => i.id)).not.toContain(entry.id);
  });

  it('refuses a patient acting on someone else, and a physician', async () => {
    const someone = await addPatient(t, w.clinicId);
    const entry = await ok(
      await w.frontDesk.post(url('/waitlist'), {
        patientId: someone.patientId,
        serviceId: w.serviceId,
        fromDate: day(1),
        toDate: day(5),
      }),
      201,
    );
    const patient = await addPatient(t, w.clinicId, { withAccount: true });
    const forSomeone = await patient.agent!.post(url('/waitlist'), {
      patientId: someone.patientId,
      serviceId: w.serviceId,
      fromDate: day(1),
      toDate: day(5),
    });
    expect(forSomeone.statusCode).toBe(403);
    expect(forSomeone.json().error.code).toBe('forbidden');
    expect((await patient.agent!.delete(url(`/waitlist/${entry.id}`))).statusCode).toBe(403);
    const own = await ok(await patient.agent!.get(url('/waitlist')));
    expect(own.items).toEqual([]);

    const physician = await addMember(t, w.clinicId, ['physician']);
    expect((await physician.agent.get(url('/waitlist'))).statusCode).toBe(403);
  });

  it('answers bad input with 400 in the standard error shape, and an unknown entry with 404', async () => {
    const { patientId } = await addPatient(t, w.clinicId);
    const backwards = await w.frontDesk.post(url('/waitlist'), {
      patientId,
      serviceId: w.serviceId,
      fromDate: day(5),
      toDate: day(1),
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error).toMatchObject({ code: 'validation_failed' });
    expect(backwards.json().error.details).toEqual([
      { path: 'body.toDate', message: 'must be on or after fromDate' },
    ]);
    const notADate = await w.frontDesk.post(url('/waitlist'), {
      patientId,
      serviceId: w.serviceId,
      fromDate: 'soon',
      toDate: day(1),
    });
    expect(notADate.statusCode).toBe(400);
    expect(notADate.json().error.code).toBe('validation_failed');
    const noService = await w.frontDesk.post(url('/waitlist'), {
      patientId,
      fromDate: day(1),
      toDate: day(2),
    });
    expect(noService.statusCode).toBe(400);
    expect((await w.frontDesk.get(url('/waitlist?status=offered'))).statusCode).toBe(400);
    expect((await w.frontDesk.delete(url('/waitlist/not-an-id'))).statusCode).toBe(400);
    const unknown = await w.frontDesk.delete(url('/waitlist/01900000-0000-7000-8000-000000000000'));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('not_found');
  });
});

describe('the desk offers a time by hand', () => {
  const join = async (patientId: string, body: Record<string, string>) =>
    ok(await w.frontDesk.post(url('/waitlist'), { patientId, serviceId: w.serviceId, ...body }), 201);
  const offerTo = (entryId: string, body: Record<string, unknown>, agent = w.frontDesk, clinicId?: string) =>
    agent.post(url(`/waitlist/${entryId}/offers`, clinicId), body);
  /** The refused offers audited for a patient's request, oldest first. */
  const refusedOffers = (patientId: string) =>
    t.database.db
      .select({
        resourceType: auditLog.resourceType,
        resourceId: auditLog.resourceId,
        details: auditLog.details,
      })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.clinicId, w.clinicId),
          eq(auditLog.patientId, patientId),
          eq(auditLog.action, 'waitlist.offer_make'),
          eq(auditLog.outcome, 'refused'),
        ),
      )
      .orderBy(asc(auditLog.id));

  it('offers a waiting patient a free time, e-mails them, shows it on the list, and accepting books it', async () => {
    const target = day(21);
    const email = `manual-offer-${Date.now()}@example.test`;
    const waiter = await addPatient(t, w.clinicId, { withAccount: true, first: 'Mona', email });
    const entry = await join(waiter.patientId, { fromDate: day(20), toDate: day(22) });
    const start = local(`${target}T15:00`);
    const offer = await ok(await offerTo(entry.id, { therapistId: w.therapists[1]!.userId, start }), 201);
    expect(offer).toMatchObject({
      entryId: entry.id,
      therapistId: w.therapists[1]!.userId,
      start,
      status: 'open',
      appointmentId: null,
      emailed: true,
    });
    expect(Date.parse(offer.expiresAt)).toBeGreaterThan(Date.now());
    expect(Date.parse(offer.expiresAt)).toBeLessThanOrEqual(Date.parse(start));

    const mails = await t.database.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.textBody).toContain(`/waitlist/offers/${offer.id}`);
    expect(mails[0]!.textBody).toContain('3:00 PM');
    expect(mails[0]!.textBody).not.toContain('Others on the waiting list');

    const list = await ok(await w.frontDesk.get(url('/waitlist?status=waiting')));
    const row = list.items.find((i: { id: string }) => i.id === entry.id);
    expect(row).toMatchObject({
      patientEmailOnFile: true,
      latestOffer: { id: offer.id, status: 'open', start },
    });

    const audit = await t.database.db
      .select({ action: auditLog.action, details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.clinicId, w.clinicId), eq(auditLog.patientId, waiter.patientId)))
      .orderBy(desc(auditLog.id));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['waitlist.offer_make', 'waitlist.offer_make.done']),
    );
    expect(audit.find((a) => a.action === 'waitlist.offer_make.done')!.details).toMatchObject({
      offerId: offer.id,
      start,
      emailed: true,
    });
    expect(await refusedOffers(waiter.patientId)).toEqual([]);

    const booked = await ok(await waiter.agent!.post(url(`/waitlist/offers/${offer.id}/accept`)), 201);
    expect(booked).toMatchObject({ start, therapistId: w.therapists[1]!.userId, bookedVia: 'waitlist' });
    const fulfilled = await ok(await w.frontDesk.get(url('/waitlist?status=fulfilled')));
    expect(fulfilled.items.find((i: { id: string }) => i.id === entry.id)).toMatchObject({
      status: 'fulfilled',
      appointmentId: booked.id,
      latestOffer: { id: offer.id, status: 'accepted' },
    });
    // The entry is booked now: another offer is refused.
    const again = await offerTo(entry.id, { start: local(`${target}T16:00`) });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('conflict');
    expect(await refusedOffers(waiter.patientId)).toEqual([
      {
        resourceType: 'waitlist_entry',
        resourceId: entry.id,
        details: { reason: 'status', status: 'fulfilled', start: local(`${target}T16:00`) },
      },
    ]);
  });

  it('books a request once: accepting one of its offers withdraws the others', async () => {
    const target = day(23);
    const waiter = await addPatient(t, w.clinicId, { withAccount: true });
    const entry = await join(waiter.patientId, { fromDate: target, toDate: target });
    const offer = (time: string) =>
      offerTo(entry.id, { therapistId: w.therapists[1]!.userId, start: local(`${target}T${time}`) });
    const first = await ok(await offer('10:00'), 201);
    const second = await ok(await offer('14:00'), 201);
    await ok(await waiter.agent!.post(url(`/waitlist/offers/${first.id}/accept`)), 201);
    const [withdrawn] = await t.database.db
      .select({ status: waitlistOffers.status })
      .from(waitlistOffers)
      .where(and(eq(waitlistOffers.clinicId, w.clinicId), eq(waitlistOffers.id, second.id)));
    expect(withdrawn!.status).toBe('expired');
    expect((await waiter.agent!.post(url(`/waitlist/offers/${second.id}/accept`))).statusCode).toBe(410);
    const booked = await t.database.db
      .select({ id: appointments.id })
      .from(appointments)
      .where(and(eq(appointments.clinicId, w.clinicId), eq(appointments.patientId, waiter.patientId)));
    expect(booked).toHaveLength(1);
  });

  it('refuses a time outside the dates or therapist asked for, a taken time and an unbookable one', async () => {
    const target = day(24);
    const waiter = await addPatient(t, w.clinicId);
    const entry = await join(waiter.patientId, {
      fromDate: target,
      toDate: target,
      therapistId: w.therapists[0]!.userId,
    });
    const outside = await offerTo(entry.id, { start: local(`${day(26)}T10:00`) });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error).toMatchObject({ code: 'unprocessable' });
    expect(outside.json().error.details).toEqual([{ path: 'body.start', message: expect.any(String) }]);
    const otherTherapist = await offerTo(entry.id, {
      therapistId: w.therapists[1]!.userId,
      start: local(`${target}T10:00`),
    });
    expect(otherTherapist.statusCode).toBe(422);
    expect(otherTherapist.json().error.details[0].path).toBe('body.therapistId');

    const holder = await addPatient(t, w.clinicId);
    await ok(
      await w.frontDesk.post(url('/appointments'), {
        patientId: holder.patientId,
        serviceId: w.serviceId,
        therapistId: w.therapists[0]!.userId,
        start: local(`${target}T10:00`),
      }),
      201,
    );
    const taken = await offerTo(entry.id, { start: local(`${target}T10:00`) });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('slot_taken');
    expect(taken.json().error.details.alternatives).toBeDefined();
    const beforeHours = await offerTo(entry.id, { start: local(`${target}T06:00`) });
    expect(beforeHours.statusCode).toBe(422);
    expect(beforeHours.json().error.code).toBe('unprocessable');

    expect(await offersOf(t, w.clinicId, entry.id)).toEqual([]);
    // Each refusal is audited against the patient's request, with why and the time asked.
    const refused = await refusedOffers(waiter.patientId);
    expect(refused.map((r) => [r.resourceType, r.resourceId])).toEqual(
      Array.from({ length: 4 }, () => ['waitlist_entry', entry.id]),
    );
    expect(refused.map((r) => r.details)).toEqual([
      { reason: 'outside_request', path: 'body.start', start: local(`${day(26)}T10:00`) },
      { reason: 'outside_request', path: 'body.therapistId', start: local(`${target}T10:00`) },
      { reason: 'slot_taken', start: local(`${target}T10:00`) },
      { reason: 'unprocessable', problems: expect.any(Array), start: local(`${target}T06:00`) },
    ]);
    expect((refused[3]!.details as { problems: string[] }).problems.length).toBeGreaterThan(0);
  });

  it('refuses an entry that was removed (409), a patient, a physician and another clinic (403)', async () => {
    const target = day(27);
    const waiter = await addPatient(t, w.clinicId, { withAccount: true });
    const entry = await join(waiter.patientId, { fromDate: target, toDate: target });
    const body = { start: local(`${target}T11:00`) };

    const self = await offerTo(entry.id, body, waiter.agent!);
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('forbidden');
    const physician = await addMember(t, w.clinicId, ['physician']);
    expect((await offerTo(entry.id, body, physician.agent)).statusCode).toBe(403);
    const other = await createOtherClinic(t);
    expect((await offerTo(entry.id, body, other.owner)).statusCode).toBe(403);
    expect((await offerTo(entry.id, body, other.owner, other.clinicId)).statusCode).toBe(404);

    await ok(await w.frontDesk.delete(url(`/waitlist/${entry.id}`)));
    const removed = await offerTo(entry.id, body);
    expect(removed.statusCode).toBe(409);
    expect(removed.json().error.code).toBe('conflict');
    expect(await refusedOffers(waiter.patientId)).toEqual([
      {
        resourceType: 'waitlist_entry',
        resourceId: entry.id,
        details: { reason: 'status', status: 'cancelled', start: body.start },
      },
    ]);
  });

  it('offers a patient without an e-mail address too, and tells the desk to phone them', async () => {
    const target = day(31);
    const offerMails = async (offerId: string) =>
      (await t.database.db.select({ text: emailOutbox.textBody }).from(emailOutbox)).filter((m) =>
        m.text.includes(`/waitlist/offers/${offerId}`),
      );
    // A time opens: the patient without an address is offered it like the others, and told nothing.
    const unreachable = await addPatient(t, w.clinicId, { email: null });
    const reachable = await addPatient(t, w.clinicId);
    const opened = await openSlotFor(
      t,
      w,
      { start: local(`${target}T09:00`), therapistId: w.therapists[0]!.userId },
      [{ patientId: unreachable.patientId }, { patientId: reachable.patientId }],
    );
    const [openingOffer, emailedOffer] = opened.entries.map(
      (e: { id: string }) => opened.offers.find((o) => o.entryId === e.id)!,
    );
    expect(openingOffer!.status).toBe('open');
    expect(await offerMails(openingOffer!.id)).toEqual([]);
    expect(await offerMails(emailedOffer!.id)).toHaveLength(1);

    // By hand: the offer is made, and the answer says nobody was e-mailed.
    const byHand = await addPatient(t, w.clinicId, { email: null });
    const entry = await join(byHand.patientId, { fromDate: target, toDate: target });
    const offer = await ok(
      await offerTo(entry.id, { therapistId: w.therapists[1]!.userId, start: local(`${target}T14:00`) }),
      201,
    );
    expect(offer).toMatchObject({ entryId: entry.id, status: 'open', emailed: false });
    expect(await offerMails(offer.id)).toEqual([]);
    const [done] = await t.database.db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.patientId, byHand.patientId), eq(auditLog.action, 'waitlist.offer_make.done')));
    expect(done!.details).toMatchObject({ offerId: offer.id, emailed: false });

    // The list shows the desk whose open offer reached nobody.
    const list = await ok(await w.frontDesk.get(url('/waitlist?status=waiting')));
    const rowOf = (entryId: string) => list.items.find((i: { id: string }) => i.id === entryId);
    expect(rowOf(opened.entries[0].id)).toMatchObject({
      patientEmailOnFile: false,
      latestOffer: { id: openingOffer!.id, status: 'open' },
    });
    expect(rowOf(opened.entries[1].id)).toMatchObject({ patientEmailOnFile: true });
    expect(rowOf(entry.id)).toMatchObject({
      patientEmailOnFile: false,
      latestOffer: { id: offer.id, status: 'open' },
    });
    // Only whether there is an address: never the address itself.
    expect(JSON.stringify(list)).not.toContain('@example.test');
  });

  it('answers bad input with 400 and an unknown entry with 404', async () => {
    const { patientId } = await addPatient(t, w.clinicId);
    const entry = await join(patientId, { fromDate: day(28), toDate: day(29) });
    const noStart = await offerTo(entry.id, {});
    expect(noStart.statusCode).toBe(400);
    expect(noStart.json().error.code).toBe('validation_failed');
    expect((await offerTo(entry.id, { start: 'Friday at 3' })).statusCode).toBe(400);
    expect((await offerTo(entry.id, { start: local(`${day(28)}T10:00`), therapistId: 'x' })).statusCode).toBe(
      400,
    );
    expect((await offerTo('not-an-id', { start: local(`${day(28)}T10:00`) })).statusCode).toBe(400);
    const unknown = await offerTo('01900000-0000-7000-8000-000000000000', {
      start: local(`${day(28)}T10:00`),
    });
    expect(unknown.statusCode).toBe(404);
  });
});
