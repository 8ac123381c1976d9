import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Executor } from '../../db/connection.ts';
import { assessments, referrals } from '../../db/schema/index.ts';
import { getRomNorm, type JointMotion, romStatus } from '../../domain/outcomes/rom.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { applyAmendments } from '../clinical/access.ts';
import { addendaOf, amendmentsOf } from '../clinical/records.ts';
import { userNames } from '../intake/service.ts';
import { linkedAdministrations } from '../outcome-measures/service.ts';
import type { AssessmentContent, assessment, RomMeasurement, romResult } from './schemas.ts';

export type AssessmentRow = typeof assessments.$inferSelect;

/** A ROM measurement with its normal value, the source, percent of normal and status. */
export function romView(m: RomMeasurement): z.infer<typeof romResult> {
  const jm = m.jointMotion as JointMotion;
  const spec = getRomNorm(jm);
  const result = romStatus(jm, m.value);
  return {
    jointMotion: jm,
    joint: spec.joint,
    motion: spec.motion,
    side: m.side ?? null,
    value: m.value,
    unit: spec.unit,
    normal: result.normalUsed.normal,
    normalSource: result.normalUsed.source,
    sourceKey: result.normalUsed.sourceKey,
    secondarySource: result.normalUsed.secondary,
    percentOfNormal: result.percentOfNormal,
    status: result.status,
    rule: result.rule,
    note: m.note ?? null,
  };
}

/** The patient's assessment (404 if it is not theirs); `lock` holds it FOR UPDATE until the transaction ends. */
export async function findAssessment(
  db: Executor,
  clinicId: string,
  patientId: string,
  id: string,
  { lock = false } = {},
) {
  const query = db
    .select()
    .from(assessments)
    .where(
      and(eq(assessments.clinicId, clinicId), eq(assessments.patientId, patientId), eq(assessments.id, id)),
    );
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('Assessment');
  return row;
}

export async function assertReferralOfPatient(
  db: Executor,
  clinicId: string,
  patientId: string,
  referralId: string,
  path = 'body.referralId',
) {
  const [row] = await db
    .select()
    .from(referrals)
    .where(
      and(eq(referrals.clinicId, clinicId), eq(referrals.patientId, patientId), eq(referrals.id, referralId)),
    );
  if (!row)
    throw new AppError('unprocessable', 'No such referral for this patient', [
      { path, message: 'Not a referral of this patient' },
    ]);
  return row;
}

export async function assessmentView(db: Executor, row: AssessmentRow): Promise<z.infer<typeof assessment>> {
  const link = { assessmentId: row.id };
  const amendments = await amendmentsOf(db, row.clinicId, link);
  const names = await userNames(db, [row.authorId]);
  const content = row.content as AssessmentContent;
  const current = applyAmendments(content, amendments) as AssessmentContent;
  return {
    id: row.id,
    patientId: row.patientId,
    kind: row.kind,
    referralId: row.referralId,
    status: row.status,
    assessedOn: row.assessedOn,
    author: { userId: row.authorId, name: names.get(row.authorId) ?? '' },
    content,
    current,
    rom: (current.rom ?? []).map(romView),
    outcomes: await linkedAdministrations(db, row.clinicId, link),
    amendments,
    addenda: await addendaOf(db, row.clinicId, link),
    signedAt: row.signedAt?.toISOString() ?? null,
    signatureTypedName: row.signatureTypedName,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
