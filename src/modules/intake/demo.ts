/**
 * Demo intakes for `palpa demo`: most demo patients get a submitted intake with realistic answers, and a
 * few carry real contraindication flags (the screening engine shows them on the chart header):
 * a DVT in the left calf on anticoagulants, a second-trimester pregnancy, a knee surgery four weeks ago,
 * fever, Raynaud's, a lumbar disc herniation, and lymphoedema with controlled heart failure (with a
 * physician clearance for lymphatic drainage on file). One patient has a draft in progress and one none.
 * It goes through the same service functions as the API, so demo data passes the same checks (every
 * health-history checklist item is answered: the patient's conditions "yes", the rest "no").
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Database } from '../../db/connection.ts';
import { clinics, intakeResponses, memberships, patients } from '../../db/schema/index.ts';
import { recordClearance } from '../safety/service.ts';
import { checklistCodes } from './questionnaire-v1.ts';
import { CURRENT_QUESTIONNAIRE_VERSION, questionnaire } from './questionnaires.ts';
import { answerRemainingNo, type IntakeAnswers } from './schemas.ts';
import { consentTextHash, saveAnswers, startDraft, submitIntake } from './service.ts';

type Flagged = 'dvt' | 'pregnancy' | 'knee-surgery' | 'fever' | 'raynauds' | 'disc' | 'lymphoedema';
const FLAGGED: readonly Flagged[] = [
  'dvt',
  'pregnancy',
  'knee-surgery',
  'fever',
  'raynauds',
  'disc',
  'lymphoedema',
];

interface Day {
  /** Clinic-local date `n` days before today. */
  ago(days: number): string;
}

const BASE: IntakeAnswers = {
  conditions: [],
  medications: [],
  allergies: [],
  surgeries: [],
  pregnancy: { pregnant: false },
  implants: [],
};

/** Ordinary patients: desk-work neck pain, runners, tension headaches… with no red flags. */
const ORDINARY: readonly IntakeAnswers[] = [
  {
    currentSymptoms: 'Stiff neck and tight shoulders by the end of the work day; headaches twice a week.',
    pain: { level: 5, regions: ['neck-posterior', 'upper-trapezius-left', 'upper-trapezius-right'] },
    lifestyle: {
      occupation: 'Software developer',
      hoursSittingPerDay: 9,
      activityLevel: 'light',
      sports: 'Cycling at weekends',
    },
    goals: 'Fewer headaches and being able to turn my head fully when driving.',
    pressurePreference: 'firm',
    allergies: [{ kind: 'fragrances', detail: 'Strong perfumes give me a headache' }],
  },
  {
    currentSymptoms: 'Tight calves and a sore right heel in the morning.',
    pain: { level: 3, regions: ['calf-left', 'calf-right', 'foot-right'] },
    lifestyle: {
      occupation: 'Teacher',
      hoursSittingPerDay: 3,
      activityLevel: 'vigorous',
      sports: 'Half-marathon training',
    },
    goals: 'Run my next half-marathon without heel pain.',
    pressurePreference: 'deep',
    draping: 'standard',
  },
  {
    currentSymptoms: 'Low back ache after long drives.',
    pain: { level: 4, regions: ['low-back', 'gluteal-left'] },
    lifestyle: { occupation: 'Delivery driver', hoursSittingPerDay: 8, activityLevel: 'light' },
    goals: 'Get through a full shift without back pain.',
    pressurePreference: 'moderate',
    medications: [{ class: 'blood-pressure', name: 'Lisinopril 10 mg' }],
  },
  {
    currentSymptoms: 'Jaw clenching and tension headaches.',
    pain: { level: 3, regions: ['jaw-left', 'jaw-right', 'head'] },
    lifestyle: { occupation: 'Accountant', hoursSittingPerDay: 10, activityLevel: 'sedentary' },
    goals: 'Relax my jaw and sleep better.',
    pressurePreference: 'light',
    draping: 'more-covered',
    areasToAvoid: 'Abdomen',
    comfortNotes: 'A quiet session, please; I like the door left ajar.',
    allergies: [{ kind: 'nuts', detail: 'Almonds' }],
  },
  {
    currentSymptoms: 'Right shoulder pain when lifting my arm overhead.',
    pain: { level: 6, regions: ['shoulder-right', 'upper-arm-right'] },
    lifestyle: {
      occupation: 'Painter and decorator',
      hoursSittingPerDay: 1,
      activityLevel: 'vigorous',
      sports: 'Swimming',
    },
    goals: 'Work overhead again without pain.',
    pressurePreference: 'firm',
    implants: [{ description: 'Titanium screw from an old wrist fracture', site: ['wrist-left'] }],
  },
  {
    currentSymptoms: 'General stiffness; I want to keep moving well.',
    pain: { level: 2, regions: ['mid-back'] },
    lifestyle: {
      occupation: 'Retired',
      hoursSittingPerDay: 5,
      activityLevel: 'moderate',
      sports: 'Walking and yoga',
    },
    goals: 'Stay flexible and reduce stiffness in the morning.',
    pressurePreference: 'moderate',
    draping: 'clothed',
    comfortNotes: 'A warm table helps my joints.',
    allergies: [{ kind: 'latex' }],
  },
];

function flaggedAnswers(kind: Flagged, day: Day): IntakeAnswers {
  switch (kind) {
    case 'dvt':
      return {
        conditions: [
          { code: 'dvt', site: ['calf-left'], onset: day.ago(21), note: 'Diagnosed by ultrasound' },
        ],
        medications: [{ class: 'anticoagulant', name: 'Apixaban 5 mg twice daily', startedOn: day.ago(21) }],
        currentSymptoms: 'Aching upper back and neck since I have been less active.',
        pain: { level: 4, regions: ['upper-back', 'neck-posterior'] },
        lifestyle: { occupation: 'Office manager', hoursSittingPerDay: 8, activityLevel: 'light' },
        goals: 'Ease the tension in my upper back while my leg heals.',
        pressurePreference: 'moderate',
      };
    case 'pregnancy':
      return {
        pregnancy: { pregnant: true, weeks: 20, highRisk: false },
        currentSymptoms: 'Low back ache and swollen ankles in the evening.',
        pain: { level: 4, regions: ['low-back', 'sacrum'] },
        lifestyle: {
          occupation: 'Nurse',
          hoursSittingPerDay: 2,
          activityLevel: 'moderate',
          sports: 'Prenatal yoga',
        },
        goals: 'Relief from back ache as the pregnancy goes on.',
        pressurePreference: 'moderate',
      };
    case 'knee-surgery':
      return {
        surgeries: [
          {
            date: day.ago(28),
            site: ['knee-right'],
            description: 'Arthroscopic meniscus repair, right knee',
          },
        ],
        medications: [{ class: 'opioid', name: 'Tramadol as needed', startedOn: day.ago(28) }],
        currentSymptoms: 'Tight right thigh and hip since the surgery; walking with a limp.',
        pain: { level: 5, regions: ['thigh-anterior-right', 'hip-right', 'knee-right'] },
        mobilityLimits: 'Cannot kneel; stairs are slow.',
        lifestyle: {
          occupation: 'Chef',
          hoursSittingPerDay: 1,
          activityLevel: 'moderate',
          sports: 'Soccer (paused)',
        },
        goals: 'Get back to soccer after rehab.',
        pressurePreference: 'firm',
      };
    case 'fever':
      return {
        conditions: [{ code: 'fever', onset: day.ago(1), note: '38.4 °C last night' }],
        currentSymptoms: 'Neck and shoulder tension; I also have a fever since yesterday.',
        pain: { level: 3, regions: ['neck-posterior', 'shoulder-left'] },
        lifestyle: { occupation: 'Graphic designer', hoursSittingPerDay: 9, activityLevel: 'light' },
        goals: 'Release neck tension from screen work.',
        pressurePreference: 'moderate',
      };
    case 'raynauds':
      return {
        conditions: [{ code: 'raynauds', site: ['hand-left', 'hand-right'] }],
        currentSymptoms: 'Forearm tightness from typing; my fingers go white in the cold.',
        pain: { level: 4, regions: ['forearm-left', 'forearm-right', 'wrist-right'] },
        lifestyle: {
          occupation: 'Court reporter',
          hoursSittingPerDay: 8,
          activityLevel: 'light',
          sports: 'Climbing',
        },
        goals: 'Type all day without forearm pain.',
        pressurePreference: 'firm',
        allergies: [{ kind: 'massage-oils', detail: 'Coconut oil makes my skin itch' }],
      };
    case 'disc':
      return {
        conditions: [
          { code: 'herniated-disc', site: ['low-back'], onset: day.ago(120), note: 'L4-L5 on MRI' },
        ],
        currentSymptoms: 'Low back pain with tingling down the back of the left leg when I sit too long.',
        pain: { level: 6, regions: ['low-back', 'gluteal-left', 'thigh-posterior-left'] },
        mobilityLimits: 'Bending forward and lying flat on my front are painful.',
        lifestyle: { occupation: 'Warehouse supervisor', hoursSittingPerDay: 4, activityLevel: 'moderate' },
        goals: 'Sit through a film and lift my kids without pain.',
        pressurePreference: 'moderate',
      };
    case 'lymphoedema':
      return {
        conditions: [
          { code: 'lymphoedema', site: ['arm-left'], onset: day.ago(400), note: 'After lymph node removal' },
          { code: 'heart-failure-controlled', note: 'Stable on medication, followed by cardiology' },
        ],
        medications: [
          { class: 'blood-pressure', name: 'Metoprolol' },
          { class: 'other', name: 'Furosemide' },
        ],
        surgeries: [
          { date: day.ago(420), site: ['axilla-left'], description: 'Axillary lymph node dissection' },
        ],
        currentSymptoms: 'Swelling and heaviness in the left arm.',
        pain: { level: 2, regions: ['upper-arm-left', 'forearm-left'] },
        lifestyle: { occupation: 'Librarian', hoursSittingPerDay: 6, activityLevel: 'light' },
        goals: 'Keep the swelling in my arm down.',
        pressurePreference: 'light',
      };
  }
}

export async function seedIntakeDemo(
  db: Database,
  input: { clinicId: string; patientIds: readonly string[]; now: Date },
): Promise<{ submitted: number; drafts: number; clearances: number }> {
  const { clinicId, now } = input;
  if (input.patientIds.length === 0) return { submitted: 0, drafts: 0, clearances: 0 };
  const [clinic] = await db
    .select({ timeZone: clinics.timeZone })
    .from(clinics)
    .where(eq(clinics.id, clinicId));
  const zone = clinic?.timeZone ?? 'UTC';
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const day: Day = { ago: (days) => today.minus({ days }).toISODate()! };

  const rows = await db
    .select({
      id: patients.id,
      first: patients.legalFirstName,
      last: patients.legalLastName,
      sex: patients.sexAssignedAtBirth,
    })
    .from(patients)
    .where(and(eq(patients.clinicId, clinicId), inArray(patients.id, [...input.patientIds])));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const existing = await db
    .select({ id: intakeResponses.id })
    .from(intakeResponses)
    .where(
      and(eq(intakeResponses.clinicId, clinicId), inArray(intakeResponses.patientId, [...input.patientIds])),
    )
    .limit(1);
  // Seeded once: if these patients already have questionnaires, the demo intakes are in place.
  if (existing.length > 0) return { submitted: 0, drafts: 0, clearances: 0 };
  const ids = input.patientIds.filter((id) => byId.has(id));

  // The pregnancy goes to a patient recorded as female when there is one.
  const plan = new Map<string, Flagged | 'ordinary' | 'draft' | 'none'>();
  const remaining = [...ids];
  const take = (prefer?: (id: string) => boolean) => {
    const index = prefer ? remaining.findIndex(prefer) : -1;
    return remaining.splice(Math.max(index, 0), 1)[0];
  };
  for (const flag of FLAGGED) {
    const id = take(flag === 'pregnancy' ? (p) => /^f/i.test(byId.get(p)?.sex ?? '') : undefined);
    if (id) plan.set(id, flag);
  }
  remaining.forEach((id, i) => {
    // Roughly one in eight ordinary patients is mid-way through the form, one in eight has not started.
    plan.set(id, i % 8 === 6 ? 'draft' : i % 8 === 7 ? 'none' : 'ordinary');
  });

  const definition = questionnaire(CURRENT_QUESTIONNAIRE_VERSION);
  const link = { userId: null, via: 'link' as const };
  let submitted = 0;
  let drafts = 0;
  let ordinary = 0;
  let lymphoedemaPatient: string | undefined;
  for (const [patientId, kind] of plan) {
    if (kind === 'none') continue;
    const patient = byId.get(patientId)!;
    const given: IntakeAnswers =
      kind === 'ordinary' || kind === 'draft'
        ? { ...BASE, ...ORDINARY[ordinary++ % ORDINARY.length] }
        : { ...BASE, ...flaggedAnswers(kind, day) };
    // Every checklist item answered, as submit requires: the conditions above "yes", all the others "no".
    const answers: IntakeAnswers = {
      ...given,
      conditions: answerRemainingNo(checklistCodes(definition), given.conditions),
    };
    // Recent flags were reported a day or so ago; ordinary intakes were filled in over the last weeks.
    const submittedAt = DateTime.fromJSDate(now)
      .minus({ days: kind === 'ordinary' ? 3 + (ordinary % 20) : kind === 'fever' ? 0 : 1, hours: 2 })
      .toJSDate();
    const { row } = await startDraft(db, { clinicId, patientId, actor: link, now: submittedAt });
    if (kind === 'draft') {
      const { goals: _goals, pressurePreference: _pressure, ...partial } = answers;
      await saveAnswers(db, { clinicId, patientId, intakeId: row.id, patch: partial, now: submittedAt });
      drafts++;
      continue;
    }
    await submitIntake(db, {
      clinicId,
      patientId,
      intakeId: row.id,
      patch: {
        ...answers,
        consent: {
          agreed: true,
          typedName: `${patient.first} ${patient.last}`,
          textVersion: definition.consent.version,
          textHash: consentTextHash(definition.consent.text),
        },
      },
      actor: link,
      now: submittedAt,
    });
    submitted++;
    if (kind === 'lymphoedema') lymphoedemaPatient = patientId;
  }

  let clearances = 0;
  if (lymphoedemaPatient) {
    const [staff] = await db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(
        and(
          eq(memberships.clinicId, clinicId),
          inArray(memberships.role, ['therapist', 'owner']),
          isNull(memberships.disabledAt),
        ),
      )
      .limit(1);
    await recordClearance(db, {
      clinicId,
      patientId: lymphoedemaPatient,
      ruleIds: ['heart-failure-controlled-mld'],
      physicianName: 'Dr. Priya Raman, MD (cardiology)',
      clearedOn: day.ago(10),
      expiresOn: today.plus({ months: 6 }).toISODate()!,
      note: 'Heart failure stable; lymphatic drainage of the left arm approved, monitor for breathlessness.',
      today: today.toISODate()!,
      recordedBy: staff?.userId ?? null,
    });
    clearances++;
  }
  return { submitted, drafts, clearances };
}
