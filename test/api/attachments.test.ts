import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appointments,
  attachments,
  auditLog,
  emailOutbox,
  intakeLinks,
  locations,
  patients,
  rooms,
  services,
} from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, appointmentRow, createOtherClinic, setUpClinic } from '../helpers/fixtures.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
// A 1×1 transparent PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const HTML = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(200)]);
EXE.writeUInt32LE(64, 60);

function multipart(fileName: string, content: Buffer, declaredType = 'application/pdf') {
  const boundary = '----palpa-test-boundary';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${declaredType}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

let t: TestApp;
let owner: Awaited<ReturnType<typeof setUpClinic>>['owner'];
let clinicId: string;
let patientId: string;
let dir: string;
let url: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'palpa-attachments-'));
  t = await createTestApp({ attachmentsDir: dir, attachmentMaxBytes: 64 * 1024 });
  ({ owner, clinicId } = await setUpClinic(t));
  patientId = (
    await owner.post(`/api/clinics/${clinicId}/patients`, {
      legalFirstName: 'Noah',
      legalLastName: 'Kim',
      dateOfBirth: '1982-10-10',
    })
  ).json().id;
  url = `/api/clinics/${clinicId}/patients/${patientId}/attachments`;
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const upload = (fileName: string, content: Buffer, query = '?kind=imaging_report', declared?: string) =>
  owner.request({ method: 'POST', url: `${url}${query}`, ...multipart(fileName, content, declared) });

describe('attachments', () => {
  it('accepts a PDF and a PNG, stores them outside the web root with their hash, and lists them', async () => {
    const pdf = await upload('MRI lumbar — résumé.pdf', PDF);
    expect(pdf.statusCode, pdf.body).toBe(201);
    expect(pdf.json()).toMatchObject({
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      kind: 'imaging_report',
      fileName: 'MRI lumbar — résumé.pdf',
    });
    const stored = join(dir, clinicId, pdf.json().id);
    expect(readFileSync(stored).equals(PDF)).toBe(true);
    const { createHash } = await import('node:crypto');
    expect(pdf.json().sha256).toBe(createHash('sha256').update(PDF).digest('hex'));

    // The declared type and name do not matter: the bytes are a PNG.
    const png = await upload('scan.pdf', PNG, '?kind=prescription', 'application/pdf');
    expect(png.statusCode).toBe(201);
    expect(png.json().contentType).toBe('image/png');

    const list = (await owner.get(url)).json();
    expect(list.items.map((a: { id: string }) => a.id)).toEqual([png.json().id, pdf.json().id]);
    const uploadedAudit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'attachment.uploaded'), eq(auditLog.patientId, patientId)));
    expect(uploadedAudit).toHaveLength(2);
  });

  it('refuses HTML named .pdf and an executable with 415, an oversize file with 413, and leaves nothing behind', async () => {
    const before = (await t.database.db.select().from(attachments)).length;
    const filesBefore = readdirSync(join(dir, clinicId)).length;
    const html = await upload('prescription.pdf', HTML);
    expect(html.statusCode).toBe(415);
    expect(html.json().error.code).toBe('unsupported_media_type');
    const exe = await upload('report.pdf', EXE);
    expect(exe.statusCode).toBe(415);
    const big = await upload('big.pdf', Buffer.concat([PDF, Buffer.alloc(70 * 1024, 0x20)]));
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('payload_too_large');
    const notMultipart = await owner.post(url, { file: 'x' });
    expect(notMultipart.statusCode).toBe(415);
    expect((await t.database.db.select().from(attachments)).length).toBe(before);
    expect(readdirSync(join(dir, clinicId)).length).toBe(filesBefore);
  });

  it('attaches to a referral of the same patient only', async () => {
    const provider = (
      await owner.post(`/api/clinics/${clinicId}/providers`, {
        kind: 'physician',
        firstName: 'Ada',
        lastName: 'Cole',
      })
    ).json();
    const referral = (
      await owner.post(`/api/clinics/${clinicId}/referrals`, {
        patientId,
        providerId: provider.id,
        referralDate: '2026-02-01',
        diagnoses: [{ code: 'G56.01' }],
        validFrom: '2026-02-01',
        authorizedVisits: 8,
      })
    ).json();
    const viaReferral = await owner.request({
      method: 'POST',
      url: `/api/clinics/${clinicId}/referrals/${referral.id}/attachments?kind=prescription`,
      ...multipart('rx.pdf', PDF),
    });
    expect(viaReferral.statusCode).toBe(201);
    expect(viaReferral.json()).toMatchObject({ referralId: referral.id, patientId });
    const otherPatient = (
      await owner.post(`/api/clinics/${clinicId}/patients`, {
        legalFirstName: 'Eva',
        legalLastName: 'Lind',
        dateOfBirth: '1990-01-01',
      })
    ).json();
    const wrong = await owner.request({
      method: 'POST',
      url: `/api/clinics/${clinicId}/patients/${otherPatient.id}/attachments?referralId=${referral.id}`,
      ...multipart('rx.pdf', PDF),
    });
    expect(wrong.statusCode).toBe(422);
  });

  it('serves downloads as attachments with nosniff, audits each, and refuses an unrelated physician (audited)', async () => {
    const id = (await upload('xray.png', PNG)).json().id;
    const download = await owner.get(`${url}/${id}/download`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="xray.png"/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.rawPayload.equals(PNG)).toBe(true);
    await owner.get(`${url}/${id}/download`);
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'attachment.download'), eq(auditLog.resourceId, id)));
    expect(audits.map((a) => [a.outcome, a.patientId])).toEqual([
      ['allowed', patientId],
      ['allowed', patientId],
    ]);

    const stranger = await addMember(t, clinicId, ['physician']);
    const refused = await stranger.agent.get(`${url}/${id}/download`);
    expect(refused.statusCode).toBe(403);
    const [refusal] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'attachment.download'), eq(auditLog.actorUserId, stranger.userId)));
    expect(refusal).toMatchObject({ outcome: 'refused', patientId, resourceId: id });
    expect(
      (await stranger.agent.request({ method: 'POST', url, ...multipart('a.pdf', PDF) })).statusCode,
    ).toBe(403);
    expect((await owner.get(`${url}/01950000-0000-7000-8000-000000000000/download`)).statusCode).toBe(404);
  });

  it('lets a patient send documents to their own record only, and shows staff who added each', async () => {
    const { agent: patient, userId } = await addMember(t, clinicId, ['patient']);
    await t.database.db
      .update(patients)
      .set({ userId })
      .where(and(eq(patients.clinicId, clinicId), eq(patients.id, patientId)));
    const sent = await patient.request({
      method: 'POST',
      url: `${url}?kind=prescription`,
      ...multipart('prescription.jpg', PNG, 'image/jpeg'),
    });
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({
      kind: 'prescription',
      contentType: 'image/png',
      uploadedByPatient: true,
    });

    const listedToStaff = (await owner.get(url)).json().items;
    expect(listedToStaff[0]).toMatchObject({ id: sent.json().id, uploadedByPatient: true });
    expect(listedToStaff.slice(1).every((d: { uploadedByPatient: boolean }) => !d.uploadedByPatient)).toBe(
      true,
    );
    const chart = (await owner.get(`/api/clinics/${clinicId}/patients/${patientId}/chart`)).json();
    const documents = chart.sections.find((section: { id: string }) => section.id === 'documents').data;
    expect(documents[0]).toMatchObject({ id: sent.json().id, uploadedByPatient: true });

    const own = await patient.get(url);
    expect(own.statusCode).toBe(200);
    expect(own.json().items.map((d: { id: string }) => d.id)).toContain(sent.json().id);
    expect((await patient.get(`${url}/${sent.json().id}/download`)).statusCode).toBe(200);

    const otherId = (
      await owner.post(`/api/clinics/${clinicId}/patients`, {
        legalFirstName: 'Ada',
        legalLastName: 'Moss',
        dateOfBirth: '1990-02-02',
      })
    ).json().id;
    const otherUrl = `/api/clinics/${clinicId}/patients/${otherId}/attachments`;
    expect(
      (await patient.request({ method: 'POST', url: otherUrl, ...multipart('a.pdf', PDF) })).statusCode,
    ).toBe(403);
    expect((await patient.get(otherUrl)).statusCode).toBe(403);
    const stored = await t.database.db
      .select()
      .from(attachments)
      .where(and(eq(attachments.clinicId, clinicId), eq(attachments.patientId, otherId)));
    expect(stored).toEqual([]);
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'attachment.upload'), eq(auditLog.actorUserId, userId)))
      .orderBy(auditLog.id);
    expect(audits.map((a) => [a.outcome, a.patientId])).toEqual([
      ['allowed', patientId],
      ['refused', otherId],
    ]);
  });

  it('lists the documents patients sent lately for staff only, audited', async () => {
    const inbox = `/api/clinics/${clinicId}/attachments/from-patients`;
    const response = await owner.get(inbox);
    expect(response.statusCode).toBe(200);
    const items = response.json().items;
    // Only the patient's own upload (the earlier tests' staff uploads are not listed).
    expect(items).toEqual([
      expect.objectContaining({
        patientId,
        patientName: 'Noah Kim',
        kind: 'prescription',
        fileName: 'prescription.jpg',
      }),
    ]);
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'attachments.from_patients.read'));
    expect(audit).toMatchObject({ outcome: 'allowed', patientId, details: { patientIds: [patientId] } });

    expect((await owner.get(`${inbox}?days=0`)).statusCode).toBe(400);
    const physician = await addMember(t, clinicId, ['physician']);
    expect((await physician.agent.get(inbox)).statusCode).toBe(403);
    const other = await createOtherClinic(t);
    expect((await other.owner.get(inbox)).statusCode).toBe(403);
  });

  it('lists for a therapist what their own patients sent: booked with them lately or soon', async () => {
    const inbox = `/api/clinics/${clinicId}/attachments/from-patients`;
    const db = t.database.db;
    const [mine, theirs] = [
      await addMember(t, clinicId, ['therapist']),
      await addMember(t, clinicId, ['therapist']),
    ];
    const [location] = await db.select().from(locations).where(eq(locations.clinicId, clinicId));
    const serviceId = uuidv7();
    const roomId = uuidv7();
    await db
      .insert(services)
      .values({ clinicId, id: serviceId, name: 'Follow-up', durationMinutes: 60, kind: 'follow_up' });
    await db.insert(rooms).values({ clinicId, id: roomId, locationId: location!.id, name: 'Room 1' });
    const booked = async (therapistId: string, inDays: number, status: 'booked' | 'cancelled' = 'booked') => {
      const startAt = new Date(t.clock.now().getTime() + inDays * 86_400_000);
      const endAt = new Date(startAt.getTime() + 3_600_000);
      await db.insert(appointments).values(
        appointmentRow({
          clinicId,
          patientId,
          serviceId,
          therapistId,
          roomId,
          locationId: location!.id,
          startAt,
          endAt,
          status,
          cancelledAt: status === 'cancelled' ? t.clock.now() : null,
          bookedBy: therapistId,
        }),
      );
    };
    const listFor = async (therapistId: string) =>
      (await mine.agent.get(`${inbox}?therapistId=${therapistId}`))
        .json()
        .items.map((i: { patientId: string }) => i.patientId);
    expect(await listFor(mine.userId)).toEqual([]);
    // Booked with them in a month's time, or a cancelled visit: not yet theirs to read.
    await booked(mine.userId, 20);
    await booked(mine.userId, 2, 'cancelled');
    expect(await listFor(mine.userId)).toEqual([]);
    // Booked with them the day after tomorrow: the patient's prescription is listed for them, not for another.
    await booked(mine.userId, 2.5);
    expect(await listFor(mine.userId)).toEqual([patientId]);
    expect(await listFor(theirs.userId)).toEqual([]);
    expect((await mine.agent.get(`${inbox}?therapistId=someone`)).statusCode).toBe(400);
  });

  it('files a document the patient sent with the referral the desk records from it; staff only, audited', async () => {
    const inbox = `/api/clinics/${clinicId}/attachments/from-patients`;
    const [sent] = (await owner.get(inbox)).json().items;
    expect(sent.referralId).toBeNull();
    const provider = await owner.post(`/api/clinics/${clinicId}/providers`, {
      kind: 'physician',
      firstName: 'Rosa',
      lastName: 'Vega',
    });
    const referralBody = (forPatient: string) => ({
      patientId: forPatient,
      providerId: provider.json().id,
      referralDate: '2026-03-01',
      diagnoses: [{ code: 'M54.2' }],
      validFrom: '2026-03-01',
    });
    const referral = await owner.post(`/api/clinics/${clinicId}/referrals`, referralBody(patientId));
    expect(referral.statusCode, referral.body).toBe(201);
    const fileUrl = `${url}/${sent.id}/referral`;
    const desk = await addMember(t, clinicId, ['front_desk']);

    const filed = await desk.agent.put(fileUrl, { referralId: referral.json().id });
    expect(filed.statusCode, filed.body).toBe(200);
    expect(filed.json()).toMatchObject({
      id: sent.id,
      referralId: referral.json().id,
      uploadedByPatient: true,
    });
    expect((await owner.get(inbox)).json().items[0].referralId).toBe(referral.json().id);

    // Another patient's referral, a malformed id, an unknown document: 4xx, and nothing changes.
    const otherPatient = (
      await owner.post(`/api/clinics/${clinicId}/patients`, {
        legalFirstName: 'Ivo',
        legalLastName: 'Berg',
        dateOfBirth: '1970-07-07',
      })
    ).json().id;
    const theirs = (
      await owner.post(`/api/clinics/${clinicId}/referrals`, referralBody(otherPatient))
    ).json();
    const wrong = await desk.agent.put(fileUrl, { referralId: theirs.id });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.details).toEqual([
      { path: 'body.referralId', message: 'Not a referral of this patient' },
    ]);
    expect((await desk.agent.put(fileUrl, { referralId: 'rx-1' })).statusCode).toBe(400);
    expect((await desk.agent.put(`${url}/${theirs.id}/referral`, { referralId: null })).statusCode).toBe(404);
    const [row] = await t.database.db.select().from(attachments).where(eq(attachments.id, sent.id));
    expect(row?.referralId).toBe(referral.json().id);

    // A physician, another clinic: refused (so is the patient who sent it: filing is the desk's work).
    const physician = await addMember(t, clinicId, ['physician']);
    expect((await physician.agent.put(fileUrl, { referralId: null })).statusCode).toBe(403);
    expect((await (await createOtherClinic(t)).owner.put(fileUrl, { referralId: null })).statusCode).toBe(
      403,
    );

    // Taken off again: the audit keeps what it was filed under.
    const unfiled = await desk.agent.put(fileUrl, { referralId: null });
    expect(unfiled.json().referralId).toBeNull();
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'attachment.filed'), eq(auditLog.resourceId, sent.id)))
      .orderBy(auditLog.id);
    expect(audits.map((a) => [a.outcome, a.actorUserId, a.details])).toEqual([
      ['allowed', desk.userId, { via: 'staff', referralId: referral.json().id, previousReferralId: null }],
      ['failed', desk.userId, { via: 'staff' }],
      ['allowed', desk.userId, { via: 'staff', referralId: null, previousReferralId: referral.json().id }],
    ]);
    // The physician's refusal is audited at the clinic: their role may not file documents at all.
    const [refusal] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorUserId, physician.userId), eq(auditLog.outcome, 'refused')));
    expect(refusal).toBeDefined();
  });

  it('takes a document through a personal intake link, for that patient only, while the link is open', async () => {
    const linked = (
      await owner.post(`/api/clinics/${clinicId}/patients`, {
        legalFirstName: 'Lena',
        legalLastName: 'Ortiz',
        dateOfBirth: '1975-05-05',
        email: 'lena.ortiz@example.test',
      })
    ).json().id;
    expect((await owner.post(`/api/clinics/${clinicId}/patients/${linked}/intake/link`, {})).statusCode).toBe(
      201,
    );
    const [mail] = await t.database.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, 'lena.ortiz@example.test'));
    const token = mail!.textBody.match(/\/intake\/([A-Za-z0-9_-]+)/)![1]!;
    const visitor = t.agent();
    const send = (content: Buffer, name: string, query = '') =>
      visitor.request({
        method: 'POST',
        url: `/api/intake/${token}/attachments${query}`,
        ...multipart(name, content),
      });

    const sent = await send(PDF, 'rx.pdf');
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toMatchObject({
      patientId: linked,
      kind: 'prescription',
      uploadedBy: null,
      uploadedByName: 'Lena Ortiz',
      uploadedByPatient: true,
    });
    expect((await send(HTML, 'x.pdf')).statusCode).toBe(415);
    expect((await send(PDF, 'rx.pdf', '?kind=xray')).statusCode).toBe(400);
    expect(
      (
        await visitor.request({
          method: 'POST',
          url: '/api/intake/not-a-real-token-at-all-000/attachments',
          ...multipart('a.pdf', PDF),
        })
      ).statusCode,
    ).toBe(404);
    const stored = await t.database.db.select().from(attachments).where(eq(attachments.patientId, linked));
    expect(stored).toEqual([expect.objectContaining({ uploadedBy: null, fileName: 'rx.pdf' })]);
    const inbox = (await owner.get(`/api/clinics/${clinicId}/attachments/from-patients`)).json().items;
    expect(inbox.map((i: { patientId: string }) => i.patientId)).toContain(linked);

    // Once the questionnaire is in, the link opens nothing, uploads included.
    await t.database.db
      .update(intakeLinks)
      .set({ usedAt: new Date() })
      .where(and(eq(intakeLinks.clinicId, clinicId), eq(intakeLinks.patientId, linked)));
    expect((await send(PDF, 'late.pdf')).statusCode).toBe(410);
  });

  it('keeps files out of the served web root', () => {
    expect(dir.startsWith(join(process.cwd(), 'dist'))).toBe(false);
    expect(existsSync(join(dir, clinicId))).toBe(true);
  });
});
