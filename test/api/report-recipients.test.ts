import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  disclosures,
  physicianPatientLinks,
  referrals,
  referringProviders,
} from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { auditOf, base, type ClinicalWorld, clinicalWorld } from './clinical-support.ts';
import { treatedPatient } from './reports-support.ts';

/** Before signing, the report says who on Palpa will receive it; a paper referral's provider gets it by fax. */
let t: TestApp;
let w: ClinicalWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await clinicalWorld(t);
});
afterAll(() => t.close());

/** A treated patient whose referral is from a provider on file with no Palpa account, and no linked physician. */
async function paperReferral() {
  const p = await treatedPatient(w);
  const providerId = uuidv7();
  const db = t.database.db;
  await db.insert(referringProviders).values({
    clinicId: w.clinicId,
    id: providerId,
    kind: 'physician',
    firstName: 'Maya',
    lastName: 'Chen',
    credentials: 'MD',
    fax: '503-555-0142',
    phone: '503-555-0100',
  });
  await db.update(referrals).set({ providerId }).where(eq(referrals.id, p.referralId));
  await db
    .update(physicianPatientLinks)
    .set({ revokedAt: t.clock.now() })
    .where(
      and(eq(physicianPatientLinks.clinicId, w.clinicId), eq(physicianPatientLinks.patientId, p.patientId)),
    );
  return p;
}

describe('who a report goes to', () => {
  it('names the linked physician who will receive the draft once signed', async () => {
    const p = await treatedPatient(w);
    const draft = await w.therapist.agent.post(`${base(w, p.patientId)}/reports`, {
      kind: 'progress_report',
    });
    expect(draft.statusCode, draft.body).toBe(201);
    expect(draft.json().recipients).toEqual([{ userId: w.physician.userId, name: w.physician.name }]);
    expect(draft.json().referringProvider).toBeNull();
  });

  it('says nobody on Palpa receives a paper referral’s report, gives the provider’s fax, and records the fax as a disclosure', async () => {
    const p = await paperReferral();
    const reports = `${base(w, p.patientId)}/reports`;
    const draft = (await w.therapist.agent.post(reports, { kind: 'progress_report' })).json();
    expect(draft.recipients).toEqual([]);
    expect(draft.referringProvider).toEqual({
      name: 'Maya Chen, MD',
      fax: '503-555-0142',
      phone: '503-555-0100',
    });
    expect(draft.sentOutside).toEqual([]);

    // A draft is not sent anywhere.
    const early = await w.therapist.agent.post(`${reports}/${draft.id}/sent-outside`, { method: 'fax' });
    expect(early.statusCode, early.body).toBe(422);

    const signed = await w.therapist.agent.post(`${reports}/${draft.id}/sign`, {
      typedName: w.therapist.name,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().deliveries).toEqual([]);
    expect(signed.json().referringProvider.fax).toBe('503-555-0142');

    expect(
      (await w.therapist.agent.post(`${reports}/${draft.id}/sent-outside`, { method: 'email' })).statusCode,
    ).toBe(400);
    const faxed = await w.therapist.agent.post(`${reports}/${draft.id}/sent-outside`, { method: 'fax' });
    expect(faxed.statusCode, faxed.body).toBe(201);
    expect(faxed.json().sentOutside).toEqual([
      expect.objectContaining({
        recipient: 'Maya Chen, MD',
        description: expect.stringMatching(/^Progress report for .*, sent by fax\)$/),
      }),
    ]);
    const rows = await t.database.db
      .select()
      .from(disclosures)
      .where(and(eq(disclosures.clinicId, w.clinicId), eq(disclosures.patientId, p.patientId)));
    expect(rows).toEqual([
      expect.objectContaining({ sourceType: 'manual', sourceId: draft.id, recipientName: 'Maya Chen, MD' }),
    ]);
    expect(await auditOf(w, p.patientId, w.therapist.userId)).toContain('report.sent_outside:allowed');
    // The patient's accounting lists it.
    const accounting = (await w.therapist.agent.get(`${base(w, p.patientId)}/disclosures`)).json();
    expect(accounting.items.map((d: { recipient: string }) => d.recipient)).toEqual(['Maya Chen, MD']);
    // A physician does not record it.
    expect(
      (await w.physician.agent.post(`${reports}/${draft.id}/sent-outside`, { method: 'fax' })).statusCode,
    ).toBe(403);
  });
});
