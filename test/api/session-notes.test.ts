import { and, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  clinicalAmendments,
  outcomeAdministrations,
  referralVisits,
  sessionNotes,
} from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic } from '../helpers/fixtures.ts';
import {
  auditOf,
  base,
  type ClinicalWorld,
  clinicalWorld,
  dbRefusal,
  patientWithReferral,
  planBody,
  plusDays,
  signInAgain,
} from './clinical-support.ts';

let t: TestApp;
let w: ClinicalWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await clinicalWorld(t);
});
afterAll(() => t.close());

const ROWS = [
  { techniqueId: 'myofascial-release', region: 'low-back', minutes: 15, pressure: 'moderate' },
  { techniqueId: 'trigger-point-therapy', region: 'gluteal-right', minutes: 8, pressure: 'firm' },
  { techniqueId: 'swedish-massage', region: 'upper-back', minutes: 8, pressure: 'moderate' },
  { techniqueId: 'hot-therapy', region: 'low-back', minutes: 10 },
];

const FULL = {
  subjective: { painToday: 6, changeSinceLastVisit: 'better', pressurePreference: 'moderate' },
  objective: {
    findings: 'Hypertonic lumbar paraspinals',
    bodyChart: [{ region: 'low-back', kind: 'pain', intensity: 6 }],
  },
  treatment: {
    rows: ROWS,
    position: ['prone'],
    hotCold: 'heat',
    pressureFeedback: 'just-right',
    response: 'Relaxed',
  },
  plan: { nextFocus: 'Gluteals', homeCareChanges: 'Add pelvic tilts' },
  pain: { before: 6, after: 3 },
};

async function patientWithPlan(health: Record<string, unknown> = {}) {
  const ids = await patientWithReferral(w, { health });
  const plan = await w.therapist.agent.post(`${base(w, ids.patientId)}/plans`, planBody(w, ids.referralId));
  expect(plan.statusCode, plan.body).toBe(201);
  return { ...ids, planId: plan.json().id as string, goals: plan.json().current.goals as { id: string }[] };
}

const sign = (patientId: string, noteId: string, agent = w.therapist.agent, typedName = w.therapist.name) =>
  agent.post(`${base(w, patientId)}/notes/${noteId}/sign`, { typedName });

describe('writing a note', () => {
  it('computes total minutes, timed minutes per CPT code and units by the 8-minute rule', async () => {
    const { patientId, planId, goals } = await patientWithPlan();
    const created = await w.therapist.agent.post(`${base(w, patientId)}/notes`, {
      content: { ...FULL, assessment: { goalProgress: [{ goalId: goals[0]!.id, progress: 'progressing' }] } },
    });
    expect(created.statusCode, created.body).toBe(201);
    const note = created.json();
    expect(note).toMatchObject({ status: 'draft', planId, carriedOver: [] });
    // 97140: 15 + 8 = 23 min; 97124: 8 min; 97010 (hot pack) untimed. 31 timed min → 2 units; 97140 has
    // one full unit and 8 left over, 97124 8 left over: the remaining unit goes to the code with more minutes.
    expect(note.billing).toMatchObject({
      totalMinutes: 41,
      timedMinutesByCpt: { '97140': 23, '97124': 8 },
      untimedCodes: ['97010'],
      totalTimedMinutes: 31,
      totalUnits: 2,
      unitsByCode: { '97140': 2, '97124': 0 },
    });
    const [row] = await t.database.db.select().from(sessionNotes).where(eq(sessionNotes.id, note.id));
    expect(row).toMatchObject({ totalMinutes: 41, timedMinutesByCpt: { '97140': 23, '97124': 8 } });

    // Autosave merges: a later PUT of one field keeps everything else.
    const saved = await w.therapist.agent.put(`${base(w, patientId)}/notes/${note.id}`, {
      content: { subjective: { painToday: 5 }, treatment: { rows: ROWS.slice(0, 1) } },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().content.subjective).toEqual({ ...FULL.subjective, painToday: 5 });
    expect(saved.json().content.objective).toEqual(FULL.objective);
    expect(saved.json().content.treatment.response).toBe('Relaxed');
    expect(saved.json().billing).toMatchObject({
      totalMinutes: 15,
      totalUnits: 1,
      unitsByCode: { '97140': 1 },
    });

    const badGoal = await w.therapist.agent.put(`${base(w, patientId)}/notes/${note.id}`, {
      content: { assessment: { goalProgress: [{ goalId: 'not-a-goal', progress: 'met' }] } },
    });
    expect(badGoal.statusCode).toBe(422);
  });

  it('answers bad input with 4xx', async () => {
    const { patientId } = await patientWithPlan();
    const post = (body: unknown, query = '') =>
      w.therapist.agent.post(`${base(w, patientId)}/notes${query}`, body);
    const cases: [unknown, string, number][] = [
      [{ content: { pain: { before: 11 } } }, '', 400],
      [
        { content: { treatment: { rows: [{ techniqueId: 'reiki', region: 'low-back', minutes: 10 }] } } },
        '',
        400,
      ],
      [
        { content: { treatment: { rows: [{ techniqueId: 'stretching', region: 'tail', minutes: 10 }] } } },
        '',
        400,
      ],
      [
        { content: { treatment: { rows: [{ techniqueId: 'stretching', region: 'low-back', minutes: 0 }] } } },
        '',
        400,
      ],
      [{ content: { treatment: { rows: [{ ...ROWS[0], pressure: 'crushing' }] } } }, '', 400],
      [{ content: { objective: { bodyChart: [{ region: 'low-back', kind: 'pain' }] } } }, '', 400],
      [{ content: { subjective: { mood: 'great' } } }, '', 400],
      [{ appointmentId: uuidv7() }, '', 422],
      [
        { content: { subjective: { healthChanges: { changed: true, healthHistoryVersionId: uuidv7() } } } },
        '',
        422,
      ],
      [{ planId: uuidv7() }, '', 422],
      [{}, '?from=last', 422],
      [{}, '?from=template', 422],
      [{}, '?from=yesterday', 400],
    ];
    for (const [body, query, status] of cases) {
      const response = await post(body, query);
      expect(response.statusCode, `${JSON.stringify(body)} ${query}`).toBe(status);
    }
    expect(
      await t.database.db.select().from(sessionNotes).where(eq(sessionNotes.patientId, patientId)),
    ).toEqual([]);
  });

  it('offers condition templates and mirrors one-sided ones', async () => {
    const list = (await w.therapist.agent.get('/api/session-note-templates')).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([
      'low-back-pain',
      'neck-pain',
      'sciatica',
      'carpal-tunnel',
      'tmj',
      'tension-headache',
      'plantar-fasciitis',
      'lymphoedema',
    ]);
    const { patientId } = await patientWithPlan();
    const note = await w.therapist.agent.post(`${base(w, patientId)}/notes?from=template`, {
      templateId: 'sciatica',
      templateSide: 'left',
    });
    expect(note.statusCode, note.body).toBe(201);
    const regions = note.json().content.treatment.rows.map((r: { region: string }) => r.region);
    expect(regions).toContain('gluteal-left');
    expect(regions.some((r: string) => r.endsWith('-right'))).toBe(false);
    expect(note.json().content.treatment.position).toContain('side-lying-right');
    expect(note.json().templateId).toBe('sciatica');
  });
});

describe('start from last note', () => {
  it('marks every carried-over field until the therapist confirms it, and refuses signing before', async () => {
    const { patientId, referralId } = await patientWithPlan();
    const first = (await w.therapist.agent.post(`${base(w, patientId)}/notes`, { content: FULL })).json();
    const signed = await sign(patientId, first.id);
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().referralVisitId).toBeTruthy();
    const visits = await t.database.db
      .select()
      .from(referralVisits)
      .where(eq(referralVisits.referralId, referralId));
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({ sourceType: 'session_note', sourceId: first.id });

    const next = await w.therapist.agent.post(`${base(w, patientId)}/notes?from=last`, {
      content: { subjective: { painToday: 4 } },
    });
    expect(next.statusCode, next.body).toBe(201);
    const note = next.json();
    expect(note.sourceNoteId).toBe(first.id);
    expect(note.carriedOver.map((c: { field: string }) => c.field).sort()).toEqual(
      [
        'objective.bodyChart',
        'objective.findings',
        'plan.homeCareChanges',
        'plan.nextFocus',
        'subjective.pressurePreference',
        'treatment.hotCold',
        'treatment.position',
        'treatment.rows',
      ].sort(),
    );
    expect(
      note.carriedOver.every(
        (c: { carriedOver: boolean; fromNoteId: string }) => c.carriedOver && c.fromNoteId === first.id,
      ),
    ).toBe(true);
    expect(note.content.treatment.rows).toEqual(ROWS);
    expect(note.content.subjective).toEqual({ pressurePreference: 'moderate', painToday: 4 });
    expect(note.content.pain).toBeUndefined();

    const refused = await sign(patientId, note.id);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('unconfirmed_carry_over');
    expect(refused.json().error.details.fields).toHaveLength(8);

    // Editing a field confirms it; the rest are confirmed as they are.
    const edited = await w.therapist.agent.patch(`${base(w, patientId)}/notes/${note.id}`, {
      content: { treatment: { rows: ROWS.slice(0, 2) } },
    });
    expect(edited.json().carriedOver.map((c: { field: string }) => c.field)).not.toContain('treatment.rows');
    expect(edited.json().carriedOver).toHaveLength(7);
    expect((await sign(patientId, note.id)).statusCode).toBe(422);
    const confirmed = await w.therapist.agent.put(`${base(w, patientId)}/notes/${note.id}`, {
      confirmCarriedOver: edited.json().carriedOver.map((c: { field: string }) => c.field),
    });
    expect(confirmed.json().carriedOver).toEqual([]);
    expect(confirmed.json().content.plan.nextFocus).toBe('Gluteals');
    expect((await sign(patientId, note.id)).statusCode).toBe(200);
  });
});

describe('clearing a draft field', () => {
  it('stores a cleared field as empty (null in, absent after reload); a signed note still refuses', async () => {
    const { patientId, goals } = await patientWithPlan();
    const created = await w.therapist.agent.post(`${base(w, patientId)}/notes`, {
      content: {
        ...FULL,
        subjective: { ...FULL.subjective, complaint: 'Stiff in the morning' },
        assessment: { goalProgress: [{ goalId: goals[0]!.id, progress: 'progressing' }] },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const url = `${base(w, patientId)}/notes/${created.json().id}`;
    expect(created.json().screening).not.toBeNull();

    const cleared = await w.therapist.agent.patch(url, {
      content: {
        subjective: { complaint: null, painToday: null },
        objective: { findings: null },
        treatment: { rows: null, response: null },
        assessment: { goalProgress: null },
        pain: { after: null },
      },
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    // The cleared treatment re-runs billing and the screening: no rows given, only the heat left to screen.
    expect(cleared.json().billing).toMatchObject({ totalMinutes: 0, totalUnits: 0 });
    expect(cleared.json().screening).toMatchObject({ blocked: false, findings: [] });

    const reloaded = await w.therapist.agent.get(url);
    expect(reloaded.statusCode).toBe(200);
    const { content } = reloaded.json();
    expect(content.subjective).toEqual({ changeSinceLastVisit: 'better', pressurePreference: 'moderate' });
    expect(content.objective).toEqual({ bodyChart: FULL.objective.bodyChart });
    expect(content.treatment).toEqual({
      position: ['prone'],
      hotCold: 'heat',
      pressureFeedback: 'just-right',
    });
    expect(content.assessment).toEqual({});
    expect(content.pain).toEqual({ before: 6 });
    expect(content.plan).toEqual(FULL.plan);
    const [row] = await t.database.db
      .select()
      .from(sessionNotes)
      .where(eq(sessionNotes.id, created.json().id));
    expect(row!.content).toEqual(content);
    expect(JSON.stringify(row!.content)).not.toContain('null');
    expect(row!.totalMinutes).toBe(0);
    // The audit names the cleared fields (names only).
    const audits = await t.database.db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'session_note.updated'), eq(auditLog.resourceId, row!.id)));
    expect(audits.map((a) => a.details?.fields)).toEqual([
      [
        'subjective.complaint',
        'subjective.painToday',
        'objective.findings',
        'treatment.rows',
        'treatment.response',
        'assessment.goalProgress',
        'pain.after',
      ],
    ]);
    expect(JSON.stringify(audits)).not.toContain('Stiff in the morning');

    // Null only clears a field: not a whole section, nor a field the note does not have.
    for (const bad of [{ subjective: null }, { subjective: { mood: null } }, { pain: { before: 'none' } }])
      expect((await w.therapist.agent.put(url, { content: bad })).statusCode, JSON.stringify(bad)).toBe(400);

    // Clearing is an edit: a carried-over field cleared loses its mark; the others still block signing.
    expect((await sign(patientId, row!.id)).statusCode).toBe(200);
    const next = (await w.therapist.agent.post(`${base(w, patientId)}/notes?from=last`, {})).json();
    expect(next.carriedOver.map((c: { field: string }) => c.field)).toContain('plan.nextFocus');
    const nextUrl = `${base(w, patientId)}/notes/${next.id}`;
    const edited = await w.therapist.agent.put(nextUrl, { content: { plan: { nextFocus: null } } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().content.plan).toEqual({ homeCareChanges: 'Add pelvic tilts' });
    expect(edited.json().carriedOver.map((c: { field: string }) => c.field)).not.toContain('plan.nextFocus');
    expect(edited.json().carriedOver.length).toBeGreaterThan(0);
    const refused = await sign(patientId, next.id);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('unconfirmed_carry_over');

    // The signed note stays locked: clearing answers 409, an amendment cannot carry null, nothing changes.
    const locked = await w.therapist.agent.patch(url, { content: { plan: { nextFocus: null } } });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.code).toBe('note_signed');
    const nullAmendment = await w.therapist.agent.post(`${url}/amendments`, {
      reason: 'Clear it',
      changes: { plan: { nextFocus: null } },
    });
    expect(nullAmendment.statusCode).toBe(400);
    const [after] = await t.database.db.select().from(sessionNotes).where(eq(sessionNotes.id, row!.id));
    expect(after!.content).toEqual(content);
  });
});

describe('outcome questionnaires begun in a draft', () => {
  const ndiAnswers = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`q${i + 1}`, 2]));

  it('autosaves the answers so far with the draft, refuses to sign until each is scored, never records a partial one', async () => {
    const { patientId } = await patientWithPlan();
    const created = await w.therapist.agent.post(`${base(w, patientId)}/notes`, { content: FULL });
    expect(created.statusCode, created.body).toBe(201);
    const noteId = created.json().id as string;
    const url = `${base(w, patientId)}/notes/${noteId}`;
    const administrations = () =>
      t.database.db
        .select()
        .from(outcomeAdministrations)
        .where(eq(outcomeAdministrations.patientId, patientId));

    // Half an NDI and a PSFS with one activity named: saved as they are, unanswered items left out.
    const partial = [
      { instrumentId: 'ndi', answers: { q1: 2, q2: 3, q3: null } },
      {
        instrumentId: 'psfs',
        activities: [
          { slot: 'activity1', activity: 'Lifting my toddler', rating: 3 },
          { slot: 'activity2', activity: '', rating: null },
        ],
      },
    ];
    const saved = await w.therapist.agent.put(url, { content: { questionnaires: partial } });
    expect(saved.statusCode, saved.body).toBe(200);
    const stored = [
      { instrumentId: 'ndi', answers: { q1: 2, q2: 3 } },
      {
        instrumentId: 'psfs',
        activities: [{ slot: 'activity1', activity: 'Lifting my toddler', rating: 3 }],
      },
    ];
    expect(saved.json().content.questionnaires).toEqual(stored);
    // Another field's autosave keeps them; the draft reopens with them.
    expect((await w.therapist.agent.put(url, { content: { pain: { after: 2 } } })).statusCode).toBe(200);
    const reopened = await w.therapist.agent.get(url);
    expect(reopened.json().content.questionnaires).toEqual(stored);
    expect(reopened.json().outcomes).toEqual([]);
    const [row] = await t.database.db.select().from(sessionNotes).where(eq(sessionNotes.id, noteId));
    expect((row!.content as { questionnaires?: unknown }).questionnaires).toEqual(stored);
    expect(await administrations()).toEqual([]);
    // The audit names the field, never the answers.
    const audits = await t.database.db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'session_note.updated'), eq(auditLog.resourceId, noteId)));
    expect(audits[0]?.details?.fields).toEqual(['questionnaires']);
    expect(JSON.stringify(audits)).not.toContain('toddler');

    // Each answer is checked against its item at the edge: the standard 400, the stored draft untouched.
    const bad: [unknown, string][] = [
      [[{ instrumentId: 'ndi', answers: { q1: 6 } }], 'body.content.questionnaires.0.answers.q1'],
      [[{ instrumentId: 'ndi', answers: { q11: 1 } }], 'body.content.questionnaires.0.answers.q11'],
      [[{ instrumentId: 'hit6', answers: { q1: 7 } }], 'body.content.questionnaires.0.answers.q1'],
      [[{ instrumentId: 'sf36', answers: { q1: 1 } }], 'body.content.questionnaires.0.instrumentId'],
      [[{ instrumentId: 'ndi', answers: { q1: 1.5 } }], 'body.content.questionnaires.0.answers.q1'],
      [
        [{ instrumentId: 'psfs', activities: [{ slot: 'activity1', activity: 'Walking', rating: 11 }] }],
        'body.content.questionnaires.0.activities.0.rating',
      ],
      [
        [
          { instrumentId: 'ndi', answers: { q1: 1 } },
          { instrumentId: 'ndi', answers: { q2: 1 } },
        ],
        'body.content.questionnaires.1.instrumentId',
      ],
    ];
    for (const [questionnaires, path] of bad) {
      const refused = await w.therapist.agent.put(url, { content: { questionnaires } });
      expect(refused.statusCode, JSON.stringify(questionnaires)).toBe(400);
      expect(refused.json().error).toMatchObject({ code: 'validation_failed', message: expect.any(String) });
      expect(refused.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect((await w.therapist.agent.get(url)).json().content.questionnaires).toEqual(stored);

    // Signing is refused while any is begun and not scored, naming each.
    const refused = await sign(patientId, noteId);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toEqual({
      code: 'unscored_questionnaire',
      message:
        'NDI and PSFS are started but not scored, so not recorded: score them or clear their answers before signing.',
      details: { instruments: ['ndi', 'psfs'] },
    });
    expect((await w.therapist.agent.get(url)).json().status).toBe('draft');

    // Too few answers do not score, and nothing is recorded; the draft keeps them.
    const tooFew = await w.therapist.agent.post(`${base(w, patientId)}/outcomes`, {
      instrumentId: 'ndi',
      answers: { q1: 2, q2: 3 },
      sessionNoteId: noteId,
    });
    expect(tooFew.statusCode).toBe(422);
    expect(tooFew.json().error.code).toBe('score_not_computable');
    expect(await administrations()).toEqual([]);
    expect((await w.therapist.agent.get(url)).json().content.questionnaires).toEqual(stored);

    // Completed and scored, the NDI is recorded and leaves the draft; the PSFS still blocks.
    const complete = await w.therapist.agent.put(url, {
      content: { questionnaires: [{ instrumentId: 'ndi', answers: ndiAnswers(10) }, partial[1]] },
    });
    expect(complete.statusCode, complete.body).toBe(200);
    const scored = await w.therapist.agent.post(`${base(w, patientId)}/outcomes`, {
      instrumentId: 'ndi',
      answers: ndiAnswers(10),
      sessionNoteId: noteId,
    });
    expect(scored.statusCode, scored.body).toBe(201);
    const afterScoring = (await w.therapist.agent.get(url)).json();
    expect(afterScoring.content.questionnaires).toEqual([stored[1]]);
    expect(
      afterScoring.outcomes.map((o: { instrumentId: string; score: number }) => [o.instrumentId, o.score]),
    ).toEqual([['ndi', 20]]);
    const stillRefused = await sign(patientId, noteId);
    expect(stillRefused.statusCode).toBe(422);
    expect(stillRefused.json().error.message).toBe(
      'PSFS is started but not scored, so not recorded: score it or clear its answers before signing.',
    );

    // Cleared, the PSFS is gone (never recorded), and the note signs with no questionnaire in it.
    const cleared = await w.therapist.agent.put(url, { content: { questionnaires: null } });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json().content).not.toHaveProperty('questionnaires');
    const signed = await sign(patientId, noteId);
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().content).not.toHaveProperty('questionnaires');
    expect((await administrations()).map((a) => a.instrumentId)).toEqual(['ndi']);
    // A signed note's amendment cannot add one.
    const amended = await w.therapist.agent.post(`${url}/amendments`, {
      reason: 'Forgot the NDI',
      changes: { questionnaires: [{ instrumentId: 'ndi', answers: { q1: 1 } }] },
    });
    expect(amended.statusCode).toBe(400);
  });

  it('saves an emptied questionnaire as none, and starts a note with answers so far', async () => {
    const { patientId } = await patientWithPlan();
    const created = await w.therapist.agent.post(`${base(w, patientId)}/notes`, {
      content: {
        subjective: { complaint: 'Right wrist aches after typing' },
        questionnaires: [{ instrumentId: 'quickdash', answers: { q1: 3, work1: 2 } }],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().content.questionnaires).toEqual([
      { instrumentId: 'quickdash', answers: { q1: 3, work1: 2 } },
    ]);
    const url = `${base(w, patientId)}/notes/${created.json().id}`;
    const emptied = await w.therapist.agent.put(url, {
      content: { questionnaires: [{ instrumentId: 'quickdash', answers: { q1: null, work1: null } }] },
    });
    expect(emptied.statusCode, emptied.body).toBe(200);
    expect(emptied.json().content).not.toHaveProperty('questionnaires');
    expect((await sign(patientId, created.json().id)).statusCode).toBe(200);
  });
});

describe('signing and the lock', () => {
  it('refuses to sign a note that documents nothing, and signs it once something is written', async () => {
    const { patientId } = await patientWithPlan();
    const note = (await w.therapist.agent.post(`${base(w, patientId)}/notes`, { content: {} })).json();
    // Blank text is still nothing.
    await w.therapist.agent.patch(`${base(w, patientId)}/notes/${note.id}`, {
      content: { objective: { findings: '   ' } },
    });
    const empty = await sign(patientId, note.id);
    expect(empty.statusCode, empty.body).toBe(422);
    expect(empty.json().error.message).toMatch(/^The note is empty/);
    const draft = await w.therapist.agent.patch(`${base(w, patientId)}/notes/${note.id}`, {
      content: { subjective: { complaint: 'Declined treatment today: feeling unwell' } },
    });
    expect(draft.statusCode, draft.body).toBe(200);
    expect((await sign(patientId, note.id)).statusCode).toBe(200);
  });

  it('lets only the author sign; then no route and no SQL changes the note; amendments and addenda are kept with it', async () => {
    const { patientId } = await patientWithPlan();
    const note = (await w.therapist.agent.post(`${base(w, patientId)}/notes`, { content: FULL })).json();
    const colleague = await addMember(t, w.clinicId, ['therapist']);
    expect((await sign(patientId, note.id, colleague.agent, colleague.email.split('@')[0])).statusCode).toBe(
      403,
    );
    // A colleague may read the draft but not change, discard or sign it: each refusal is audited as refused.
    expect((await colleague.agent.put(`${base(w, patientId)}/notes/${note.id}`, {})).statusCode).toBe(403);
    expect((await colleague.agent.delete(`${base(w, patientId)}/notes/${note.id}`)).statusCode).toBe(403);
    expect((await auditOf(w, patientId, colleague.userId)).filter((a) => a.endsWith(':refused'))).toEqual([
      'session_note.sign:refused',
      'session_note.update:refused',
      'session_note.delete:refused',
    ]);
    expect((await w.therapist.agent.put(`${base(w, patientId)}/notes/${note.id}`, {})).statusCode).toBe(200);
    expect((await sign(patientId, note.id, w.therapist.agent, 'Someone Else')).statusCode).toBe(422);
    const signed = await sign(patientId, note.id);
    expect(signed.statusCode).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'signed', signatureTypedName: w.therapist.name });

    const url = `${base(w, patientId)}/notes/${note.id}`;
    for (const response of [
      await w.therapist.agent.put(url, { content: { pain: { after: 0 } } }),
      await w.therapist.agent.patch(url, { content: { pain: { after: 0 } } }),
      await w.therapist.agent.put(url, { confirmCarriedOver: ['treatment.rows'] }),
      await w.therapist.agent.delete(url),
      await w.owner.delete(url),
      await sign(patientId, note.id),
    ]) {
      expect(response.statusCode, response.body).toBe(409);
      expect(response.json().error.code).toBe('note_signed');
    }
    expect(
      await dbRefusal(
        t.database.db.execute(
          sql`update session_notes set content = '{}'::jsonb, total_minutes = 1 where id = ${note.id}`,
        ),
      ),
    ).toMatch(/UPDATE refused/);
    expect(
      await dbRefusal(
        t.database.db.execute(
          sql`update session_notes set status = 'draft', signed_at = null where id = ${note.id}`,
        ),
      ),
    ).toMatch(/UPDATE refused/);
    expect(
      await dbRefusal(t.database.db.execute(sql`delete from session_notes where id = ${note.id}`)),
    ).toMatch(/DELETE refused/);
    const [stored] = await t.database.db.select().from(sessionNotes).where(eq(sessionNotes.id, note.id));
    expect(stored!.content).toEqual(FULL);

    const amended = await w.therapist.agent.post(`${url}/amendments`, {
      reason: 'Pain after the session was recorded wrongly',
      changes: { pain: { after: 2 }, treatment: { response: 'Relaxed, slept well' } },
    });
    expect(amended.statusCode, amended.body).toBe(201);
    const view = amended.json();
    expect(view.content.pain).toEqual({ before: 6, after: 3 });
    expect(view.current.pain).toEqual({ before: 6, after: 2 });
    expect(view.amendments).toEqual([
      {
        id: expect.any(String),
        author: { userId: w.therapist.userId, name: w.therapist.name },
        at: expect.any(String),
        reason: 'Pain after the session was recorded wrongly',
        changes: [
          { field: 'treatment.response', before: 'Relaxed', after: 'Relaxed, slept well' },
          { field: 'pain.after', before: 3, after: 2 },
        ],
        contraindicationOverride: null,
      },
    ]);
    expect(
      (
        await w.therapist.agent.post(`${url}/amendments`, {
          reason: 'Nothing',
          changes: { pain: { after: 2 } },
        })
      ).statusCode,
    ).toBe(422);
    const addendum = await w.owner.post(`${url}/addenda`, {
      text: 'Patient called: soreness gone next day.',
    });
    expect(addendum.statusCode).toBe(201);
    expect(addendum.json().addenda[0]).toMatchObject({ text: 'Patient called: soreness gone next day.' });
    expect(
      await dbRefusal(
        t.database.db.execute(
          sql`update clinical_amendments set reason = 'x' where session_note_id = ${note.id}`,
        ),
      ),
    ).toMatch(/UPDATE refused/);
    expect(
      (
        await t.database.db
          .select()
          .from(clinicalAmendments)
          .where(eq(clinicalAmendments.sessionNoteId, note.id))
      ).length,
    ).toBe(1);

    // Summary list marks the note amended; a draft can be discarded by its author.
    const list = (await w.physician.agent.get(`${base(w, patientId)}/notes`)).json();
    expect(list.items[0]).toMatchObject({ id: note.id, amended: true, painBefore: 6, painAfter: 3 });
    const draft = (await w.therapist.agent.post(`${base(w, patientId)}/notes`, {})).json();
    expect((await w.therapist.agent.delete(`${base(w, patientId)}/notes/${draft.id}`)).statusCode).toBe(204);
  });

  it('screens the treatment given; a contraindicated technique cannot be signed until a clearance is recorded', async () => {
    const { patientId } = await patientWithPlan({
      conditions: [{ code: 'dvt', site: ['calf-left'], onset: plusDays(t, -30) }],
    });
    const created = await w.therapist.agent.post(`${base(w, patientId)}/notes`, {
      content: {
        treatment: {
          rows: [{ techniqueId: 'deep-tissue-massage', region: 'calf-left', minutes: 10, pressure: 'deep' }],
        },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().screening).toMatchObject({ blocked: true, status: 'blocked' });
    expect(created.json().screening.findings[0]).toMatchObject({ ruleId: 'dvt-limb', blocking: true });
    const refused = await sign(patientId, created.json().id);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'contraindicated' });
    expect(refused.json().error.details.findings[0].ruleId).toBe('dvt-limb');
    const clearance = await w.therapist.agent.post(`${base(w, patientId)}/safety/clearances`, {
      ruleIds: ['dvt-limb'],
      physicianName: 'Dr. Park',
      clearedOn: plusDays(t, -1),
    });
    expect(clearance.statusCode).toBe(201);
    const signed = await sign(patientId, created.json().id);
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().screening).toMatchObject({ blocked: false });
  });
});

describe('access and audit', () => {
  it('shows a linked physician signed notes only: a draft is listed nowhere and answers 404', async () => {
    const { patientId } = await patientWithPlan();
    const note = (await w.therapist.agent.post(`${base(w, patientId)}/notes`, { content: FULL })).json();
    const listed = async () =>
      (await w.physician.agent.get(`${base(w, patientId)}/notes`))
        .json()
        .items.map((n: { id: string }) => n.id);
    expect(await listed()).not.toContain(note.id);
    expect((await w.physician.agent.get(`${base(w, patientId)}/notes/${note.id}`)).statusCode).toBe(404);
    // Staff read the draft; once signed, so does the physician.
    expect((await w.owner.get(`${base(w, patientId)}/notes/${note.id}`)).statusCode).toBe(200);
    expect((await sign(patientId, note.id)).statusCode).toBe(200);
    expect(await listed()).toContain(note.id);
    expect((await w.physician.agent.get(`${base(w, patientId)}/notes/${note.id}`)).statusCode).toBe(200);
  });

  it('audits every read and write naming the patient; refuses other clinics and unrelated physicians', async () => {
    const { patientId } = await patientWithPlan();
    const note = (await w.therapist.agent.post(`${base(w, patientId)}/notes`, { content: FULL })).json();
    await w.therapist.agent.get(`${base(w, patientId)}/notes/${note.id}`);
    await w.therapist.agent.put(`${base(w, patientId)}/notes/${note.id}`, {
      content: { pain: { after: 2 } },
    });
    await sign(patientId, note.id);
    expect((await w.physician.agent.get(`${base(w, patientId)}/notes/${note.id}`)).statusCode).toBe(200);
    expect((await w.physician.agent.put(`${base(w, patientId)}/notes/${note.id}`, {})).statusCode).toBe(403);
    const stranger = await addMember(t, w.clinicId, ['physician']);
    expect((await stranger.agent.get(`${base(w, patientId)}/notes/${note.id}`)).statusCode).toBe(403);
    const other = await createOtherClinic(t);
    expect((await other.owner.get(`${base(w, patientId)}/notes`)).statusCode).toBe(403);
    expect((await other.owner.post(`${base(w, patientId)}/notes`, {})).statusCode).toBe(403);

    const trail = await auditOf(w, patientId, w.therapist.userId);
    expect(trail.filter((a) => a.startsWith('session_note'))).toEqual([
      'session_note.create:allowed',
      'session_note.created:allowed',
      'session_note.read:allowed',
      'session_note.update:allowed',
      'session_note.updated:allowed',
      'session_note.sign:allowed',
      'session_note.signed:allowed',
    ]);
    expect(await auditOf(w, patientId, w.physician.userId)).toEqual(['session_note.read:allowed']);
    expect(await auditOf(w, patientId, stranger.userId)).toEqual(['session_note.read:refused']);
  });
});

describe('the to-do list and chart reminders', () => {
  it('shows notes unsigned for more than 24 hours, and plans due for re-evaluation or certification', async () => {
    const ids = await patientWithReferral(w, { health: {} });
    const plan = await w.therapist.agent.post(
      `${base(w, ids.patientId)}/plans`,
      planBody(w, ids.referralId, { reEvaluationDate: plusDays(t, 5) }),
    );
    expect(plan.statusCode, plan.body).toBe(201);
    const draft = (await w.therapist.agent.post(`${base(w, ids.patientId)}/notes`, { content: FULL })).json();
    const todoUrl = `/api/clinics/${w.clinicId}/todo`;
    const todo = async (agent = w.therapist.agent) =>
      (await agent.get(todoUrl)).json().items as {
        kind: string;
        resourceId: string;
        patientId: string;
        patientName: string;
      }[];
    const first = await todo();
    expect(first.filter((i) => i.kind === 'unsigned_note')).toEqual([]);
    expect(first.find((i) => i.kind === 're_evaluation_due' && i.patientId === ids.patientId)).toMatchObject({
      resourceId: plan.json().id,
      patientName: expect.stringContaining('Ana'),
    });

    t.clock.advance(25 * 3_600_000);
    await signInAgain(w);
    const later = await todo();
    expect(later.filter((i) => i.kind === 'unsigned_note').map((i) => i.resourceId)).toContain(draft.id);
    const colleague = await addMember(t, w.clinicId, ['therapist']);
    expect((await todo(colleague.agent)).filter((i) => i.kind === 'unsigned_note')).toEqual([]);
    expect((await w.physician.agent.get(todoUrl)).statusCode).toBe(403);

    // Certification falls due 30 days after the start while the physician has not signed.
    t.clock.advance(24 * 24 * 3_600_000);
    await signInAgain(w);
    const month = await todo();
    expect(month.some((i) => i.kind === 'recertification_due' && i.patientId === ids.patientId)).toBe(true);

    const chart = (await w.therapist.agent.get(`${base(w, ids.patientId)}/chart`)).json();
    const section = chart.sections.find((s: { id: string }) => s.id === 'clinical');
    expect(section.available).toBe(true);
    const kinds = section.data.reminders.map((r: { kind: string }) => r.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        're_evaluation_due',
        'visits_left',
        'certification_due',
        'progress_report_due',
      ]),
    );
    expect(section.data.reminders.find((r: { kind: string }) => r.kind === 'visits_left').message).toBe(
      '12 of 12 visits left on the referral',
    );
    expect(section.data.unsignedNotes).toBe(1);
  });
});
