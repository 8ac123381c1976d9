import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clinicalAmendments, sessionNotes } from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic } from '../helpers/fixtures.ts';
import {
  auditOf,
  base,
  type ClinicalWorld,
  clinicalWorld,
  dbRefusal,
  patientWithReferral,
  plusDays,
} from './clinical-support.ts';
import { expectValidFhir, fhir } from './fhir-support.ts';

let t: TestApp;
let w: ClinicalWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await clinicalWorld(t);
});
afterAll(() => t.close());

// A clot in the left calf: nothing on the left leg until a physician clears it.
const health = () => ({
  conditions: [{ code: 'dvt', site: ['calf-left'], onset: plusDays(t, -30) }],
});
const BACK = { techniqueId: 'swedish-massage', region: 'low-back', minutes: 20, pressure: 'light' };
const CALF = { techniqueId: 'swedish-massage', region: 'calf-left', minutes: 5, pressure: 'light' };
const REASON = 'Patient told us of the clot a week after this visit; the calf was treated that day.';

/** A draft note of the therapist's, with `rows` as the treatment given. */
async function draft(rows: unknown[], patient?: { patientId: string }) {
  const { patientId } = patient ?? (await patientWithReferral(w, { health: health() }));
  const created = await w.therapist.agent.post(`${base(w, patientId)}/notes`, {
    content: { subjective: { painToday: 5 }, treatment: { rows } },
  });
  expect(created.statusCode, created.body).toBe(201);
  return {
    patientId,
    noteId: created.json().id as string,
    url: `${base(w, patientId)}/notes/${created.json().id}`,
  };
}

const overridesUrl = () => `/api/clinics/${w.clinicId}/safety/overrides`;

describe('signing treatment given despite a contraindication', () => {
  it('refuses without a reason, saying a written reason can record it', async () => {
    const { url, patientId } = await draft([BACK, CALF]);
    const refused = await w.therapist.agent.post(`${url}/sign`, { typedName: w.therapist.name });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('contraindicated');
    expect(refused.json().error.message).toContain(
      'If this treatment was really given, record it with a written reason',
    );
    expect(refused.json().error.details).toMatchObject({
      overridable: true,
      findings: [expect.objectContaining({ ruleId: 'dvt-limb', blocking: true })],
    });
    const read = (await w.therapist.agent.get(url)).json();
    expect(read).toMatchObject({ status: 'draft', contraindicationOverride: null });
    expect(await auditOf(w, patientId, w.therapist.userId)).not.toContain(
      'session_note.signed_over_contraindication:allowed',
    );
  });

  it('signs with a reason: the note keeps the reason, who, when and the findings, and it is audited', async () => {
    const { url, patientId, noteId } = await draft([BACK, CALF]);
    const signed = await w.therapist.agent.post(`${url}/sign`, {
      typedName: w.therapist.name,
      contraindicationOverride: { reason: `  ${REASON}  ` },
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const body = signed.json();
    expect(body.status).toBe('signed');
    expect(body.contraindicationOverride).toEqual({
      reason: REASON,
      by: { userId: w.therapist.userId, name: expect.any(String) },
      at: body.signedAt,
      findings: [
        expect.objectContaining({
          ruleId: 'dvt-limb',
          clearancePolicy: 'may-override',
          rows: [{ techniqueId: 'swedish-massage', region: 'calf-left', pressure: 'light' }],
          hotCold: false,
        }),
      ],
      replacedBy: null,
    });
    expect(body.contraindicationOverride.by.name).not.toBe('');
    // Read again, and in the list of the patient's notes.
    expect((await w.therapist.agent.get(url)).json().contraindicationOverride).toEqual(
      body.contraindicationOverride,
    );
    const list = (await w.therapist.agent.get(`${base(w, patientId)}/notes`)).json().items;
    expect(list.find((n: { id: string }) => n.id === noteId)).toMatchObject({ overridden: true });

    const [row] = await t.database.db
      .select()
      .from(sessionNotes)
      .where(and(eq(sessionNotes.clinicId, w.clinicId), eq(sessionNotes.id, noteId)));
    expect(row!.contraindicationOverride).toMatchObject({ reason: REASON, by: w.therapist.userId });
    expect(await auditOf(w, patientId, w.therapist.userId)).toEqual(
      expect.arrayContaining([
        'session_note.signed:allowed',
        'session_note.signed_over_contraindication:allowed',
      ]),
    );
    // Locked like the rest of the signed note.
    expect(
      await dbRefusal(
        t.database.db
          .update(sessionNotes)
          .set({ contraindicationOverride: null })
          .where(and(eq(sessionNotes.clinicId, w.clinicId), eq(sessionNotes.id, noteId))),
      ),
    ).toMatch(/signed record is kept as it is/);

    // FHIR: the calf's Procedure says it plainly, with who and when; the low back's says nothing of it.
    const calf = await fhir(w.owner, `Procedure/${noteId}-t2`);
    expect(calf.statusCode, calf.body).toBe(200);
    expectValidFhir(calf.json());
    expect(calf.json().note).toEqual([
      {
        authorReference: { reference: `Practitioner/${w.therapist.userId}` },
        time: body.signedAt,
        text: expect.stringMatching(
          /^Given despite a contraindication \(Blood clot.*\)\. Reason: Patient told us/,
        ),
      },
    ]);
    expect((await fhir(w.owner, `Procedure/${noteId}-t1`)).json().note).toBeUndefined();

    // The owner sees it among the clinic's overrides; a colleague who recorded none sees nothing.
    const owner = await w.owner.get(overridesUrl());
    expect(owner.statusCode, owner.body).toBe(200);
    expect(owner.json().items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          noteId,
          patientId,
          patientName: expect.stringContaining('Ana'),
          amendmentId: null,
          override: expect.objectContaining({ reason: REASON }),
        }),
      ]),
    );
    const colleague = await addMember(t, w.clinicId, ['therapist']);
    expect((await colleague.agent.get(overridesUrl())).json().items).toEqual([]);
    const mine = (await w.therapist.agent.get(overridesUrl())).json().items;
    expect(mine.map((i: { noteId: string }) => i.noteId)).toContain(noteId);
    expect((await w.physician.agent.get(overridesUrl())).statusCode).toBe(403);
    const frontDesk = await addMember(t, w.clinicId, ['front_desk']);
    expect((await frontDesk.agent.get(overridesUrl())).statusCode).toBe(403);
    const other = await createOtherClinic(t);
    expect((await other.owner.get(overridesUrl())).statusCode).toBe(403);
  });

  it('refuses an override when nothing is ruled out, and signs nothing', async () => {
    const { url } = await draft([BACK]);
    const refused = await w.therapist.agent.post(`${url}/sign`, {
      typedName: w.therapist.name,
      contraindicationOverride: { reason: REASON },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'unprocessable',
      details: [{ path: 'body.contraindicationOverride', message: expect.any(String) }],
    });
    expect((await w.therapist.agent.get(url)).json().status).toBe('draft');
    // Without it, the clean note signs as ever, with no override on it.
    const signed = await w.therapist.agent.post(`${url}/sign`, { typedName: w.therapist.name });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().contraindicationOverride).toBeNull();
  });

  it('refuses a reason too short or too long, naming the field', async () => {
    const { url } = await draft([BACK, CALF]);
    for (const reason of ['Was given', '   short reason  ', 'x'.repeat(1001)]) {
      const refused = await w.therapist.agent.post(`${url}/sign`, {
        typedName: w.therapist.name,
        contraindicationOverride: { reason },
      });
      expect(refused.statusCode, reason).toBe(400);
      expect(refused.json().error.details).toEqual([
        { path: 'body.contraindicationOverride.reason', message: expect.stringMatching(/characters/) },
      ]);
    }
    expect((await w.therapist.agent.get(url)).json().status).toBe('draft');
  });

  it('only the author signs, with or without a reason; another clinic reaches nothing', async () => {
    const { url, patientId } = await draft([BACK, CALF]);
    const colleague = await addMember(t, w.clinicId, ['therapist']);
    const notAuthor = await colleague.agent.post(`${url}/sign`, {
      typedName: colleague.email.split('@')[0],
      contraindicationOverride: { reason: REASON },
    });
    expect(notAuthor.statusCode).toBe(403);
    const owner = await w.owner.post(`${url}/sign`, {
      typedName: 'Owner',
      contraindicationOverride: { reason: REASON },
    });
    expect(owner.statusCode).toBe(403);
    const other = await createOtherClinic(t);
    expect(
      (
        await other.owner.post(`${url}/sign`, {
          typedName: 'x',
          contraindicationOverride: { reason: REASON },
        })
      ).statusCode,
    ).toBe(403);
    expect((await w.therapist.agent.get(url)).json()).toMatchObject({
      status: 'draft',
      contraindicationOverride: null,
    });
    expect(await auditOf(w, patientId, colleague.userId)).toContain('session_note.sign:refused');
  });
});

describe('amending a note with treatment given despite a contraindication', () => {
  it('refuses without a reason, records the override with one, and refuses one when nothing is ruled out', async () => {
    const { url, patientId, noteId } = await draft([BACK]);
    expect((await w.therapist.agent.post(`${url}/sign`, { typedName: w.therapist.name })).statusCode).toBe(
      200,
    );

    const refused = await w.therapist.agent.post(`${url}/amendments`, {
      reason: 'The left calf was treated too',
      changes: { treatment: { rows: [BACK, CALF] } },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'contraindicated', details: { overridable: true } });

    // Nothing corrected in the treatment, or corrected treatment that is not ruled out: nothing to override.
    for (const changes of [
      { subjective: { painToday: 4 } },
      { treatment: { rows: [{ ...BACK, minutes: 25 }] } },
    ]) {
      const clean = await w.therapist.agent.post(`${url}/amendments`, {
        reason: 'Corrected',
        changes,
        contraindicationOverride: { reason: REASON },
      });
      expect(clean.statusCode, JSON.stringify(changes)).toBe(422);
      expect(clean.json().error.details).toEqual([
        expect.objectContaining({ path: 'body.contraindicationOverride' }),
      ]);
    }

    const amended = await w.therapist.agent.post(`${url}/amendments`, {
      reason: 'The left calf was treated too',
      changes: { treatment: { rows: [BACK, CALF] } },
      contraindicationOverride: { reason: REASON },
    });
    expect(amended.statusCode, amended.body).toBe(201);
    const note = amended.json();
    expect(note.contraindicationOverride).toBeNull();
    expect(note.amendments).toHaveLength(1);
    expect(note.amendments[0].contraindicationOverride).toMatchObject({
      reason: REASON,
      by: { userId: w.therapist.userId },
      findings: [expect.objectContaining({ ruleId: 'dvt-limb' })],
    });
    const rows = await t.database.db
      .select()
      .from(clinicalAmendments)
      .where(eq(clinicalAmendments.sessionNoteId, noteId));
    expect(rows).toHaveLength(1);
    expect(await auditOf(w, patientId, w.therapist.userId)).toContain(
      'session_note.amended_over_contraindication:allowed',
    );
    const listed = (await w.owner.get(overridesUrl())).json().items;
    expect(listed).toEqual(
      expect.arrayContaining([expect.objectContaining({ noteId, amendmentId: rows[0]!.id })]),
    );
  });
});

describe('an override replaced by a correction of the treatment', () => {
  const DEEP_CALF = {
    techniqueId: 'deep-tissue-massage',
    region: 'calf-left',
    minutes: 10,
    pressure: 'firm',
  };
  const SECOND = 'The physician cleared deep work on the calf by phone before this visit.';

  it('keeps both, marks the first as replaced, and lists the visit once with the latest reason', async () => {
    const { url, noteId, patientId } = await draft([BACK, CALF]);
    const signed = await w.therapist.agent.post(`${url}/sign`, {
      typedName: w.therapist.name,
      contraindicationOverride: { reason: REASON },
    });
    expect(signed.statusCode, signed.body).toBe(200);
    // A correction that leaves the treatment alone replaces nothing.
    const painOnly = await w.therapist.agent.post(`${url}/amendments`, {
      reason: 'Pain was 4',
      changes: { subjective: { painToday: 4 } },
    });
    expect(painOnly.statusCode, painOnly.body).toBe(201);
    expect(painOnly.json().contraindicationOverride.replacedBy).toBeNull();

    t.clock.advance(60_000);
    const amended = await w.therapist.agent.post(`${url}/amendments`, {
      reason: 'It was deep tissue on the left calf',
      changes: { treatment: { rows: [BACK, DEEP_CALF] } },
      contraindicationOverride: { reason: SECOND },
    });
    expect(amended.statusCode, amended.body).toBe(201);
    const note = amended.json();
    const correction = note.amendments[1];
    // Both kept: the signing one is replaced by the correction; the correction's applies to the note as it reads.
    expect(note.contraindicationOverride).toMatchObject({
      reason: REASON,
      replacedBy: { amendmentId: correction.id, at: correction.at },
    });
    expect(correction.contraindicationOverride).toMatchObject({ reason: SECOND, replacedBy: null });
    expect((await w.therapist.agent.get(url)).json().contraindicationOverride.replacedBy).toEqual({
      amendmentId: correction.id,
      at: correction.at,
    });

    // FHIR: the calf row as the note reads now carries the correction's reason, not the replaced one.
    const calf = (await fhir(w.owner, `Procedure/${noteId}-t2`)).json();
    expect(calf.note).toHaveLength(1);
    expect(calf.note[0].text).toContain(SECOND);
    expect(calf.note[0].text).not.toContain(REASON);

    // The owner's list: one item for the visit, the latest reason, one earlier override replaced.
    const mine = (items: { noteId: string }[]) => items.filter((i) => i.noteId === noteId);
    const listed = mine((await w.owner.get(overridesUrl())).json().items);
    expect(listed).toEqual([
      expect.objectContaining({
        noteId,
        patientId,
        amendmentId: correction.id,
        earlier: 1,
        override: expect.objectContaining({ reason: SECOND, replacedBy: null }),
      }),
    ]);
    // The therapist's own list agrees; from after the signing on, still the one visit.
    expect(mine((await w.therapist.agent.get(overridesUrl())).json().items)).toEqual(listed);
    const since = new Date(new Date(correction.at).getTime() - 1).toISOString();
    expect(mine((await w.owner.get(`${overridesUrl()}?since=${since}`)).json().items)).toEqual(listed);

    // Corrected again to treatment that is not ruled out: the latest override is replaced too, and still listed.
    t.clock.advance(60_000);
    const cleared = await w.therapist.agent.post(`${url}/amendments`, {
      reason: 'The calf was not treated after all',
      changes: { treatment: { rows: [BACK] } },
    });
    expect(cleared.statusCode, cleared.body).toBe(201);
    const last = cleared.json().amendments[2];
    expect(cleared.json().amendments[1].contraindicationOverride.replacedBy).toEqual({
      amendmentId: last.id,
      at: last.at,
    });
    expect(cleared.json().contraindicationOverride.replacedBy.amendmentId).toBe(correction.id);
    // Nothing ruled out is on the note any more: no Procedure says "given despite".
    expect((await fhir(w.owner, `Procedure/${noteId}-t1`)).json().note).toBeUndefined();
    expect(mine((await w.owner.get(overridesUrl())).json().items)).toEqual([
      expect.objectContaining({
        amendmentId: correction.id,
        earlier: 1,
        override: expect.objectContaining({ replacedBy: { amendmentId: last.id, at: last.at } }),
      }),
    ]);
    // Nothing is deleted from the record.
    const [row] = await t.database.db
      .select()
      .from(sessionNotes)
      .where(and(eq(sessionNotes.clinicId, w.clinicId), eq(sessionNotes.id, noteId)));
    expect(row!.contraindicationOverride).toMatchObject({ reason: REASON });
  });
});
