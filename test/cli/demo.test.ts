import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/db/connection.ts';
import {
  attachments,
  auditLog,
  clinicProfiles,
  clinics,
  locations,
  memberships,
  patients,
} from '../../src/db/schema/index.ts';
import { DemoRefusal, seedDemo } from '../../src/demo/seed.ts';
import { patientsToRebook } from '../../src/modules/appointments/rebook.ts';
import { localDate } from '../../src/modules/patients/dates.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { setUpClinic } from '../helpers/fixtures.ts';

const password = 'palpa-demo-2026';
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('palpa demo', () => {
  it('creates the demo clinic with the fixed sign-ins', async () => {
    const result = await seedDemo(t.database.db, {
      password,
      now: new Date(),
      attachmentsDir: t.config.attachmentsDir,
    });
    expect(result.refreshed).toBe(false);
    expect(result.counts).toMatchObject({ patients: 40, referrals: 25 });
    expect(result.counts.appointments).toBeGreaterThan(50);
    expect(result.counts['submitted intakes']).toBeGreaterThan(20);
    // The demo physician has been asked for a clearance (their home page lists it).
    expect(result.counts['clearance requests']).toBe(1);
    // The portal patient sent their prescription: a real PDF in the attachments directory, listed for the desk.
    expect(result.counts['documents sent by patients']).toBe(1);
    const [sent] = await t.database.db
      .select()
      .from(attachments)
      .where(eq(attachments.clinicId, result.clinicId));
    expect(sent).toMatchObject({ kind: 'prescription', contentType: 'application/pdf' });
    const file = readFileSync(join(t.config.attachmentsDir, result.clinicId, sent!.id));
    expect(file.subarray(0, 5).toString()).toBe('%PDF-');
    expect(createHash('sha256').update(file).digest('hex')).toBe(sent!.sha256);
    // Every visit a signed note documents is in the schedule's history: a completed appointment with the
    // note's patient and therapist, linked to it.
    const [history] = rowsOf<{ notes: number; kept: number }>(
      await t.database.db.execute(sql`select
        (select count(*)::int from session_notes where status = 'signed') as notes,
        (select count(*)::int from appointments a join session_notes n
           on n.id::text = a.session_note_id and n.patient_id = a.patient_id and n.author_id = a.therapist_id
         where a.status = 'completed') as kept`),
    );
    expect(history!.notes).toBeGreaterThan(30);
    expect(history!.kept).toBe(history!.notes);
    // Two patients on a running plan have nothing booked: the front desk's To rebook list shows them.
    const [clinicRow] = await t.database.db.select().from(clinics);
    const now = new Date();
    const lapsed = await patientsToRebook(
      t.database.db,
      clinicRow!.id,
      now,
      localDate(now, clinicRow!.timeZone),
    );
    expect(lapsed).toHaveLength(2);
    expect(lapsed.every((p) => p.visitsLeft > 0 && p.lastVisitAt !== null)).toBe(true);
    const [clinic] = await t.database.db.select().from(clinics);
    expect(clinic).toMatchObject({
      name: 'Harbor Medical Massage',
      isDemo: true,
      timeZone: 'America/Los_Angeles',
    });
    for (const email of ['owner', 'frontdesk', 'therapist', 'physician', 'patient'].map(
      (r) => `${r}@demo.palpa.test`,
    )) {
      const agent = t.agent();
      expect((await agent.signIn(email, password)).statusCode, email).toBe(200);
      expect((await agent.get('/api/me')).json().clinics[0].name).toBe('Harbor Medical Massage');
    }
    const doctor = t.agent();
    await doctor.signIn('physician@demo.palpa.test', password);
    const asked = await doctor.get(`/api/clinics/${clinic!.id}/physician/clearance-requests`);
    expect(asked.json().items).toHaveLength(1);
    expect((await t.agent().get('/api/setup')).json()).toEqual({ needed: false });
    // The portal patient is in treatment: their progress page has goals and visits to show.
    const patient = t.agent();
    await patient.signIn('patient@demo.palpa.test', password);
    const [mine] = (await patient.get('/api/me')).json().clinics;
    const progress = await patient.get(`/api/clinics/${mine.id}/patients/${mine.patientId}/portal/progress`);
    expect(progress.statusCode).toBe(200);
    expect(progress.json().goals.length).toBeGreaterThan(0);
    expect(progress.json().visits.used).toBeGreaterThanOrEqual(3);
  });

  it('refreshes: a fresh demo clinic; the previous one is retired, nothing deleted', async () => {
    const [first] = await t.database.db.select().from(clinics);
    const auditBefore = (await t.database.db.select().from(auditLog)).length;
    const result = await seedDemo(t.database.db, {
      password,
      now: new Date(),
      attachmentsDir: t.config.attachmentsDir,
    });
    expect(result.refreshed).toBe(true);
    expect(result.clinicId).not.toBe(first!.id);
    const all = await t.database.db.select().from(clinics);
    expect(all.find((c) => c.id === first!.id)?.name).toMatch(/^Harbor Medical Massage \(replaced .+ UTC\)$/);
    expect(await t.database.db.select().from(memberships).where(eq(memberships.clinicId, first!.id))).toEqual(
      [],
    );
    expect(await t.database.db.select().from(patients).where(eq(patients.clinicId, first!.id))).toHaveLength(
      40,
    );
    const fresh = await t.database.db.select().from(locations).where(eq(locations.clinicId, result.clinicId));
    expect(fresh).toHaveLength(2);
    expect((await t.database.db.select().from(auditLog)).length).toBeGreaterThan(auditBefore);
    const agent = t.agent();
    await agent.signIn('owner@demo.palpa.test', password);
    const me = (await agent.get('/api/me')).json();
    expect(me.clinics.map((c: { id: string }) => c.id)).toEqual([result.clinicId]);
    // Patients booking online and the public directory see only the fresh demo clinics.
    const bookable = (await t.agent().get('/api/public/clinics')).json().items as { name: string }[];
    expect(bookable.length).toBeGreaterThan(0);
    expect(bookable.filter((c) => c.name.includes('(replaced'))).toEqual([]);
    const listed = await t.database.db
      .select({ clinicId: clinicProfiles.clinicId })
      .from(clinicProfiles)
      .where(eq(clinicProfiles.published, true));
    expect(listed.map((c) => c.clinicId)).not.toContain(first!.id);
  });
});

describe('palpa demo on a real clinic', () => {
  it('refuses to touch it', async () => {
    const other = await createTestApp();
    try {
      await setUpClinic(other);
      await expect(
        seedDemo(other.database.db, {
          password,
          now: new Date(),
          attachmentsDir: other.config.attachmentsDir,
        }),
      ).rejects.toBeInstanceOf(DemoRefusal);
      expect(await other.database.db.select().from(clinics)).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});
