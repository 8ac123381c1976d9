/**
 * Clinical demo data for `palpa demo`: for about 12 patients with referrals, a signed initial evaluation
 * (ROM, outcome measures), a signed plan (every other one signed by the physician) and 3–10 signed session
 * notes with realistic treatment rows and outcome trends: NPRS falling and the disability measure
 * improving past its MCID for most, one patient with no meaningful change, one worse. One note is amended,
 * and one draft is left unsigned for more than 24 hours (the first therapist's to-do list).
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Executor } from '../../db/connection.ts';
import {
  assessments,
  referrals,
  sessionNotes,
  treatmentPlanSignatures,
  treatmentPlans,
  treatmentPlanVersions,
  users,
} from '../../db/schema/index.ts';
import {
  expandSites,
  getRegion,
  isSiteId,
  type RegionId,
  type SiteId,
} from '../../domain/catalog/body-regions.ts';
import type { TechniqueId } from '../../domain/catalog/techniques.ts';
import type { InstrumentId } from '../../domain/outcomes/types.ts';
import { addAmendment } from '../clinical/records.ts';
import { administer } from '../outcome-measures/service.ts';
import { addDays, localDate } from '../patients/dates.ts';
import type { PlanContent } from '../plans/service.ts';
import { planSignedContent, signatureHash } from '../plans/service.ts';
import { visitsAllowed } from '../referrals/status.ts';
import { recordReferralVisit, visitsUsed } from '../referrals/visits.ts';
import { screenTreatment } from '../safety/service.ts';
import type { NoteContent } from './schemas.ts';
import { billingColumns } from './service.ts';

const ZONE = 'America/Los_Angeles';
type Trend = 'improved' | 'unchanged' | 'worse';

/** Integer answers of `n` items in [min, max] summing to `sum` (spread evenly). */
function spread(sum: number, n: number, min: number, max: number): number[] {
  const clamped = Math.max(min * n, Math.min(max * n, Math.round(sum)));
  const base = Math.floor(clamped / n);
  const extra = clamped - base * n;
  return Array.from({ length: n }, (_, i) => Math.min(max, base + (i < extra ? 1 : 0)));
}
const answersOf = (prefix: string, values: number[]) =>
  Object.fromEntries(values.map((v, i) => [`${prefix}${i + 1}`, v]));

/** The disability measure for the treated area, with score → answers and start/end scores per trend. */
function instrumentFor(regions: RegionId[]): {
  id: InstrumentId;
  answers: (score: number) => Record<string, number>;
  course: Record<Trend, [number, number]>;
} {
  const groups = new Set(regions.map((r) => getRegion(r).group));
  if (groups.has('neck') || groups.has('head'))
    return {
      id: 'ndi',
      answers: (s) => answersOf('q', spread(s, 10, 0, 5)),
      course: { improved: [22, 8], unchanged: [20, 17], worse: [18, 29] },
    };
  if (groups.has('arm-left') || groups.has('arm-right'))
    return {
      id: 'quickdash',
      answers: (s) => answersOf('q', spread((s / 25 + 1) * 11, 11, 1, 5)),
      course: { improved: [50, 25], unchanged: [45, 39], worse: [30, 48] },
    };
  if (groups.has('leg-left') || groups.has('leg-right'))
    return {
      id: 'lefs',
      answers: (s) => answersOf('q', spread(s, 20, 0, 4)),
      course: { improved: [40, 60], unchanged: [45, 49], worse: [50, 38] },
    };
  return {
    id: 'odi',
    answers: (s) => answersOf('q', spread(s / 2, 10, 0, 5)),
    course: { improved: [44, 20], unchanged: [40, 36], worse: [30, 44] },
  };
}

const lerp = ([a, b]: [number, number], f: number) => a + (b - a) * f;

/** A visit a signed demo note documents. */
export interface DemoVisit {
  patientId: string;
  therapistId: string;
  noteId: string;
  referralId: string;
  visitDate: string;
}

export async function seedClinicalDemo(
  db: Executor,
  options: {
    clinicId: string;
    therapistUserIds: string[];
    physicianUserId: string;
    now: Date;
    /** A patient treated first (the portal patient), so their portal shows progress, goals and exercises. */
    treatFirst?: string;
  },
): Promise<{
  patientIds: string[];
  therapistOf: Map<string, string>;
  visits: DemoVisit[];
  planIds: string[];
  noteIds: string[];
  draftNoteId: string | null;
}> {
  const { clinicId, now, physicianUserId } = options;
  const today = localDate(now, ZONE);
  const therapists = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, options.therapistUserIds));
  const nameOf = new Map(therapists.map((t) => [t.id, t.name]));
  const [physician] = await db
    .select({ name: users.displayName })
    .from(users)
    .where(eq(users.id, physicianUserId));

  const all = await db
    .select()
    .from(referrals)
    .where(eq(referrals.clinicId, clinicId))
    .orderBy(asc(referrals.id));
  // A treated patient's course never uses more visits than their referral still allows (the referrals demo
  // has already counted some), so no referral reads "13 of 6 visits used".
  const used = await visitsUsed(
    db,
    clinicId,
    all.map((r) => r.id),
  );
  const chosen: { referral: (typeof all)[number]; visits: number }[] = [];
  const seen = new Set<string>();
  const first = (r: (typeof all)[number]) => (r.patientId === options.treatFirst ? 0 : 1);
  for (const r of [...all].sort((a, b) => first(a) - first(b))) {
    if (seen.has(r.patientId) || (r.validUntil !== null && r.validUntil < today) || r.validFrom > today)
      continue;
    const allowed = visitsAllowed(r);
    const visits = Math.min(
      3 + ((chosen.length * 5) % 8), // 3–10 signed notes
      allowed === null ? Number.POSITIVE_INFINITY : allowed - (used.get(r.id) ?? 0),
    );
    if (visits < 3) continue;
    seen.add(r.patientId);
    chosen.push({ referral: r, visits });
    if (chosen.length === 12) break;
  }

  const result = {
    patientIds: [] as string[],
    /** Each treated patient's therapist, so the demo schedule books them with the same person. */
    therapistOf: new Map<string, string>(),
    /** The visits the signed notes document, for the schedule's history. */
    visits: [] as DemoVisit[],
    planIds: [] as string[],
    noteIds: [] as string[],
    draftNoteId: null as string | null,
  };
  for (const [i, { referral, visits }] of chosen.entries()) {
    const therapistId = options.therapistUserIds[i % options.therapistUserIds.length]!;
    const typedName = nameOf.get(therapistId) ?? 'Therapist';
    const trend: Trend = i === 3 ? 'unchanged' : i === 7 ? 'worse' : 'improved';
    const start = addDays(today, -(visits * 4 + 3));
    const at = (date: string, hour: number) =>
      new Date(`${date}T${String(hour).padStart(2, '0')}:00:00-08:00`);

    const sites = (referral.bodyRegions.length > 0 ? referral.bodyRegions : ['low-back']).filter(
      isSiteId,
    ) as SiteId[];
    const regions = expandSites(sites).slice(0, 3);
    let techniques = (
      referral.techniques.length > 0 ? referral.techniques : ['myofascial-release', 'trigger-point-therapy']
    ) as TechniqueId[];
    let screening = await screenTreatment(db, {
      clinicId,
      patientId: referral.patientId,
      proposed: { techniques, regions },
      onDate: start,
    });
    if (screening.blocked) {
      techniques = ['swedish-massage', 'positional-release'];
      screening = await screenTreatment(db, {
        clinicId,
        patientId: referral.patientId,
        proposed: { techniques, regions, pressure: 'light' },
        onDate: start,
      });
      if (screening.blocked) continue;
    }
    const instrument = instrumentFor(regions);
    const course = instrument.course[trend];
    const nprs: [number, number] = trend === 'improved' ? [7, 2] : trend === 'unchanged' ? [6, 5] : [5, 8];

    // Initial evaluation (signed), with baseline NPRS and the disability measure.
    const evaluationId = uuidv7();
    const painRegion = regions[0]!;
    await db.insert(assessments).values({
      clinicId,
      id: evaluationId,
      patientId: referral.patientId,
      kind: 'initial',
      referralId: referral.id,
      assessedOn: start,
      content: {
        chiefComplaint: 'Pain and stiffness limiting work and sleep',
        posture: 'Forward head posture, rounded shoulders',
        gait: 'Unremarkable',
        palpation: {
          tone: 'hypertonic',
          tenderness: `Tender over ${getRegion(painRegion).label.toLowerCase()}`,
          temperature: 'normal',
          texture: 'Ropy, dense tissue',
          triggerPoints: [
            { region: painRegion, referralPattern: 'Local and spreading toward the nearest joint' },
          ],
        },
        bodyChart: [{ region: painRegion, kind: 'pain', intensity: nprs[0] }],
        rom:
          instrument.id === 'ndi'
            ? [{ jointMotion: 'cervical.rotation', side: 'left', value: 55 }]
            : instrument.id === 'odi'
              ? [{ jointMotion: 'lumbar.flexion', value: 40 }]
              : instrument.id === 'lefs'
                ? [
                    {
                      jointMotion: 'ankle.dorsiflexion',
                      side: painRegion.endsWith('left') ? 'left' : 'right',
                      value: 12,
                    },
                  ]
                : [
                    {
                      jointMotion: 'wrist.extension',
                      side: painRegion.endsWith('left') ? 'left' : 'right',
                      value: 55,
                    },
                  ],
      },
      authorId: therapistId,
      createdAt: at(start, 9),
      updatedAt: at(start, 9),
    });
    const baselineAnswers = {
      clinicId,
      patientId: referral.patientId,
      administeredOn: start,
      administeredBy: therapistId,
    };
    await administer(db, {
      ...baselineAnswers,
      instrumentId: 'nprs',
      answers: { pain: nprs[0] },
      assessmentId: evaluationId,
    });
    await administer(db, {
      ...baselineAnswers,
      instrumentId: instrument.id,
      answers: instrument.answers(course[0]),
      assessmentId: evaluationId,
    });
    await db
      .update(assessments)
      .set({ status: 'signed', signedAt: at(start, 11), signatureTypedName: typedName })
      .where(and(eq(assessments.clinicId, clinicId), eq(assessments.id, evaluationId)));

    // The plan of care (version 1), screened, precautions acknowledged by the therapist.
    const planId = uuidv7();
    const content: PlanContent = {
      diagnoses: referral.diagnoses,
      problems: ['Pain limits daily activities', 'Muscle hypertonicity and trigger points'],
      goals: [
        {
          id: uuidv7(),
          kind: 'instrument',
          instrumentId: instrument.id,
          baseline: course[0],
          target: instrument.id === 'lefs' ? Math.min(80, course[0] + 15) : Math.max(0, course[0] - 15),
          dueDate: addDays(start, 42),
        },
        {
          id: uuidv7(),
          kind: 'instrument',
          instrumentId: 'nprs',
          baseline: nprs[0],
          target: Math.max(0, nprs[0] - 3),
          dueDate: addDays(start, 42),
        },
        {
          id: uuidv7(),
          kind: 'functional',
          patientWords: 'Get through a work day without pain',
          dueDate: addDays(start, 42),
        },
      ],
      homeCare: {
        exercises: [{ id: instrument.id === 'ndi' ? 'upper-trapezius-stretch' : 'knee-to-chest' }],
        advice: ['hydration', 'posture-breaks'],
      },
    };
    const planRow = {
      clinicId,
      id: planId,
      patientId: referral.patientId,
      referralId: referral.id,
      createdBy: therapistId,
      createdAt: at(start, 12),
    };
    await db.insert(treatmentPlans).values(planRow);
    const version = {
      clinicId,
      planId,
      version: 1,
      content: content as unknown as Record<string, unknown>,
      techniques,
      regions,
      frequencyPerWeek: referral.frequencyPerWeek ?? 2,
      durationWeeks: referral.durationWeeks ?? 6,
      plannedVisits: Math.min(365, (referral.frequencyPerWeek ?? 2) * (referral.durationWeeks ?? 6)),
      sessionMinutes: Math.min(90, Math.max(30, referral.sessionMinutes ?? 60)),
      startDate: start,
      reEvaluationDate: addDays(start, 30),
      screening: {
        onDate: screening.onDate,
        status: screening.status,
        findingKeys: screening.findings.map((f) => f.key),
        clearanceIds: screening.findings.flatMap((f) => (f.clearance ? [f.clearance.clearanceId] : [])),
      },
      precautionsAcknowledged: screening.findings
        .filter((f) => !f.blocking && !f.acknowledged)
        .map((f) => ({
          key: f.key,
          ruleId: f.ruleId,
          subject: f.subject,
          restriction: f.restriction,
          acknowledgedBy: therapistId,
          acknowledgedAt: at(start, 12).toISOString(),
        })),
      changeReason: null,
      createdBy: therapistId,
      createdAt: at(start, 12),
    };
    await db.insert(treatmentPlanVersions).values(version);
    if (i % 2 === 0 && physician) {
      const signedAt = at(addDays(start, 3), 16);
      const typed = physician.name;
      const [storedVersion] = await db
        .select()
        .from(treatmentPlanVersions)
        .where(and(eq(treatmentPlanVersions.clinicId, clinicId), eq(treatmentPlanVersions.planId, planId)));
      await db.insert(treatmentPlanSignatures).values({
        clinicId,
        id: uuidv7(),
        planId,
        version: 1,
        physicianUserId,
        typedName: typed,
        signedAt,
        signatureHash: signatureHash(
          planSignedContent(planRow, storedVersion!, { userId: physicianUserId, typedName: typed, signedAt }),
        ),
      });
    }

    // Signed notes, twice a week; outcome measures at the middle and the last visit.
    const techniqueRows = (pain: number) => {
      const rows = techniques.map((techniqueId, k) => ({
        techniqueId,
        region: regions[k % regions.length]!,
        minutes: k === 0 ? 25 : 15,
        pressure: (pain >= 6 ? 'moderate' : 'firm') as 'moderate' | 'firm',
      }));
      return screening.findings.some((f) => f.maxPressure === 'light')
        ? rows.map((r) => ({ ...r, pressure: 'light' as const }))
        : rows;
    };
    for (let v = 0; v < visits; v++) {
      const visitDate = addDays(start, 4 + Math.floor(v * 3.5));
      const f = visits === 1 ? 1 : v / (visits - 1);
      const pain = Math.round(lerp(nprs, f));
      const noteContent: NoteContent = {
        subjective: {
          painToday: pain,
          changeSinceLastVisit:
            v === 0 ? 'same' : trend === 'improved' ? 'better' : trend === 'worse' ? 'worse' : 'same',
          pressurePreference: 'moderate',
          healthChanges: { changed: false },
          painMedication:
            v === 0
              ? 'same'
              : trend === 'improved'
                ? f >= 0.5
                  ? 'none'
                  : 'less'
                : trend === 'worse'
                  ? 'more'
                  : 'same',
        },
        objective: {
          findings: 'Hypertonicity easing with treatment',
          bodyChart: [{ region: painRegion, kind: 'pain', intensity: pain }],
        },
        treatment: {
          rows: techniqueRows(pain),
          position: ['prone', 'supine'],
          pressureFeedback: 'just-right',
          response: trend === 'worse' ? 'Tolerated; soreness reported' : 'Tissue softened, range improved',
        },
        assessment: {
          goalProgress: content.goals.map((g) => ({
            goalId: g.id,
            progress: trend === 'improved' ? 'progressing' : trend === 'worse' ? 'regressed' : 'no-change',
          })),
        },
        plan: {
          nextFocus: `Continue on ${getRegion(painRegion).label.toLowerCase()}`,
          homeCareChanges: 'None',
        },
        pain: { before: pain, after: Math.max(0, pain - 2) },
      };
      const noteId = uuidv7();
      await db.insert(sessionNotes).values({
        clinicId,
        id: noteId,
        patientId: referral.patientId,
        planId,
        authorId: therapistId,
        visitDate,
        content: noteContent,
        ...billingColumns(noteContent),
        screening: { onDate: visitDate, status: screening.status, blocked: false, findings: [] },
        createdAt: at(visitDate, 10),
        updatedAt: at(visitDate, 11),
      });
      result.visits.push({
        patientId: referral.patientId,
        therapistId,
        noteId,
        referralId: referral.id,
        visitDate,
      });
      const measured = v === visits - 1 || v === Math.floor((visits - 1) / 2);
      if (measured) {
        const score = lerp(course, f);
        const common = {
          clinicId,
          patientId: referral.patientId,
          administeredOn: visitDate,
          administeredBy: therapistId,
          sessionNoteId: noteId,
        };
        await administer(db, { ...common, instrumentId: 'nprs', answers: { pain } });
        await administer(db, { ...common, instrumentId: instrument.id, answers: instrument.answers(score) });
      }
      const visit = await recordReferralVisit(db, {
        clinicId,
        referralId: referral.id,
        visitDate,
        sourceType: 'session_note',
        sourceId: noteId,
        recordedBy: therapistId,
      });
      await db
        .update(sessionNotes)
        .set({
          status: 'signed',
          signedAt: at(visitDate, 11),
          signatureTypedName: typedName,
          referralVisitId: visit.id,
        })
        .where(and(eq(sessionNotes.clinicId, clinicId), eq(sessionNotes.id, noteId)));
      result.noteIds.push(noteId);
      if (i === 0 && v === 1)
        await addAmendment(db, {
          clinicId,
          patientId: referral.patientId,
          link: { sessionNoteId: noteId },
          authorId: therapistId,
          at: at(addDays(visitDate, 1), 9),
          reason: 'Pain after the session was entered wrongly',
          current: noteContent,
          patch: { pain: { after: Math.max(0, pain - 3) } },
        });
    }

    // The first therapist left yesterday's note unsigned (on their to-do list).
    if (i === 0) {
      const draftId = uuidv7();
      const visitDate = addDays(today, -2);
      const draft: NoteContent = {
        subjective: { painToday: nprs[1], pressurePreference: 'moderate' },
        treatment: { rows: techniqueRows(nprs[1]) },
        pain: { before: nprs[1] },
      };
      await db.insert(sessionNotes).values({
        clinicId,
        id: draftId,
        patientId: referral.patientId,
        planId,
        authorId: therapistId,
        visitDate,
        content: draft,
        ...billingColumns(draft),
        createdAt: new Date(now.getTime() - 30 * 3_600_000),
        updatedAt: new Date(now.getTime() - 30 * 3_600_000),
      });
      result.draftNoteId = draftId;
    }
    result.patientIds.push(referral.patientId);
    result.therapistOf.set(referral.patientId, therapistId);
    result.planIds.push(planId);
  }
  return result;
}
