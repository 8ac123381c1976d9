import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic } from '../helpers/fixtures.ts';
import {
  base,
  type ClinicalWorld,
  clinicalWorld,
  patientWithReferral,
  plusDays,
} from './clinical-support.ts';

/** The owner's list of treatment given despite a contraindication, from an instant on (`since`). */
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

const overridesUrl = (query = '') => `/api/clinics/${w.clinicId}/safety/overrides${query}`;

/** A note of the therapist's with `rows` as the treatment, signed (over the contraindication when `override`). */
async function signedNote(rows: unknown[], override: boolean) {
  const { patientId } = await patientWithReferral(w, { health: health() });
  const created = await w.therapist.agent.post(`${base(w, patientId)}/notes`, {
    content: { subjective: { painToday: 5 }, treatment: { rows } },
  });
  expect(created.statusCode, created.body).toBe(201);
  const url = `${base(w, patientId)}/notes/${created.json().id}`;
  const signed = await w.therapist.agent.post(`${url}/sign`, {
    typedName: w.therapist.name,
    ...(override ? { contraindicationOverride: { reason: REASON } } : {}),
  });
  expect(signed.statusCode, signed.body).toBe(200);
  return { url, noteId: signed.json().id as string, signedAt: signed.json().signedAt as string };
}

type Item = { noteId: string; amendmentId: string | null; override: { at: string } };
const listed = (items: Item[]) => items.map((i) => `${i.noteId}:${i.amendmentId ? 'amended' : 'signed'}`);

describe('overrides since an instant', () => {
  let earlier: Awaited<ReturnType<typeof signedNote>>;
  let later: Awaited<ReturnType<typeof signedNote>>;
  let amended: Awaited<ReturnType<typeof signedNote>>;
  let amendedAt: string;

  beforeAll(async () => {
    earlier = await signedNote([BACK, CALF], true);
    t.clock.advance(60_000);
    later = await signedNote([BACK, CALF], true);
    // A clean note signed before, corrected later with the calf given despite the clot.
    amended = await signedNote([BACK], false);
    t.clock.advance(60_000);
    const corrected = await w.therapist.agent.post(`${amended.url}/amendments`, {
      reason: 'The left calf was treated too',
      changes: { treatment: { rows: [BACK, CALF] } },
      contraindicationOverride: { reason: REASON },
    });
    expect(corrected.statusCode, corrected.body).toBe(201);
    amendedAt = corrected.json().amendments[0].at;
  });

  it('keeps those recorded at or after it, signed or amended, newest first', async () => {
    const all = await w.owner.get(overridesUrl());
    expect(all.statusCode, all.body).toBe(200);
    expect(listed(all.json().items)).toEqual([
      `${amended.noteId}:amended`,
      `${later.noteId}:signed`,
      `${earlier.noteId}:signed`,
    ]);

    // From the later signing on (the instant itself counts): the earlier one is left out.
    const since = await w.owner.get(overridesUrl(`?since=${encodeURIComponent(later.signedAt)}`));
    expect(since.statusCode, since.body).toBe(200);
    expect(listed(since.json().items)).toEqual([`${amended.noteId}:amended`, `${later.noteId}:signed`]);

    // The same instant written with another offset reads the same.
    const offset = new Date(new Date(later.signedAt).getTime() - 8 * 3_600_000)
      .toISOString()
      .replace('Z', '-08:00');
    expect(
      listed((await w.owner.get(overridesUrl(`?since=${encodeURIComponent(offset)}`))).json().items),
    ).toEqual([`${amended.noteId}:amended`, `${later.noteId}:signed`]);

    // Only the amendment after it; nothing after the last one; `limit` still applies.
    const afterSigning = new Date(new Date(amendedAt).getTime() - 1).toISOString();
    expect(listed((await w.owner.get(overridesUrl(`?since=${afterSigning}`))).json().items)).toEqual([
      `${amended.noteId}:amended`,
    ]);
    const afterAll = new Date(new Date(amendedAt).getTime() + 1).toISOString();
    expect((await w.owner.get(overridesUrl(`?since=${afterAll}`))).json().items).toEqual([]);
    expect(
      listed(
        (await w.owner.get(overridesUrl(`?since=${encodeURIComponent(earlier.signedAt)}&limit=1`))).json()
          .items,
      ),
    ).toEqual([`${amended.noteId}:amended`]);
  });

  it('narrows a therapist’s own list the same way, and another therapist still sees none', async () => {
    const mine = await w.therapist.agent.get(overridesUrl(`?since=${encodeURIComponent(later.signedAt)}`));
    expect(mine.statusCode, mine.body).toBe(200);
    expect(listed(mine.json().items)).toEqual([`${amended.noteId}:amended`, `${later.noteId}:signed`]);
    const colleague = await addMember(t, w.clinicId, ['therapist']);
    const theirs = await colleague.agent.get(overridesUrl(`?since=${encodeURIComponent(earlier.signedAt)}`));
    expect(theirs.statusCode).toBe(200);
    expect(theirs.json().items).toEqual([]);
  });

  it('answers a bad `since` with 400 in the one error shape, naming the parameter', async () => {
    for (const since of ['yesterday', '2026-03-01', '2026-03-01T10:00:00', '2026-13-01T10:00:00Z']) {
      const response = await w.owner.get(overridesUrl(`?since=${encodeURIComponent(since)}`));
      expect(response.statusCode, since).toBe(400);
      expect(response.json().error, since).toMatchObject({
        code: 'validation_failed',
        message: expect.any(String),
        details: [expect.objectContaining({ path: 'querystring.since', message: expect.any(String) })],
      });
    }
  });

  it('is refused to the front desk, a physician and another clinic, with or without `since`', async () => {
    const since = `?since=${encodeURIComponent(earlier.signedAt)}`;
    const frontDesk = await addMember(t, w.clinicId, ['front_desk']);
    expect((await frontDesk.agent.get(overridesUrl(since))).statusCode).toBe(403);
    expect((await w.physician.agent.get(overridesUrl(since))).statusCode).toBe(403);
    const other = await createOtherClinic(t);
    const refused = await other.owner.get(overridesUrl(since));
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain(REASON);
  });
});
