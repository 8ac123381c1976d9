import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, clinicInstrumentTexts, outcomeAdministrations } from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic } from '../helpers/fixtures.ts';
import { auditOf, base, type ClinicalWorld, clinicalWorld, patientWithReferral } from './clinical-support.ts';

let t: TestApp;
let w: ClinicalWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await clinicalWorld(t);
});
afterAll(() => t.close());

const items = (prefix: string, n: number, value: number | null, start = 1) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i + start}`, value]));

/** One worked example per instrument: answers → the score the reference's rule gives. */
const WORKED: [string, Record<string, number | null>, number][] = [
  ['nprs', { pain: 7 }, 7],
  ['lefs', items('q', 20, 2), 40],
  // NDI: the missing item is filled with the mean of the answered items (18 + 2 = 20).
  ['ndi', { ...items('q', 9, 2), q10: null }, 20],
  // ODI: a skipped section lowers the denominator: 18 ÷ (5 × 9) × 100 = 40.
  ['odi', { ...items('q', 9, 2), q10: null }, 40],
  ['quickdash', items('q', 11, 3), 50],
  ['bctq', { ...items('sss', 11, 3), ...items('fss', 8, 2) }, 3],
  // FIQR: function 45 ÷ 3 + overall 10 ÷ 1 + symptoms 50 ÷ 2 = 50.
  ['fiqr', items('q', 21, 5), 50],
  ['hit6', items('q', 6, 10), 60],
];

describe('outcome instruments', () => {
  it('lists every definition, without item text for licensed instruments, saying so', async () => {
    const response = await w.therapist.agent.get('/api/outcome-instruments');
    expect(response.statusCode).toBe(200);
    const byId = new Map(response.json().items.map((i: { id: string }) => [i.id, i]));
    expect([...byId.keys()].sort()).toEqual(
      ['bctq', 'fiqr', 'hit6', 'lefs', 'ndi', 'nprs', 'odi', 'psfs', 'quickdash'].sort(),
    );
    const ndi = byId.get('ndi') as {
      licensing: { itemTextShipped: boolean; note: string };
      items: { text?: string }[];
      scales: { mcids: { isDefault: boolean; source: string }[] }[];
    };
    expect(ndi.licensing.itemTextShipped).toBe(false);
    expect(ndi.licensing.note.length).toBeGreaterThan(10);
    expect(ndi.items.every((i) => i.text === undefined)).toBe(true);
    expect(ndi.scales[0]!.mcids.find((m) => m.isDefault)!.source).toBe('R10');
    const nprs = byId.get('nprs') as { licensing: { itemTextShipped: boolean }; items: { text?: string }[] };
    expect(nprs.licensing.itemTextShipped).toBe(true);
    expect(nprs.items[0]!.text).toBeTruthy();
    expect((await t.agent().get('/api/outcome-instruments')).statusCode).toBe(401);
  });

  it('loads licensed item text per clinic (owner only, ids and answer values checked, audited)', async () => {
    const url = `/api/clinics/${w.clinicId}/outcome-instruments/ndi/licensed-text`;
    const labels = { '0': 'a', '1': 'b', '2': 'c', '3': 'd', '4': 'e', '5': 'f' };
    const text = Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [`q${i + 1}`, { text: `Section ${i + 1}`, answerLabels: labels }]),
    );
    const body = { licence: 'Licence 2026-117 (clinic holds a copy)', items: text };

    const byTherapist = await w.therapist.agent.put(url, body);
    expect(byTherapist.statusCode).toBe(403);
    const mismatched = await w.owner.put(url, { ...body, items: { ...text, q11: { text: 'Extra' } } });
    expect(mismatched.statusCode).toBe(422);
    expect(mismatched.json().error.details).toContainEqual({
      path: 'body.items.q11',
      message: 'unknown-item',
    });
    const missing = await w.owner.put(url, { ...body, items: { ...text, q3: undefined } });
    expect(missing.statusCode).toBe(422);
    const badLabels = await w.owner.put(url, {
      ...body,
      items: { ...text, q1: { text: 'x', answerLabels: { '9': 'z' } } },
    });
    expect(badLabels.statusCode).toBe(422);
    expect(await t.database.db.select().from(clinicInstrumentTexts)).toEqual([]);

    const loaded = await w.owner.put(url, body);
    expect(loaded.statusCode, loaded.body).toBe(200);
    expect(loaded.json().instrument.licensing).toMatchObject({
      itemTextShipped: false,
      clinicTextLoaded: true,
    });
    const clinicCopy = (await w.therapist.agent.get(`/api/clinics/${w.clinicId}/outcome-instruments`)).json();
    const ndi = clinicCopy.items.find((i: { id: string }) => i.id === 'ndi');
    expect(ndi.items[0].text).toBe('Section 1');
    expect(ndi.items[0].options[5].label).toBe('f');
    // The shipped definitions are untouched, and another clinic does not see this clinic's text.
    const shipped = (await w.therapist.agent.get('/api/outcome-instruments')).json();
    expect(shipped.items.find((i: { id: string }) => i.id === 'ndi').items[0].text).toBeUndefined();
    const other = await createOtherClinic(t);
    const theirs = (await other.owner.get(`/api/clinics/${other.clinicId}/outcome-instruments`)).json();
    expect(theirs.items.find((i: { id: string }) => i.id === 'ndi').items[0].text).toBeUndefined();

    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.clinicId, w.clinicId), eq(auditLog.resourceType, 'outcome_instrument')));
    expect(audit.map((a) => `${a.action}:${a.outcome}`)).toEqual([
      'outcome_instrument.licensed_text.loaded:allowed',
    ]);
  });
});

describe('administering instruments', () => {
  it('scores every instrument on the server from raw answers, and stores the answers with the version', async () => {
    const { patientId } = await patientWithReferral(w);
    for (const [instrumentId, answers, expected] of WORKED) {
      const response = await w.therapist.agent.post(`${base(w, patientId)}/outcomes`, {
        instrumentId,
        answers,
      });
      expect(response.statusCode, `${instrumentId}: ${response.body}`).toBe(201);
      const body = response.json();
      expect(body.score, instrumentId).toBeCloseTo(expected, 6);
      expect(body).toMatchObject({
        instrumentId,
        instrumentVersion: '1.0.0',
        isBaseline: true,
        change: null,
      });
      const [row] = await t.database.db
        .select()
        .from(outcomeAdministrations)
        .where(eq(outcomeAdministrations.id, body.id));
      expect(row!.answers).toEqual(answers);
      expect(row!.score).toBeCloseTo(expected, 6);
    }
    const psfs = await w.therapist.agent.post(`${base(w, patientId)}/outcomes`, {
      instrumentId: 'psfs',
      activities: [
        { slot: 'activity1', activity: 'Lifting my toddler', rating: 3 },
        { slot: 'activity2', activity: 'Sitting at work', rating: 4 },
        { slot: 'activity3', activity: 'Gardening', rating: 5 },
      ],
    });
    expect(psfs.statusCode, psfs.body).toBe(201);
    expect(psfs.json().score).toBe(4);
  });

  it('never takes a score from the client, and answers bad input with 4xx, writing nothing', async () => {
    const { patientId } = await patientWithReferral(w);
    const post = (body: unknown) => w.therapist.agent.post(`${base(w, patientId)}/outcomes`, body);
    const cases: [unknown, number][] = [
      [{ instrumentId: 'nprs', answers: { pain: 3 }, score: 0 }, 400],
      [{ instrumentId: 'nprs', answers: { pain: 11 } }, 400],
      [{ instrumentId: 'ndi', answers: { q1: 2, q99: 1 } }, 400],
      [{ instrumentId: 'tampa', answers: {} }, 400],
      [{ instrumentId: 'nprs' }, 400],
      [{ instrumentId: 'psfs', answers: { activity1: 3 } }, 400],
      [{ instrumentId: 'quickdash', answers: { ...items('q', 9, 3), q10: null, q11: null } }, 422],
      [
        { instrumentId: 'nprs', answers: { pain: 3 }, assessmentId: '0190d9c4-0000-7000-8000-000000000000' },
        422,
      ],
    ];
    for (const [body, status] of cases) {
      const response = await post(body);
      expect(response.statusCode, JSON.stringify(body)).toBe(status);
    }
    const rows = await t.database.db
      .select()
      .from(outcomeAdministrations)
      .where(eq(outcomeAdministrations.patientId, patientId));
    expect(rows).toEqual([]);
  });

  it('classifies change from baseline with the MCID and its source', async () => {
    const { patientId } = await patientWithReferral(w);
    const post = async (
      instrumentId: string,
      answers: Record<string, number | null>,
      administeredOn: string,
    ) => {
      const r = await w.therapist.agent.post(`${base(w, patientId)}/outcomes`, {
        instrumentId,
        answers,
        administeredOn,
      });
      expect(r.statusCode, r.body).toBe(201);
      return r.json();
    };
    await post('ndi', items('q', 10, 2), '2026-01-05');
    const ndi = await post('ndi', { ...items('q', 6, 1), ...items('q', 4, 0, 7) }, '2026-02-05');
    expect(ndi.change).toMatchObject({
      baselineScore: 20,
      change: -14,
      classification: 'improved',
      label: 'improved',
      mcidUsed: { value: 10, unit: 'points' },
    });
    // The citation as the therapist reads it, without the clinical reference's key ([R10]).
    expect(ndi.change.mcidUsed.source).toBe(
      'Young 2009 (MCID 7.5, MDC 10.2 raw points; authors advise 10 as the MCID)',
    );
    await post('odi', items('q', 10, 2), '2026-01-05');
    const odi = await post('odi', { ...items('q', 9, 2), q10: 1 }, '2026-02-05');
    expect(odi.change).toMatchObject({
      classification: 'no-meaningful-change',
      label: 'no meaningful change',
    });
    await post('nprs', { pain: 5 }, '2026-01-05');
    const worse = await post('nprs', { pain: 8 }, '2026-02-05');
    expect(worse.change).toMatchObject({ classification: 'worse', change: 3 });
    await post('lefs', items('q', 20, 2), '2026-01-05');
    const lefs = await post('lefs', items('q', 20, 3), '2026-02-05');
    expect(lefs.change).toMatchObject({ classification: 'improved', change: 20, mcidUsed: { value: 9 } });

    const list = (await w.therapist.agent.get(`${base(w, patientId)}/outcomes?instrumentId=ndi`)).json();
    expect(list.items.map((i: { isBaseline: boolean }) => i.isBaseline)).toEqual([false, true]);
    expect(list.items[0].change.classification).toBe('improved');
  });

  it('makes PSFS follow-ups re-rate the baseline activities (422 otherwise)', async () => {
    const { patientId } = await patientWithReferral(w);
    const post = (activities: unknown) =>
      w.therapist.agent.post(`${base(w, patientId)}/outcomes`, { instrumentId: 'psfs', activities });
    const baseline = await post([
      { slot: 'activity1', activity: 'Lifting my toddler', rating: 2 },
      { slot: 'activity2', activity: 'Sitting at work', rating: 3 },
      { slot: 'activity3', activity: 'Gardening', rating: 4 },
    ]);
    expect(baseline.statusCode).toBe(201);
    const different = await post([
      { slot: 'activity1', activity: 'Lifting my toddler', rating: 6 },
      { slot: 'activity2', activity: 'Running', rating: 6 },
      { slot: 'activity3', activity: 'Gardening', rating: 6 },
    ]);
    expect(different.statusCode).toBe(422);
    expect(different.json().error.code).toBe('psfs_activities_mismatch');
    expect(different.json().error.details.problems).toEqual(
      expect.arrayContaining([
        { kind: 'missing-activity', activity: 'Sitting at work' },
        { kind: 'added-activity', activity: 'Running' },
      ]),
    );
    const same = await post([
      { slot: 'activity2', activity: 'gardening ', rating: 7 },
      { slot: 'activity1', activity: 'Lifting my toddler', rating: 6 },
      { slot: 'activity3', activity: 'Sitting  at work', rating: 5 },
    ]);
    expect(same.statusCode, same.body).toBe(201);
    expect(same.json().change).toMatchObject({ classification: 'improved', change: 3 });
    expect((await post([{ slot: 'activity1', activity: 'One', rating: 1 }])).statusCode).toBe(400);
  });
});

describe('access', () => {
  it('audits reads and writes naming the patient; refuses other clinics and unlinked physicians (audited)', async () => {
    const { patientId } = await patientWithReferral(w);
    const created = await w.therapist.agent.post(`${base(w, patientId)}/outcomes`, {
      instrumentId: 'nprs',
      answers: { pain: 4 },
    });
    expect(created.statusCode).toBe(201);
    expect((await w.physician.agent.get(`${base(w, patientId)}/outcomes`)).statusCode).toBe(200);
    expect(
      (
        await w.physician.agent.post(`${base(w, patientId)}/outcomes`, {
          instrumentId: 'nprs',
          answers: { pain: 1 },
        })
      ).statusCode,
    ).toBe(403);
    const stranger = await addMember(t, w.clinicId, ['physician']);
    expect((await stranger.agent.get(`${base(w, patientId)}/outcomes`)).statusCode).toBe(403);
    const other = await createOtherClinic(t);
    expect((await other.owner.get(`${base(w, patientId)}/outcomes`)).statusCode).toBe(403);

    expect(await auditOf(w, patientId, w.therapist.userId)).toEqual([
      'outcome.administer:allowed',
      'outcome.administered:allowed',
    ]);
    expect(await auditOf(w, patientId, w.physician.userId)).toEqual(['outcome.list:allowed']);
    expect(await auditOf(w, patientId, stranger.userId)).toEqual(['outcome.list:refused']);
  });
});
