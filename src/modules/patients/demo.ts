import { uuidv7 } from 'uuidv7';
import type { Executor } from '../../db/connection.ts';
import {
  patients,
  physicianPatientLinks,
  referralClaims,
  referrals,
  referringProviders,
} from '../../db/schema/index.ts';
import { npiCheckDigit } from '../../domain/codes/npi.ts';
import { prepareReferral } from '../referrals/create-referral.ts';
import type { ReferralInput } from '../referrals/schemas.ts';
import { recordReferralVisit } from '../referrals/visits.ts';
import { addDays, localDate } from './dates.ts';

/** [first, last, preferred, pronouns, sex at birth, gender identity, language, age, neighbourhood phone prefix] */
type DemoPerson = [
  string,
  string,
  string | null,
  string | null,
  string | null,
  string | null,
  string,
  number,
  string,
];

const PEOPLE: DemoPerson[] = [
  ['María Guadalupe', 'Hernández', 'Lupe', 'she/her', 'female', 'woman', 'es', 54, '619'],
  ['José Luis', 'Ramírez Ortega', null, 'he/him', 'male', 'man', 'es', 61, '619'],
  ['Sofía', 'Núñez', null, 'she/her', 'female', 'woman', 'es', 33, '619'],
  ['Alejandro', 'Castañeda', 'Alex', 'they/them', 'male', 'non-binary', 'en', 29, '858'],
  ['Thị Lan', 'Nguyễn', 'Lan', 'she/her', 'female', 'woman', 'vi', 47, '619'],
  ['Văn Minh', 'Trần', 'Minh', 'he/him', 'male', 'man', 'vi', 52, '858'],
  ['Renée', 'Dubois', null, 'she/her', 'female', 'woman', 'en', 41, '858'],
  ['Zoë', "O'Brien", null, 'she/they', 'female', 'genderqueer', 'en', 26, '760'],
  ['Marcus', 'Washington', null, 'he/him', 'male', 'man', 'en', 45, '619'],
  ['Keisha', 'Robinson', null, 'she/her', 'female', 'woman', 'en', 38, '619'],
  ['Jamal', 'Carter', null, 'he/him', 'male', 'man', 'en', 57, '858'],
  ['Priya', 'Raman', null, 'she/her', 'female', 'woman', 'en', 35, '858'],
  ['Arjun', 'Mehta', null, 'he/him', 'male', 'man', 'en', 44, '858'],
  ['Mei', 'Chen', null, 'she/her', 'female', 'woman', 'en', 67, '858'],
  ['Hiroshi', 'Tanaka', null, 'he/him', 'male', 'man', 'en', 72, '760'],
  ['Ji-woo', 'Park', null, 'she/her', 'female', 'woman', 'en', 31, '858'],
  ['Malia', 'Fonoti', null, 'she/her', 'female', 'woman', 'en', 39, '619'],
  ['Kalani', 'Akana', null, 'he/him', 'male', 'man', 'en', 50, '760'],
  ['Fatima', 'Haddad', null, 'she/her', 'female', 'woman', 'ar', 42, '619'],
  ['Omar', 'Abdi', null, 'he/him', 'male', 'man', 'so', 36, '619'],
  ['Elena', 'Volkova', null, 'she/her', 'female', 'woman', 'ru', 58, '858'],
  ['Ingrid', 'Johansson', null, 'she/her', 'female', 'woman', 'en', 63, '760'],
  ['Seán', 'McCarthy', null, 'he/him', 'male', 'man', 'en', 48, '619'],
  ['Theodore', 'Whitfield', 'Teddy', 'he/him', 'male', 'man', 'en', 70, '858'],
  ['Samantha', 'Greene', 'Sam', 'they/them', 'female', 'non-binary', 'en', 27, '619'],
  ['Jordan', 'Ellis', null, 'he/him', 'female', 'trans man', 'en', 34, '858'],
  ['Valentina', 'Gómez', 'Vale', 'she/her', 'female', 'woman', 'es', 22, '619'],
  ['Camila', 'de la Cruz', null, 'she/her', 'female', 'woman', 'es', 46, '619'],
  ['Ricardo', 'Peña', null, 'he/him', 'male', 'man', 'es', 39, '619'],
  ['Luz María', 'Zúñiga', null, 'she/her', 'female', 'woman', 'es', 68, '619'],
  ['Gabriel', 'Ochoa', 'Gabe', 'he/him', 'male', 'man', 'en', 31, '760'],
  ['Noémie', 'Lefèvre', null, 'she/her', 'female', 'woman', 'fr', 37, '858'],
  ['Björn', 'Lindqvist', null, 'he/him', 'male', 'man', 'en', 55, '760'],
  ['Aaliyah', 'Brooks', null, 'she/her', 'female', 'woman', 'en', 30, '619'],
  ['Daniel', 'Kim', 'Danny', 'he/him', 'male', 'man', 'en', 43, '858'],
  ['Rosa', 'Villanueva', null, 'she/her', 'female', 'woman', 'tl', 60, '619'],
  ['Miguel', 'Santos', null, 'he/him', 'male', 'man', 'tl', 49, '619'],
  ['Grace', 'Okafor', null, 'she/her', 'female', 'woman', 'en', 52, '858'],
  ['Ethan', 'Nakamura', null, 'he/him', 'male', 'man', 'en', 16, '858'],
  ['Isabella', 'Moreno', 'Isa', 'she/her', 'female', 'woman', 'es', 15, '619'],
];

const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
/** A 9-digit base plus its Luhn check digit (prefix 80840): a well-formed, clearly fake NPI. */
const npi = (base9: string) => `${base9}${npiCheckDigit(base9)}`;

type Plan = Omit<ReferralInput, 'patientId' | 'newPatient' | 'providerId' | 'signature'>;

/**
 * Demo patients, referring providers and referrals for a San Diego clinic (`palpa demo`). Deterministic.
 * About 40 patients (accents, pronouns, preferred names, Spanish and Vietnamese speakers, two minors with a
 * guardian), 4 referring providers with valid NPIs (one is the demo physician's account), and 25 referrals
 * with real ICD-10-CM codes in every status: active, expiring soon, expired, visits exhausted, superseded.
 */
export async function seedPatientsDemo(
  db: Executor,
  options: { clinicId: string; staffUserIds: string[]; physicianUserId: string; now: Date },
): Promise<{ patientIds: string[]; providerIds: string[]; referralIds: string[] }> {
  const { clinicId, physicianUserId, now } = options;
  const staffUserId = options.staffUserIds[0] ?? physicianUserId;
  const today = localDate(now, 'America/Los_Angeles');
  const day = (offset: number) => addDays(today, offset);

  const patientRows = PEOPLE.map(
    ([first, last, preferred, pronouns, sex, gender, language, age, area], i) => {
      const birthYear = Number(today.slice(0, 4)) - age - (i % 3 === 0 ? 1 : 0);
      const month = String(1 + ((i * 5) % 12)).padStart(2, '0');
      const dom = String(1 + ((i * 11) % 28)).padStart(2, '0');
      const dateOfBirth = `${birthYear}-${month}-${dom}`;
      const minor = age < 18;
      const phone = `(${area}) 555-${String(1000 + i * 37).slice(-4)}`;
      return {
        clinicId,
        id: uuidv7(),
        legalFirstName: first,
        legalLastName: last,
        preferredName: preferred,
        pronouns,
        sexAssignedAtBirth: sex,
        genderIdentity: gender,
        dateOfBirth,
        language,
        email: minor
          ? null
          : `${ascii(preferred ?? first.split(' ')[0]!)}.${ascii(last.split(' ')[0]!)}@example.com`,
        phone,
        contactPreferences: {
          channel: (i % 3 === 0 ? 'sms' : i % 3 === 1 ? 'email' : 'phone') as 'sms' | 'email' | 'phone',
          reminders: i % 5 !== 0,
        },
        emergencyContact:
          i % 4 === 0
            ? {
                name: `${i % 8 === 0 ? 'Chris' : 'Alex'} ${last.split(' ')[0]}`,
                relationship: 'spouse',
                phone: `(${area}) 555-0${100 + i}`,
              }
            : null,
        guardian: minor
          ? {
              name: i % 2 ? `Carmen ${last}` : `Kenji ${last}`,
              relationship: i % 2 ? 'mother' : 'father',
              phone: `(${area}) 555-0${200 + i}`,
            }
          : null,
        notes:
          language === 'es'
            ? 'Prefers appointments in Spanish.'
            : language === 'vi'
              ? 'Daughter interprets (Vietnamese).'
              : null,
      };
    },
  );
  await db.insert(patients).values(patientRows);
  const patientIds = patientRows.map((p) => p.id);

  const providerRows = [
    {
      kind: 'physician' as const,
      firstName: 'Carmen',
      lastName: 'Ruiz',
      credentials: 'MD',
      practiceName: 'Hillcrest Spine & Sports Medicine',
      npi: npi('154823671'),
      email: 'dr.ruiz@hillcrest-spine.example',
      phone: '(619) 555-0140',
      fax: '(619) 555-0141',
      addressLine1: '3900 Fifth Ave',
      city: 'San Diego',
      region: 'CA',
      postalCode: '92103',
      userId: physicianUserId,
    },
    {
      kind: 'chiropractor' as const,
      firstName: 'David',
      lastName: 'Nguyen',
      credentials: 'DC',
      practiceName: 'Convoy Chiropractic',
      npi: npi('162534897'),
      email: 'dnguyen@convoychiro.example',
      phone: '(858) 555-0122',
      fax: '(858) 555-0123',
      addressLine1: '4646 Convoy St',
      city: 'San Diego',
      region: 'CA',
      postalCode: '92111',
      userId: null,
    },
    {
      kind: 'physical_therapist' as const,
      firstName: 'Hannah',
      lastName: 'Lindgren',
      credentials: 'PT, DPT',
      practiceName: 'La Jolla Physical Therapy',
      npi: npi('173645298'),
      email: 'hannah@ljpt.example',
      phone: '(858) 555-0177',
      fax: null,
      addressLine1: '7825 Fay Ave',
      city: 'La Jolla',
      region: 'CA',
      postalCode: '92037',
      userId: null,
    },
    {
      kind: 'physician' as const,
      firstName: 'Robert',
      lastName: 'Okonkwo',
      credentials: 'DO',
      practiceName: 'Chula Vista Family Medicine',
      npi: npi('181726354'),
      email: 'rokonkwo@cvfm.example',
      phone: '(619) 555-0190',
      fax: '(619) 555-0191',
      addressLine1: '480 Fourth Ave',
      city: 'Chula Vista',
      region: 'CA',
      postalCode: '91910',
      userId: null,
    },
  ].map((p) => ({ ...p, clinicId, id: uuidv7() }));
  await db.insert(referringProviders).values(providerRows);
  const [ruiz, nguyen, lindgren, okonkwo] = providerRows.map((p) => p.id) as [string, string, string, string];

  // Valid from before the patients' first visits of the last three weeks, so each one counts against it.
  const lowBack: Plan = {
    referralDate: day(-24),
    diagnoses: [{ code: 'M54.50' }],
    techniques: ['myofascial-release', 'trigger-point-therapy'],
    bodyRegions: ['low-back', 'gluteal-left', 'gluteal-right'],
    frequencyPerWeek: 2,
    durationWeeks: 6,
    sessionMinutes: 60,
    validFrom: day(-22),
    precautions: 'L4-L5 herniation: no direct pressure over the lumbar spine',
  };
  const plans: { patient: number; provider: string; plan: Plan; electronic?: boolean; visits?: number }[] = [
    { patient: 0, provider: ruiz, plan: lowBack, electronic: true },
    {
      patient: 1,
      provider: ruiz,
      plan: {
        ...lowBack,
        diagnoses: [{ code: 'M54.41' }],
        bodyRegions: ['low-back', 'thigh-posterior-right', 'calf-right'],
        precautions: 'Right-sided radiculopathy: stop if numbness increases',
      },
      electronic: true,
    },
    {
      patient: 2,
      provider: nguyen,
      plan: {
        referralDate: day(-40),
        diagnoses: [{ code: 'M54.2' }],
        techniques: ['swedish-massage', 'stretching'],
        bodyRegions: ['neck', 'upper-trapezius-left', 'upper-trapezius-right'],
        authorizedVisits: 8,
        sessionMinutes: 45,
        validFrom: day(-38),
        validUntil: day(8),
      },
    },
    {
      patient: 3,
      provider: lindgren,
      plan: {
        referralDate: day(-20),
        diagnoses: [{ code: 'M79.7' }],
        techniques: ['swedish-massage', 'myofascial-release'],
        bodyRegions: ['upper-back', 'low-back', 'shoulder-left', 'shoulder-right'],
        frequencyPerWeek: 1,
        durationWeeks: 8,
        sessionMinutes: 60,
        validFrom: day(-18),
        precautions: 'Fibromyalgia: light to moderate pressure, check in often',
      },
    },
    {
      patient: 4,
      provider: okonkwo,
      plan: {
        referralDate: day(-30),
        diagnoses: [{ code: 'G56.01' }, { code: 'G56.02' }],
        techniques: ['myofascial-release', 'stretching'],
        bodyRegions: ['forearm-left', 'forearm-right', 'wrist-left', 'wrist-right'],
        authorizedVisits: 6,
        sessionMinutes: 30,
        validFrom: day(-28),
        validUntil: day(60),
      },
      visits: 6,
    },
    {
      patient: 5,
      provider: nguyen,
      plan: {
        referralDate: day(-120),
        diagnoses: [{ code: 'S13.4XXD' }],
        techniques: ['myofascial-release', 'positional-release'],
        bodyRegions: ['neck', 'upper-back'],
        frequencyPerWeek: 2,
        durationWeeks: 4,
        sessionMinutes: 45,
        validFrom: day(-118),
        precautions: 'Whiplash aftercare: no cervical manipulation',
        injury: { cause: 'auto_accident', date: day(-130), state: 'CA' },
      },
    },
    {
      patient: 6,
      provider: ruiz,
      plan: {
        referralDate: day(-5),
        diagnoses: [{ code: 'M26.601' }, { code: 'M79.11' }],
        techniques: ['trigger-point-therapy'],
        bodyRegions: ['jaw-right', 'face'],
        authorizedVisits: 6,
        sessionMinutes: 30,
        validFrom: day(-3),
        validUntil: day(90),
      },
      electronic: true,
    },
    {
      patient: 7,
      provider: lindgren,
      plan: {
        referralDate: day(-15),
        diagnoses: [{ code: 'G43.909' }],
        techniques: ['swedish-massage', 'trigger-point-therapy'],
        bodyRegions: ['neck', 'head', 'upper-trapezius-left', 'upper-trapezius-right'],
        frequencyPerWeek: 1,
        durationWeeks: 6,
        sessionMinutes: 60,
        validFrom: day(-14),
      },
    },
    {
      patient: 8,
      provider: okonkwo,
      plan: {
        referralDate: day(-12),
        diagnoses: [{ code: 'M72.2' }],
        techniques: ['deep-tissue-massage', 'stretching'],
        bodyRegions: ['foot-left', 'calf-left'],
        authorizedVisits: 8,
        sessionMinutes: 30,
        validFrom: day(-10),
        validUntil: day(50),
      },
    },
    {
      patient: 9,
      provider: okonkwo,
      plan: {
        referralDate: day(-25),
        diagnoses: [{ code: 'I89.0' }],
        techniques: ['manual-lymphatic-drainage'],
        bodyRegions: ['leg-left'],
        frequencyPerWeek: 2,
        durationWeeks: 8,
        sessionMinutes: 60,
        validFrom: day(-21),
        precautions: 'Lymphoedema: lymphatic drainage only, no deep pressure on the left leg',
      },
    },
    {
      patient: 10,
      provider: ruiz,
      plan: {
        referralDate: day(-8),
        diagnoses: [{ code: 'M54.16' }],
        techniques: ['myofascial-release', 'stretching'],
        bodyRegions: ['low-back'],
        frequencyPerWeek: 2,
        durationWeeks: 6,
        sessionMinutes: 45,
        validFrom: day(-6),
      },
      electronic: true,
    },
    {
      patient: 11,
      provider: lindgren,
      plan: {
        referralDate: day(-60),
        diagnoses: [{ code: 'M75.41' }],
        techniques: ['myofascial-release', 'joint-mobilisation'],
        bodyRegions: ['shoulder-right', 'upper-arm-right'],
        authorizedVisits: 10,
        sessionMinutes: 45,
        validFrom: day(-58),
        validUntil: day(-2),
      },
    },
    {
      patient: 12,
      provider: nguyen,
      plan: {
        referralDate: day(-3),
        diagnoses: [{ code: 'M54.50' }, { code: 'M62.830' }],
        techniques: ['deep-tissue-massage', 'trigger-point-therapy'],
        bodyRegions: ['low-back', 'mid-back'],
        frequencyPerWeek: 1,
        durationWeeks: 4,
        sessionMinutes: 60,
        validFrom: day(2),
      },
    },
    {
      patient: 13,
      provider: okonkwo,
      plan: {
        referralDate: day(-45),
        diagnoses: [{ code: 'M17.11' }],
        techniques: ['swedish-massage', 'stretching'],
        bodyRegions: ['knee-right', 'thigh-anterior-right'],
        authorizedVisits: 4,
        sessionMinutes: 45,
        validFrom: day(-44),
        validUntil: day(30),
      },
      visits: 4,
    },
    {
      patient: 14,
      provider: ruiz,
      plan: {
        referralDate: day(-70),
        diagnoses: [{ code: 'Z47.1' }, { code: 'Z96.651' }],
        techniques: ['manual-lymphatic-drainage', 'swedish-massage'],
        bodyRegions: ['leg-right'],
        frequencyPerWeek: 2,
        durationWeeks: 6,
        sessionMinutes: 45,
        validFrom: day(-68),
        precautions: 'Right knee replacement 10 weeks ago: no deep work over the incision',
      },
    },
    {
      patient: 15,
      provider: lindgren,
      plan: {
        referralDate: day(-11),
        diagnoses: [{ code: 'G44.209' }],
        techniques: ['swedish-massage'],
        bodyRegions: ['neck', 'head'],
        authorizedVisits: 6,
        sessionMinutes: 60,
        validFrom: day(-9),
        validUntil: day(12),
      },
    },
    {
      patient: 16,
      provider: nguyen,
      plan: {
        referralDate: day(-16),
        diagnoses: [{ code: 'M54.32' }],
        techniques: ['myofascial-release', 'positional-release'],
        bodyRegions: ['gluteal-left', 'thigh-posterior-left'],
        frequencyPerWeek: 2,
        durationWeeks: 5,
        sessionMinutes: 60,
        validFrom: day(-14),
      },
    },
    {
      patient: 17,
      provider: okonkwo,
      plan: {
        referralDate: day(-9),
        diagnoses: [{ code: 'M70.61' }],
        techniques: ['myofascial-release'],
        bodyRegions: ['hip-right', 'thigh-anterior-right'],
        authorizedVisits: 8,
        sessionMinutes: 45,
        validFrom: day(-7),
        validUntil: day(70),
      },
    },
    {
      patient: 18,
      provider: ruiz,
      plan: {
        referralDate: day(-90),
        diagnoses: [{ code: 'I97.2' }],
        techniques: ['manual-lymphatic-drainage'],
        bodyRegions: ['arm-left', 'axilla-left'],
        frequencyPerWeek: 2,
        durationWeeks: 8,
        sessionMinutes: 60,
        validFrom: day(-88),
        precautions: 'Post-mastectomy: no blood pressure cuff or deep pressure on the left arm',
      },
      electronic: true,
    },
    {
      patient: 19,
      provider: lindgren,
      plan: {
        referralDate: day(-2),
        diagnoses: [{ code: 'S39.012A' }],
        techniques: ['swedish-massage'],
        bodyRegions: ['low-back'],
        authorizedVisits: 6,
        sessionMinutes: 30,
        validFrom: day(0),
        validUntil: day(45),
      },
    },
    {
      patient: 20,
      provider: nguyen,
      plan: {
        referralDate: day(-35),
        diagnoses: [{ code: 'M79.18' }],
        techniques: ['trigger-point-therapy', 'stretching'],
        bodyRegions: ['upper-back', 'upper-trapezius-left'],
        frequencyPerWeek: 1,
        durationWeeks: 6,
        sessionMinutes: 60,
        validFrom: day(-33),
      },
    },
    {
      patient: 38,
      provider: lindgren,
      plan: {
        referralDate: day(-6),
        diagnoses: [{ code: 'M41.125' }],
        techniques: ['myofascial-release', 'stretching'],
        bodyRegions: ['upper-back', 'mid-back'],
        authorizedVisits: 8,
        sessionMinutes: 45,
        validFrom: day(-4),
        validUntil: day(80),
        precautions: 'Minor: a guardian attends every session',
      },
    },
  ];
  const rows = plans.map((p) =>
    prepareReferral(p.plan, {
      clinicId,
      patientId: patientIds[p.patient]!,
      providerId: p.provider,
      createdBy: p.electronic ? physicianUserId : staffUserId,
      signer: p.electronic
        ? {
            userId: physicianUserId,
            typedName: 'Carmen Ruiz, MD',
            signedAt: new Date(`${p.plan.referralDate}T17:30:00Z`),
          }
        : undefined,
    }),
  );
  // Renewals: three referrals whose predecessor is now superseded.
  const renewalOf = (index: number, provider: string, plan: Plan) =>
    prepareReferral(
      { ...plan, renewsReferralId: rows[index]!.id },
      { clinicId, patientId: rows[index]!.patientId, providerId: provider, createdBy: staffUserId },
    );
  rows.push(
    renewalOf(5, nguyen, {
      referralDate: day(-4),
      diagnoses: [{ code: 'S13.4XXD' }],
      injury: { cause: 'auto_accident', date: day(-130), state: 'CA' },
      techniques: ['myofascial-release'],
      bodyRegions: ['neck'],
      frequencyPerWeek: 1,
      durationWeeks: 6,
      sessionMinutes: 45,
      validFrom: day(-2),
    }),
    renewalOf(11, lindgren, {
      referralDate: day(-1),
      diagnoses: [{ code: 'M75.41' }],
      techniques: ['myofascial-release'],
      bodyRegions: ['shoulder-right'],
      authorizedVisits: 8,
      sessionMinutes: 45,
      validFrom: day(0),
      validUntil: day(60),
    }),
    renewalOf(4, okonkwo, {
      referralDate: day(-1),
      diagnoses: [{ code: 'G56.03' }],
      techniques: ['myofascial-release'],
      bodyRegions: ['wrist-left', 'wrist-right'],
      authorizedVisits: 6,
      sessionMinutes: 30,
      validFrom: day(0),
      validUntil: day(60),
    }),
  );
  // The shoulder renewal: continued care the patient's health plan authorised in advance.
  const shoulder = rows.find((r) => r.renewsReferralId === rows[11]!.id);
  if (shoulder) shoulder.priorAuthorizationNumber = 'EVI-2026-118842';
  await db.insert(referrals).values(rows);
  // The car accident's claim, as the front desk would have it from the insurer.
  const accident = rows.find((r) => r.injuryCause === 'auto_accident');
  if (accident)
    await db.insert(referralClaims).values({
      clinicId,
      referralId: accident.id!,
      carrier: 'Pacific Auto Mutual',
      claimNumber: 'PAM-2026-04417',
      adjusterName: 'Dana Whitfield',
      adjusterPhone: '(619) 555-0143',
      firstContactDate: day(-118),
      updatedBy: staffUserId,
    });

  for (const [i, p] of plans.entries()) {
    for (let v = 0; v < (p.visits ?? 0); v++) {
      await recordReferralVisit(db, {
        clinicId,
        referralId: rows[i]!.id,
        visitDate: day(-20 + v * 3),
        sourceType: 'demo',
        recordedBy: staffUserId,
      });
    }
  }
  // The demo physician sees the patients they referred, and one more the clinic granted.
  const linked = new Set(plans.filter((p) => p.electronic).map((p) => patientIds[p.patient]!));
  await db.insert(physicianPatientLinks).values([
    ...[...linked].map((patientId) => ({
      clinicId,
      patientId,
      userId: physicianUserId,
      reason: 'referral' as const,
    })),
    {
      clinicId,
      patientId: patientIds[14]!,
      userId: physicianUserId,
      reason: 'grant' as const,
      grantedBy: staffUserId,
    },
  ]);
  return { patientIds, providerIds: providerRows.map((p) => p.id), referralIds: rows.map((r) => r.id!) };
}
