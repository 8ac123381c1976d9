import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic } from '../helpers/fixtures.ts';
import {
  type ClinicalWorld,
  clinicalWorld,
  insertAppointment,
  patientWithReferral,
  plusDays,
  serviceAndRoom,
  ZONE,
} from './clinical-support.ts';

let t: TestApp;
let w: ClinicalWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await clinicalWorld(t);
});
afterAll(() => t.close());

const url = () => `/api/clinics/${w.clinicId}/credentials/licence-alerts`;
const credential = (therapistId: string, name: string, extra: Record<string, unknown>) =>
  w.owner.post(`/api/clinics/${w.clinicId}/credentials`, {
    therapistId,
    kind: 'camtc',
    title: 'Certified Massage Therapist (CMT)',
    issuer: 'California Massage Therapy Council',
    number: '87654',
    certifiedName: name,
    ...extra,
  });
/** 10:00 in the clinic, `days` from today. */
const at = (days: number) => DateTime.fromISO(plusDays(t, days), { zone: ZONE }).set({ hour: 10 }).toJSDate();

describe('licence alerts on the owner’s home page', () => {
  it('lists therapists whose licence expired or expires within 30 days, with the appointments booked after it', async () => {
    const lapsed = await addMember(t, w.clinicId, ['therapist']);
    const renewed = await addMember(t, w.clinicId, ['therapist']);
    // w.therapist: a CMT expiring in 10 days, and an NPI (never a licence to practise).
    const expiring = await credential(w.therapist.userId, w.therapist.name, { expiresOn: plusDays(t, 10) });
    expect(expiring.statusCode, expiring.body).toBe(201);
    await credential(w.therapist.userId, w.therapist.name, {
      kind: 'npi',
      title: 'National Provider Identifier',
      issuer: 'CMS (NPPES)',
      number: '1245319599',
    });
    // Expired 3 days ago.
    const expired = await credential(lapsed.userId, 'lapsed', { expiresOn: plusDays(t, -3) });
    expect(expired.statusCode, expired.body).toBe(201);
    // An old certificate expired, but renewed: the licence that lasts longest counts.
    await credential(renewed.userId, 'renewed', { expiresOn: plusDays(t, -40) });
    await credential(renewed.userId, 'renewed', { expiresOn: plusDays(t, 400) });

    const place = await serviceAndRoom(w);
    const { patientId } = await patientWithReferral(w);
    const book = (therapistId: string, days: number, status: 'booked' | 'cancelled' = 'booked') =>
      insertAppointment(w, place, {
        patientId,
        therapistId,
        startAt: at(days),
        endAt: new Date(at(days).getTime() + 3_600_000),
        status,
        ...(status === 'cancelled' ? { cancelledAt: at(-5) } : {}),
      });
    await book(w.therapist.userId, 5); // before the expiry: not counted
    await book(w.therapist.userId, 10); // the expiry day itself: still licensed
    await book(w.therapist.userId, 11);
    await book(w.therapist.userId, 12);
    await book(w.therapist.userId, 13, 'cancelled');
    await book(lapsed.userId, 1);

    const response = await w.owner.get(url());
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().items).toEqual([
      {
        therapistId: lapsed.userId,
        therapistName: lapsed.email.split('@')[0],
        credentialId: expired.json().id,
        title: 'Certified Massage Therapist (CMT)',
        expiresOn: plusDays(t, -3),
        daysToExpiry: -3,
        appointmentsAfterExpiry: 1,
      },
      {
        therapistId: w.therapist.userId,
        therapistName: w.therapist.name,
        credentialId: expiring.json().id,
        title: 'Certified Massage Therapist (CMT)',
        expiresOn: plusDays(t, 10),
        daysToExpiry: 10,
        appointmentsAfterExpiry: 2,
      },
    ]);
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.clinicId, w.clinicId), eq(auditLog.action, 'credential.licence_alerts.read')));
    expect(audits.map((a) => [a.outcome, a.actorUserId, a.details])).toEqual([
      ['allowed', w.ownerId, { alerts: 2 }],
    ]);
  });

  it('is the owner’s alone: 403 for other roles and other clinics, audited', async () => {
    const frontDesk = await addMember(t, w.clinicId, ['front_desk']);
    for (const agent of [frontDesk.agent, w.therapist.agent, w.physician.agent]) {
      const refused = await agent.get(url());
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('forbidden');
    }
    const other = await createOtherClinic(t);
    expect((await other.owner.get(url())).statusCode).toBe(403);
    const refusals = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.clinicId, w.clinicId), eq(auditLog.action, 'access.credentials.verify')));
    expect(refusals.filter((r) => r.outcome === 'refused').length).toBeGreaterThanOrEqual(4);
  });
});
