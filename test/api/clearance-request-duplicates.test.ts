import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearanceRequests, referringProviders } from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { base, type ClinicalWorld, clinicalWorld, patientWithReferral } from './clinical-support.ts';
import { treatedPatient } from './reports-support.ts';

/** The same question to the same provider while one waits is refused; the list says whether treatment started. */
let t: TestApp;
let w: ClinicalWorld;
let haleId: string;
let parkId: string;
const ASK = 'Is gentle massage safe during this pregnancy?';
const PREGNANT = { pregnancy: { pregnant: true, weeks: 10, highRisk: false } };

beforeAll(async () => {
  t = await createTestApp();
  w = await clinicalWorld(t);
  haleId = uuidv7();
  parkId = uuidv7();
  await t.database.db.insert(referringProviders).values([
    {
      clinicId: w.clinicId,
      id: haleId,
      kind: 'physician',
      firstName: 'Owen',
      lastName: 'Hale',
      credentials: 'MD',
    },
    {
      clinicId: w.clinicId,
      id: parkId,
      kind: 'physician',
      firstName: 'Jin',
      lastName: 'Park',
      credentials: 'NP',
    },
  ]);
}, 120_000);
afterAll(() => t?.close());

describe('a clearance request already waiting', () => {
  it('refuses asking the same provider about the same flag again (409), and allows another provider', async () => {
    const { patientId } = await patientWithReferral(w, { health: PREGNANT });
    const url = `${base(w, patientId)}/safety/clearance-requests`;
    const body = { ruleIds: ['pregnancy-first-trimester'], providerId: haleId, question: ASK };
    const first = await w.therapist.agent.post(url, body, { 'idempotency-key': `a-${patientId}` });
    expect(first.statusCode, first.body).toBe(201);

    const again = await w.therapist.agent.post(
      url,
      { ...body, question: `${ASK} Please answer.` },
      {
        'idempotency-key': `b-${patientId}`,
      },
    );
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().error.message).toMatch(
      /^Owen Hale, MD was already asked about this on .* and has not answered yet: print or fax that request's letter again/,
    );
    const rows = await t.database.db
      .select()
      .from(clearanceRequests)
      .where(eq(clearanceRequests.patientId, patientId));
    expect(rows).toHaveLength(1);

    const other = await w.therapist.agent.post(
      url,
      { ...body, providerId: parkId },
      {
        'idempotency-key': `c-${patientId}`,
      },
    );
    expect(other.statusCode, other.body).toBe(201);

    // Once answered (here "not cleared"), asking again is allowed.
    const answer = await w.physician.agent.post(`${base(w, patientId)}/safety/clearances`, {
      answer: 'not-cleared',
      ruleIds: ['pregnancy-first-trimester'],
      note: 'Wait until the second trimester',
    });
    expect(answer.statusCode, answer.body).toBe(201);
    const later = await w.therapist.agent.post(url, body, { 'idempotency-key': `d-${patientId}` });
    expect(later.statusCode, later.body).toBe(201);
  });

  it('counts the visits documented so far, so the letter asks to continue rather than begin', async () => {
    const fresh = await patientWithReferral(w);
    const list = await w.therapist.agent.get(`${base(w, fresh.patientId)}/safety/clearance-requests`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toEqual({ items: [], visitsSoFar: 0 });
    const treated = await treatedPatient(w, { sessions: 2 });
    const after = (
      await w.therapist.agent.get(`${base(w, treated.patientId)}/safety/clearance-requests`)
    ).json();
    expect(after.visitsSoFar).toBe(2);
  });
});
