import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clinicalAmendments,
  referrals,
  sessionNotes,
  treatmentPlanSignatures,
  users,
} from '../../src/db/schema/index.ts';
import { seedPatientsDemo } from '../../src/modules/patients/demo.ts';
import { visitsAllowed } from '../../src/modules/referrals/status.ts';
import { visitsUsed } from '../../src/modules/referrals/visits.ts';
import { seedClinicalDemo } from '../../src/modules/session-notes/demo.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, setUpClinic } from '../helpers/fixtures.ts';

let t: TestApp;
let clinicId: string;
let therapist: Awaited<ReturnType<typeof addMember>>;
let result: Awaited<ReturnType<typeof seedClinicalDemo>>;

beforeAll(async () => {
  t = await createTestApp();
  ({ clinicId } = await setUpClinic(t));
  const physician = await addMember(t, clinicId, ['physician']);
  therapist = await addMember(t, clinicId, ['therapist']);
  const second = await addMember(t, clinicId, ['therapist']);
  const [owner] = await t.database.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, 'owner@harbor.test'));
  await seedPatientsDemo(t.database.db, {
    clinicId,
    staffUserIds: [owner!.id],
    physicianUserId: physician.userId,
    now: t.clock.now(),
  });
  result = await seedClinicalDemo(t.database.db, {
    clinicId,
    therapistUserIds: [therapist.userId, second.userId],
    physicianUserId: physician.userId,
    now: t.clock.now(),
  });
}, 120_000);
afterAll(() => t.close());

describe('clinical demo data', () => {
  it('never counts more visits against a referral than it allows', async () => {
    const rows = await t.database.db.select().from(referrals).where(eq(referrals.clinicId, clinicId));
    const used = await visitsUsed(
      t.database.db,
      clinicId,
      rows.map((r) => r.id),
    );
    const counted = rows.filter((r) => (used.get(r.id) ?? 0) > 0);
    expect(counted.length).toBeGreaterThanOrEqual(10);
    for (const r of counted) {
      const allowed = visitsAllowed(r);
      if (allowed !== null) expect(used.get(r.id), r.id).toBeLessThanOrEqual(allowed);
    }
  });

  it('puts about 12 patients several sessions into signed plans, with real outcome trends', async () => {
    expect(result.patientIds.length).toBeGreaterThanOrEqual(10);
    const notes = await t.database.db.select().from(sessionNotes).where(eq(sessionNotes.clinicId, clinicId));
    for (const patientId of result.patientIds) {
      const signed = notes.filter((n) => n.patientId === patientId && n.status === 'signed');
      expect(signed.length).toBeGreaterThanOrEqual(3);
      expect(signed.length).toBeLessThanOrEqual(10);
      expect(signed.every((n) => n.totalMinutes > 0)).toBe(true);
    }
    expect(notes.filter((n) => n.status === 'draft').map((n) => n.id)).toEqual([result.draftNoteId]);
    expect(
      await t.database.db.select().from(clinicalAmendments).where(eq(clinicalAmendments.clinicId, clinicId)),
    ).toHaveLength(1);
    const signatures = await t.database.db
      .select()
      .from(treatmentPlanSignatures)
      .where(eq(treatmentPlanSignatures.clinicId, clinicId));
    expect(signatures.length).toBeGreaterThan(0);
    expect(signatures.length).toBeLessThan(result.planIds.length);

    const classes: string[] = [];
    const nprsFalls: boolean[] = [];
    for (const patientId of result.patientIds) {
      const list = (
        await therapist.agent.get(`/api/clinics/${clinicId}/patients/${patientId}/outcomes?limit=200`)
      ).json();
      const latest = (id: string) => list.items.find((i: { instrumentId: string }) => i.instrumentId === id);
      const disability = list.items.find((i: { instrumentId: string }) => i.instrumentId !== 'nprs');
      classes.push(disability.change.classification);
      nprsFalls.push(latest('nprs').change.change < 0);
    }
    expect(classes.filter((c) => c === 'no-meaningful-change')).toHaveLength(1);
    expect(classes.filter((c) => c === 'worse')).toHaveLength(1);
    expect(classes.filter((c) => c === 'improved').length).toBe(result.patientIds.length - 2);
    expect(nprsFalls.filter(Boolean).length).toBeGreaterThanOrEqual(result.patientIds.length - 2);

    const todo = (await therapist.agent.get(`/api/clinics/${clinicId}/todo`)).json();
    expect(
      todo.items
        .filter((i: { kind: string }) => i.kind === 'unsigned_note')
        .map((i: { resourceId: string }) => i.resourceId),
    ).toEqual([result.draftNoteId]);
  });
});
