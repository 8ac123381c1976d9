/**
 * Demo data of the reports capability: signed progress reports (and one discharge summary) for demo patients who
 * have a plan and signed notes, delivered to the demo physician (linked to them) so `physician@demo.palpa.test`
 * can open them; home-care logs for patients with a home program; one open records request.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Executor } from '../../db/connection.ts';
import {
  homeCareLogs,
  physicianPatientLinks,
  recordsRequests,
  sessionNotes,
  treatmentPlans,
  users,
} from '../../db/schema/index.ts';
import { currentProgram } from '../home-care-log/service.ts';
import { addDays, localDate } from '../patients/dates.ts';
import { createDraft, deliverReport, markSigned } from './service.ts';

const ZONE = 'America/Los_Angeles';

export async function seedReportsDemo(
  db: Executor,
  options: { clinicId: string; therapistUserIds: string[]; physicianUserId: string; now: Date },
): Promise<{
  reportIds: string[];
  dischargeSummaryId: string | null;
  homeCareLogs: number;
  recordsRequestId: string | null;
}> {
  const { clinicId, physicianUserId, now } = options;
  const today = localDate(now, ZONE);
  const plans = await db
    .select()
    .from(treatmentPlans)
    .where(eq(treatmentPlans.clinicId, clinicId))
    .orderBy(asc(treatmentPlans.id));
  const signedNotes = await db
    .select({ patientId: sessionNotes.patientId, authorId: sessionNotes.authorId })
    .from(sessionNotes)
    .where(and(eq(sessionNotes.clinicId, clinicId), eq(sessionNotes.status, 'signed')));
  const treated = plans.filter((p) => signedNotes.some((n) => n.patientId === p.patientId));
  const result = {
    reportIds: [] as string[],
    dischargeSummaryId: null as string | null,
    homeCareLogs: 0,
    recordsRequestId: null as string | null,
  };
  const names = new Map(
    (
      await db
        .select({ id: users.id, name: users.displayName })
        .from(users)
        .where(
          inArray(users.id, [...new Set(treated.map((p) => p.createdBy))].concat(options.therapistUserIds)),
        )
    ).map((u) => [u.id, u.name]),
  );

  // Home-care logs: the last 10 days, most exercises done (first, so the reports count them).
  for (const plan of treated) {
    const program = await currentProgram(db, clinicId, plan.patientId);
    if (!program.plan || program.plan.id !== plan.id || program.exercises.length === 0) continue;
    for (let d = 9; d >= 0; d--) {
      const performedOn = addDays(today, -d);
      if (program.startDate && performedOn < program.startDate) continue;
      for (const [k, exercise] of program.exercises.entries()) {
        if ((d + k) % 4 === 3) continue; // about three days in four
        await db
          .insert(homeCareLogs)
          .values({
            clinicId,
            id: uuidv7(),
            patientId: plan.patientId,
            planId: plan.id,
            exerciseId: exercise.id,
            performedOn,
            done: true,
            sets: 2,
            loggedBy: plan.createdBy,
            createdAt: now,
            updatedAt: now,
          })
          .onConflictDoNothing();
        result.homeCareLogs++;
      }
    }
  }

  for (const [i, plan] of treated.slice(0, 4).entries()) {
    // The demo physician is linked to the patients whose reports they receive.
    const [link] = await db
      .select()
      .from(physicianPatientLinks)
      .where(
        and(
          eq(physicianPatientLinks.clinicId, clinicId),
          eq(physicianPatientLinks.patientId, plan.patientId),
          eq(physicianPatientLinks.userId, physicianUserId),
          isNull(physicianPatientLinks.revokedAt),
        ),
      );
    if (!link)
      await db
        .insert(physicianPatientLinks)
        .values({ clinicId, patientId: plan.patientId, userId: physicianUserId, reason: 'referral' })
        .onConflictDoNothing();
    const author = signedNotes.find((n) => n.patientId === plan.patientId)?.authorId ?? plan.createdBy;
    const kind = i === 3 ? 'discharge_summary' : 'progress_report';
    const draft = await createDraft(db, {
      clinicId,
      patientId: plan.patientId,
      kind,
      referralId: plan.referralId ?? undefined,
      periodEnd: today,
      authorId: author,
      timeZone: ZONE,
      now,
    });
    const signed = await markSigned(db, draft, names.get(author) ?? 'Therapist', now);
    await deliverReport(db, signed, [physicianUserId], { at: now, by: author, timeZone: ZONE });
    if (kind === 'discharge_summary') result.dischargeSummaryId = signed.id;
    else result.reportIds.push(signed.id);
  }

  // One open records request, received 12 days ago.
  const target = treated[0];
  if (target) {
    const requestedOn = addDays(today, -12);
    const id = uuidv7();
    await db.insert(recordsRequests).values({
      clinicId,
      id,
      patientId: target.patientId,
      requestedOn,
      requesterName: 'The patient',
      requesterRelationship: 'self',
      format: 'pdf_and_fhir',
      deliverTo: 'By e-mail to the address on file',
      dueOn: addDays(requestedOn, 30),
      createdBy: options.therapistUserIds[0] ?? target.createdBy,
      createdAt: now,
    });
    result.recordsRequestId = id;
  }
  return result;
}
