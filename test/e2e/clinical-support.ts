import { uuidv7 } from 'uuidv7';
import { referrals } from '../../src/db/schema/index.ts';
import { checklistWith } from '../../src/modules/intake/schemas.ts';
import type { TestServer } from '../helpers/server.ts';
import type { Api } from './patients-support.ts';
import { userIdOf } from './patients-support.ts';
import { OWNER } from './support.ts';

/** Seeding for the clinical browser tests (evaluation, plan, note): through the API and the database. */

export const daysFromNow = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** A patient, optionally with a submitted intake reporting a clot (DVT) in the left calf. */
export async function seedPatient(
  api: Api,
  clinicId: string,
  name: { first: string; last: string },
  options: { dvtLeftCalf?: boolean } = {},
): Promise<string> {
  const base = `/api/clinics/${clinicId}/patients`;
  const patient = await api.call<{ id: string }>('POST', base, {
    legalFirstName: name.first,
    legalLastName: name.last,
    dateOfBirth: '1968-02-11',
    phone: '+1 619 555 0177',
  });
  const intake = await api.call<{ id: string }>('POST', `${base}/${patient.id}/intakes`);
  const questionnaire = await api.call<{ consent: { version: string; textHash: string } }>(
    'GET',
    '/api/intake/questionnaire',
  );
  await api.call('POST', `${base}/${patient.id}/intakes/${intake.id}/submit`, {
    answers: {
      conditions: checklistWith(
        options.dvtLeftCalf ? [{ code: 'dvt', site: ['calf-left'], onset: daysFromNow(-20) }] : [],
      ),
      medications: [],
      allergies: [],
      surgeries: [],
      pregnancy: { pregnant: false },
      implants: [],
      pain: { level: 5, regions: ['low-back'] },
      goals: 'Walk the dog again',
      pressurePreference: 'moderate',
      consent: {
        agreed: true,
        typedName: `${name.first} ${name.last}`,
        textVersion: questionnaire.consent.version,
        textHash: questionnaire.consent.textHash,
      },
    },
  });
  return patient.id;
}

/** A paper referral for calf and low-back problems, straight in the database. */
export async function seedReferral(server: TestServer, clinicId: string, patientId: string): Promise<string> {
  const id = uuidv7();
  await server.database.db.insert(referrals).values({
    clinicId,
    id,
    patientId,
    source: 'paper',
    referralDate: daysFromNow(-3),
    diagnoses: [
      { code: 'M54.50', description: 'Low back pain, unspecified', laterality: null },
      { code: 'M79.662', description: 'Pain in left lower leg', laterality: 'left' },
    ],
    techniques: ['deep-tissue-massage'],
    bodyRegions: ['calf-left'],
    frequencyPerWeek: 1,
    durationWeeks: 6,
    sessionMinutes: 60,
    validFrom: daysFromNow(-3),
    validUntil: daysFromNow(60),
    createdBy: await userIdOf(server, OWNER.email),
  });
  return id;
}
