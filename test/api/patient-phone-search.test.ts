import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestApp, type TestApp } from '../helpers/app.ts';
import { addMember, createOtherClinic, setUpClinic } from '../helpers/fixtures.ts';

let t: TestApp;
let frontDesk: Agent;
let clinicId: string;
let other: { owner: Agent; clinicId: string };
const ids: Record<string, string> = {};

const create = async (agent: Agent, clinic: string, first: string, phone: string) => {
  const response = await agent.post(`/api/clinics/${clinic}/patients`, {
    legalFirstName: first,
    legalLastName: 'Okafor',
    dateOfBirth: '1980-05-05',
    phone,
    confirmNotDuplicate: true,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
};

const found = async (q: string, limit = 50, agent = frontDesk, clinic = clinicId) => {
  const response = await agent.get(
    `/api/clinics/${clinic}/patients?q=${encodeURIComponent(q)}&limit=${limit}`,
  );
  expect(response.statusCode, q).toBe(200);
  return response.json() as { items: { id: string }[]; nextCursor: string | null };
};
const idsFound = async (q: string) => (await found(q)).items.map((p) => p.id);

beforeAll(async () => {
  t = await createTestApp();
  const setUp = await setUpClinic(t);
  clinicId = setUp.clinicId;
  frontDesk = (await addMember(t, clinicId, ['front_desk'])).agent;
  ids.ada = await create(setUp.owner, clinicId, 'Ada', '(555) 010-1234');
  ids.ben = await create(setUp.owner, clinicId, 'Ben', '+1 555 010 5678');
  ids.cy = await create(setUp.owner, clinicId, 'Cy', '555.777.0001');
  other = await createOtherClinic(t);
  ids.elsewhere = await create(other.owner, other.clinicId, 'Eli', '555-010-1234');
});
afterAll(() => t.close());

describe('phone search by the last digits', () => {
  it.each([
    ['1234', 'ada'],
    ['0-1234', 'ada'],
    ['010-1234', 'ada'],
    ['(010) 1234', 'ada'],
    ['5678', 'ben'],
    ['010 5678', 'ben'],
    ['0001', 'cy'],
    // The whole number, however written, still matches from the start.
    ['+1 555 010 1234', 'ada'],
    ['(555) 010-5678', 'ben'],
  ])('%s finds %s, whatever the formatting', async (q, who) => {
    const result = await idsFound(q);
    expect(result).toContain(ids[who]);
    expect(result).not.toContain(ids.elsewhere);
  });

  it('finds only the patients whose number ends (or starts) with those digits', async () => {
    expect(await idsFound('1234')).toEqual([ids.ada]);
    expect(await idsFound('5678')).toEqual([ids.ben]);
    // Three digits are too few to mean "the end of the number".
    expect(await idsFound('234')).toEqual([]);
    expect(await idsFound('9999')).toEqual([]);
  });

  it('combines with a name', async () => {
    expect(await idsFound('ada 1234')).toEqual([ids.ada]);
    expect(await idsFound('ben 1234')).toEqual([]);
  });

  it('never finds another clinic’s patient, from either clinic', async () => {
    expect(await idsFound('1234')).not.toContain(ids.elsewhere);
    const theirs = (await found('1234', 50, other.owner, other.clinicId)).items.map((p) => p.id);
    expect(theirs).toEqual([ids.elsewhere]);
  });

  it('pages through many patients sharing the last digits, each once', async () => {
    const setUpOwner = (await addMember(t, clinicId, ['owner'])).agent;
    const many = new Set<string>([ids.ada!]);
    for (let i = 0; i < 5; i++) many.add(await create(setUpOwner, clinicId, `Pat${i}`, `(619) 55${i}-1234`));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await frontDesk.get(
        `/api/clinics/${clinicId}/patients?q=1234&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(response.statusCode).toBe(200);
      seen.push(...response.json().items.map((p: { id: string }) => p.id));
      cursor = response.json().nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(many.size);
    expect(new Set(seen)).toEqual(many);
  });
});
