import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referrals, users } from '../../src/db/schema/index.ts';
import type { Agent } from '../helpers/app.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic } from '../helpers/fixtures.ts';
import {
  base,
  type ClinicalWorld,
  clinicalWorld,
  patientWithReferral,
  planBody,
  plusDays,
} from './clinical-support.ts';

let t: TestApp;
let w: ClinicalWorld;
let b: { agent: Agent; userId: string; name: string };
let e3: { patientId: string; referralId: string };

/**
 * Four episodes, computed by hand:
 * E1 low back, therapist A, start −60: visits −55, −50, −45 (myofascial + trigger point); NPRS 7 (−56), 6 (−50,
 *    1 point: no), 4 (−45, 3 points: MCID) → reached after 3 visits; last visit 45 days ago, no discharge: drop-out.
 * E2 low back, therapist A, start −20: visits −15, −10; NPRS 8, 7 → measured, not reached; not a drop-out.
 * E3 neck, therapist B, start −40: visits −38, −36 (Swedish only); NPRS 6, 2 → reached after 2 visits; last visit
 *    36 days ago but a signed discharge summary: not a drop-out.
 * E4 low back, therapist A, start −10: no visit, one NPRS → not measured (planned techniques count).
 */
async function episode(
  agent: Agent,
  authorName: string,
  input: { start: number; visits: number[]; nprs: [number, number][]; neck?: boolean; techniques?: string[] },
) {
  const { patientId, referralId } = await patientWithReferral(w);
  if (input.neck)
    await t.database.db
      .update(referrals)
      .set({ diagnoses: [{ code: 'M54.2', description: 'Cervicalgia', laterality: null }] })
      .where(eq(referrals.id, referralId));
  const plan = await agent.post(
    `${base(w, patientId)}/plans`,
    planBody(w, referralId, {
      startDate: plusDays(t, input.start),
      reEvaluationDate: plusDays(t, input.start + 30),
      ...(input.techniques ? { techniques: input.techniques } : {}),
    }),
  );
  expect(plan.statusCode, plan.body).toBe(201);
  for (const [day, pain] of input.nprs) {
    const r = await agent.post(`${base(w, patientId)}/outcomes`, {
      instrumentId: 'nprs',
      answers: { pain },
      administeredOn: plusDays(t, day),
    });
    expect(r.statusCode, r.body).toBe(201);
  }
  for (const day of input.visits) {
    const rows = (input.techniques ?? ['myofascial-release', 'trigger-point-therapy']).map((techniqueId) => ({
      techniqueId,
      region: 'low-back',
      minutes: 15,
    }));
    const note = await agent.post(`${base(w, patientId)}/notes`, {
      visitDate: plusDays(t, day),
      content: { treatment: { rows } },
    });
    expect(note.statusCode, note.body).toBe(201);
    const signed = await agent.post(`${base(w, patientId)}/notes/${note.json().id}/sign`, {
      typedName: authorName,
    });
    expect(signed.statusCode, signed.body).toBe(200);
  }
  return { patientId, referralId };
}

beforeAll(async () => {
  t = await createTestApp();
  w = await clinicalWorld(t);
  const member = await addMember(t, w.clinicId, ['therapist']);
  await t.database.db.update(users).set({ displayName: '=cmd|calc' }).where(eq(users.id, member.userId));
  await member.agent.refreshMe();
  b = { agent: member.agent, userId: member.userId, name: '=cmd|calc' };
  const a = w.therapist;
  await episode(a.agent, a.name, {
    start: -60,
    visits: [-55, -50, -45],
    nprs: [
      [-56, 7],
      [-50, 6],
      [-45, 4],
    ],
  });
  await episode(a.agent, a.name, {
    start: -20,
    visits: [-15, -10],
    nprs: [
      [-15, 8],
      [-10, 7],
    ],
  });
  e3 = await episode(b.agent, b.name, {
    start: -40,
    visits: [-38, -36],
    nprs: [
      [-38, 6],
      [-36, 2],
    ],
    neck: true,
    techniques: ['swedish-massage'],
  });
  await episode(a.agent, a.name, { start: -10, visits: [], nprs: [[-9, 5]] });
  const discharge = await b.agent.post(`${base(w, e3.patientId)}/reports`, { kind: 'discharge_summary' });
  expect(discharge.statusCode, discharge.body).toBe(201);
  const signed = await b.agent.post(`${base(w, e3.patientId)}/reports/${discharge.json().id}/sign`, {
    typedName: b.name,
  });
  expect(signed.statusCode, signed.body).toBe(200);
});
afterAll(() => t.close());

const url = (query = '') => `/api/clinics/${w.clinicId}/analytics/outcomes${query}`;
const row = (key: string, label: string, n: number[], median: number | null) => ({
  key,
  label,
  episodes: n[0],
  measured: n[1],
  reachedMcid: n[2],
  share: n[3],
  medianVisitsToMcid: median,
  droppedOut: n[4],
});

describe('clinic outcomes', () => {
  it('gives the share reaching the MCID by condition, technique and therapist, visits to it and drop-out', async () => {
    const response = await w.owner.get(url());
    expect(response.statusCode, response.body).toBe(200);
    const r = response.json();
    expect(r.total).toEqual(row('all', 'All episodes', [4, 3, 2, 0.667, 1], 2.5));
    expect(r.byCondition).toEqual([
      row('chronic-back-pain', 'Chronic back pain', [3, 2, 1, 0.5, 1], 3),
      row('neck-pain', 'Chronic neck pain', [1, 1, 1, 1, 0], 2),
    ]);
    const technique = (key: string) => r.byTechnique.find((x: { key: string }) => x.key === key);
    expect(technique('myofascial-release')).toMatchObject({
      episodes: 3,
      measured: 2,
      reachedMcid: 1,
      share: 0.5,
      medianVisitsToMcid: 3,
      droppedOut: 1,
    });
    expect(technique('trigger-point-therapy')).toMatchObject({ episodes: 3, measured: 2, reachedMcid: 1 });
    expect(technique('swedish-massage')).toMatchObject({
      episodes: 1,
      measured: 1,
      reachedMcid: 1,
      share: 1,
      medianVisitsToMcid: 2,
      droppedOut: 0,
    });
    expect(r.byTherapist).toEqual([
      row(w.therapist.userId, w.therapist.name, [3, 2, 1, 0.5, 1], 3),
      row(b.userId, '=cmd|calc', [1, 1, 1, 1, 0], 2),
    ]);
  });

  it('filters by the episode start date', async () => {
    const r = (await w.owner.get(url(`?from=${plusDays(t, -30)}&to=${plusDays(t, 0)}`))).json();
    expect(r.total).toEqual(row('all', 'All episodes', [2, 1, 0, 0, 0], null));
    const before = (await w.owner.get(url(`?from=${plusDays(t, -90)}&to=${plusDays(t, -50)}`))).json();
    // The window picks the cohort by start date; outcomes and drop-out are followed up to today.
    expect(before.total).toMatchObject({ episodes: 1, reachedMcid: 1, droppedOut: 1 });
    expect((await w.owner.get(url(`?from=${plusDays(t, 1)}&to=${plusDays(t, 0)}`))).statusCode).toBe(400);
    expect((await w.owner.get(url('?from=last-week'))).statusCode).toBe(400);
  });

  it('exports CSV with formulas neutralised', async () => {
    const response = await w.owner.get(`/api/clinics/${w.clinicId}/analytics/outcomes.csv`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/csv/);
    const lines = response.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'group,key,label,episodes,measured,reached_mcid,share_percent,median_visits_to_mcid,dropped_out',
    );
    expect(lines[1]).toBe('total,all,All episodes,4,3,2,66.7,2.5,1');
    expect(lines).toContain('condition,chronic-back-pain,Chronic back pain,3,2,1,50,3,1');
    expect(lines).toContain(`therapist,${b.userId},'=cmd|calc,1,1,1,100,2,0`);
  });

  it('counts the techniques as the notes read after an amendment', async () => {
    const episodesOf = async (key: string) =>
      (await w.owner.get(url())).json().byTechnique.find((x: { key: string }) => x.key === key)?.episodes ??
      0;
    const before = await episodesOf('myofascial-release');
    // E3's first note said Swedish massage; it was myofascial release, corrected by its author.
    const notes = (await b.agent.get(`${base(w, e3.patientId)}/notes`)).json().items as { id: string }[];
    const amended = await b.agent.post(`${base(w, e3.patientId)}/notes/${notes.at(-1)!.id}/amendments`, {
      reason: 'Myofascial release, not Swedish massage',
      changes: {
        treatment: { rows: [{ techniqueId: 'myofascial-release', region: 'low-back', minutes: 15 }] },
      },
    });
    expect(amended.statusCode, amended.body).toBe(201);
    expect(await episodesOf('myofascial-release')).toBe(before + 1);
  });

  it('is for the owner only', async () => {
    expect((await w.therapist.agent.get(url())).statusCode).toBe(403);
    expect(
      (await w.physician.agent.get(`/api/clinics/${w.clinicId}/analytics/outcomes.csv`)).statusCode,
    ).toBe(403);
    const other = await createOtherClinic(t);
    expect((await other.owner.get(url())).statusCode).toBe(403);
  });
});
